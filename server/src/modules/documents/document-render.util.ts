/**
 * ProseMirror JSON (Tiptap StarterKit) → HTML and Markdown, on the server. Nodes: paragraph,
 * heading, bulletList, orderedList, listItem, blockquote, codeBlock, horizontalRule, hardBreak,
 * text; marks: bold, italic, underline, strike, code, link. Unknown nodes render their
 * children; unknown marks are ignored. Output is escaped; only safe link targets are kept.
 */
import type { ProseMirrorMark, ProseMirrorNode } from '@coalesce/shared';

const MARK_ORDER = ['link', 'bold', 'italic', 'underline', 'strike', 'code'];

function sortedMarks(marks: ProseMirrorMark[] | undefined): ProseMirrorMark[] {
  return (marks ?? [])
    .filter((m) => MARK_ORDER.includes(m.type))
    .sort((a, b) => MARK_ORDER.indexOf(a.type) - MARK_ORDER.indexOf(b.type));
}

/** http(s), mailto, and relative links; anything else (javascript:, data:, …) is dropped. */
export function safeHref(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const href = value.trim();
  if (!href) return null;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(href);
  if (scheme && !['http', 'https', 'mailto'].includes(scheme[1]!.toLowerCase())) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(href)) return null;
  return href;
}

function headingLevel(node: ProseMirrorNode): number {
  const level = Number(node.attrs?.level);
  return Number.isInteger(level) && level >= 1 && level <= 6 ? level : 1;
}

function orderedStart(node: ProseMirrorNode): number {
  const start = Number(node.attrs?.start);
  return Number.isInteger(start) && start >= 0 ? start : 1;
}

function plainText(node: ProseMirrorNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(plainText).join('');
}

// ---------------------------------------------------------------- HTML

export const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`,
  );

function htmlText(node: ProseMirrorNode): string {
  let out = escapeHtml(node.text ?? '');
  for (const mark of sortedMarks(node.marks).reverse()) {
    switch (mark.type) {
      case 'bold':
        out = `<strong>${out}</strong>`;
        break;
      case 'italic':
        out = `<em>${out}</em>`;
        break;
      case 'underline':
        out = `<u>${out}</u>`;
        break;
      case 'strike':
        out = `<s>${out}</s>`;
        break;
      case 'code':
        out = `<code>${out}</code>`;
        break;
      case 'link': {
        const href = safeHref(mark.attrs?.href);
        if (href)
          out = `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow">${out}</a>`;
        break;
      }
    }
  }
  return out;
}

function htmlNode(node: ProseMirrorNode): string {
  const inner = () => (node.content ?? []).map(htmlNode).join('');
  switch (node.type) {
    case 'doc':
      return inner();
    case 'text':
      return htmlText(node);
    case 'paragraph':
      return `<p>${inner()}</p>`;
    case 'heading': {
      const l = headingLevel(node);
      return `<h${l}>${inner()}</h${l}>`;
    }
    case 'bulletList':
      return `<ul>${inner()}</ul>`;
    case 'orderedList': {
      const start = orderedStart(node);
      return start === 1 ? `<ol>${inner()}</ol>` : `<ol start="${start}">${inner()}</ol>`;
    }
    case 'listItem':
      return `<li>${inner()}</li>`;
    case 'blockquote':
      return `<blockquote>${inner()}</blockquote>`;
    case 'codeBlock': {
      const lang = node.attrs?.language;
      const cls =
        typeof lang === 'string' && /^[\w+#.-]{1,40}$/.test(lang)
          ? ` class="language-${escapeHtml(lang)}"`
          : '';
      return `<pre><code${cls}>${escapeHtml(plainText(node))}</code></pre>`;
    }
    case 'horizontalRule':
      return '<hr>';
    case 'hardBreak':
      return '<br>';
    default:
      return inner();
  }
}

/** The body HTML of a ProseMirror document (no <html> wrapper). */
export function renderHtml(doc: ProseMirrorNode): string {
  return htmlNode(doc);
}

/** A standalone HTML page for export. */
export function renderHtmlPage(title: string, doc: ProseMirrorNode): string {
  return `<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n</head>\n<body>\n${renderHtml(doc)}\n</body>\n</html>\n`;
}

// ------------------------------------------------------------ Markdown

/** Escapes characters that would otherwise start Markdown syntax inside text. */
export const escapeMarkdown = (s: string): string => s.replace(/[\\`*_~[\]<>|]/g, '\\$&');

/** Escapes what would make a line start a block construct (heading, list, quote, rule). */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([#+-]|=+$)/, '$1\\$2').replace(/^(\s*)(\d+)([.)])/, '$1$2\\$3');
}

const MD_DELIMS: Record<string, [string, string]> = {
  bold: ['**', '**'],
  italic: ['*', '*'],
  strike: ['~~', '~~'],
};

function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function mdOpen(mark: ProseMirrorMark): string {
  if (mark.type === 'link') return safeHref(mark.attrs?.href) ? '[' : '';
  return MD_DELIMS[mark.type]?.[0] ?? '';
}

function mdClose(mark: ProseMirrorMark): string {
  if (mark.type === 'link') {
    const href = safeHref(mark.attrs?.href);
    return href ? `](${href.replace(/[()\s]/g, (c) => encodeURIComponent(c))})` : '';
  }
  return MD_DELIMS[mark.type]?.[1] ?? '';
}

const sameMark = (a: ProseMirrorMark, b: ProseMirrorMark) =>
  a.type === b.type && JSON.stringify(a.attrs ?? {}) === JSON.stringify(b.attrs ?? {});

/**
 * Inline content with marks opened and closed across text nodes (so adjacent bold runs stay
 * one `**…**`), whitespace kept outside delimiters as CommonMark requires.
 */
function mdInline(nodes: ProseMirrorNode[]): string {
  let out = '';
  let stack: ProseMirrorMark[] = [];
  let pendingSpace = '';
  const closeTo = (k: number) => {
    while (stack.length > k) out += mdClose(stack.pop()!);
  };
  for (const node of nodes) {
    if (node.type === 'hardBreak') {
      out += pendingSpace + '\\\n';
      pendingSpace = '';
      continue;
    }
    if (node.type !== 'text') {
      out += pendingSpace + mdInline(node.content ?? []);
      pendingSpace = '';
      continue;
    }
    const raw = node.text ?? '';
    const marks = sortedMarks(node.marks).filter((m) => m.type !== 'underline');
    const code = marks.some((m) => m.type === 'code');
    const outer = marks.filter((m) => m.type !== 'code');
    let k = 0;
    while (k < stack.length && k < outer.length && sameMark(stack[k]!, outer[k]!)) k++;
    const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(raw) ?? [];
    if (!core) {
      pendingSpace += raw;
      continue;
    }
    closeTo(k);
    out += pendingSpace + lead;
    for (const m of outer.slice(k)) {
      out += mdOpen(m);
      stack.push(m);
    }
    out += code ? codeSpan(core) : escapeMarkdown(core);
    pendingSpace = trail;
  }
  closeTo(0);
  stack = [];
  return out + pendingSpace;
}

const indent = (text: string, first: string, rest: string) =>
  text
    .split('\n')
    .map((line, i) => (i === 0 ? first : line ? rest : '') + line)
    .join('\n');

function mdBlocks(nodes: ProseMirrorNode[], separator = '\n\n'): string {
  return nodes
    .map(mdBlock)
    .filter((s) => s !== '')
    .join(separator);
}

function mdBlock(node: ProseMirrorNode): string {
  switch (node.type) {
    case 'paragraph':
      return mdInline(node.content ?? [])
        .split('\n')
        .map(escapeLineStart)
        .join('\n');
    case 'heading':
      return `${'#'.repeat(headingLevel(node))} ${mdInline(node.content ?? []).replace(/\\\n/g, ' ')}`;
    case 'blockquote':
      return mdBlocks(node.content ?? [])
        .split('\n')
        .map((l) => (l ? `> ${l}` : '>'))
        .join('\n');
    case 'bulletList':
      return (node.content ?? [])
        .map((item) => indent(mdBlocks(item.content ?? [], '\n'), '- ', '  '))
        .join('\n');
    case 'orderedList': {
      let n = orderedStart(node);
      return (node.content ?? [])
        .map((item) => {
          const marker = `${n++}. `;
          return indent(mdBlocks(item.content ?? [], '\n'), marker, ' '.repeat(marker.length));
        })
        .join('\n');
    }
    case 'listItem':
      return mdBlocks(node.content ?? [], '\n');
    case 'codeBlock': {
      const text = plainText(node);
      const longest = Math.max(0, ...(text.match(/`{3,}/g) ?? []).map((r) => r.length));
      const fence = '`'.repeat(Math.max(3, longest + 1));
      const lang =
        typeof node.attrs?.language === 'string' ? node.attrs.language.replace(/\s/g, '') : '';
      return `${fence}${lang}\n${text}\n${fence}`;
    }
    case 'horizontalRule':
      return '---';
    case 'text':
    case 'hardBreak':
      return mdInline([node]);
    default:
      return mdBlocks(node.content ?? []);
  }
}

export function renderMarkdown(doc: ProseMirrorNode): string {
  const body = doc.type === 'doc' ? mdBlocks(doc.content ?? []) : mdBlock(doc);
  return body ? `${body}\n` : '';
}
