/**
 * ProseMirror JSON (Tiptap StarterKit) → HTML and Markdown, on the server. The tree is first
 * reduced to the editor's schema (unknown nodes render their children, unknown marks are
 * ignored); HTML comes from Tiptap's static renderer fed the editor's extensions, Markdown from
 * the serialiser below. Output is escaped; only http(s)/mailto link targets are kept.
 */
import type { ProseMirrorMark, ProseMirrorNode } from '@coalesce/shared';
import { getSchema, type Extensions } from '@tiptap/core';
import { StarterKit } from '@tiptap/starter-kit';
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';

const MARK_ORDER = ['link', 'bold', 'italic', 'underline', 'strike', 'code'];

function sortedMarks(marks: ProseMirrorMark[] | undefined): ProseMirrorMark[] {
  return (marks ?? [])
    .filter((m) => MARK_ORDER.includes(m.type))
    .sort((a, b) => MARK_ORDER.indexOf(a.type) - MARK_ORDER.indexOf(b.type));
}

/**
 * Only absolute http(s) and mailto targets survive an export; anything else (javascript:, data:,
 * relative or protocol-relative paths, control characters) makes the link plain text.
 */
export function safeHref(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const href = value.trim();
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(href)) return null;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(href);
  if (!scheme || !['http', 'https', 'mailto'].includes(scheme[1]!.toLowerCase())) return null;
  return href;
}

/**
 * A Markdown link destination that cannot end early or open another link: everything that
 * CommonMark gives a meaning inside `(…)` (parentheses, brackets, angle brackets, quotes,
 * backslashes, whitespace) is percent-encoded. `encodeURIComponent` leaves `(` and `)` alone,
 * which let `https://ok.test/)[evil](javascript:…)` break out.
 */
export function markdownDestination(href: string): string {
  return href.replace(/[\s()<>[\]\\"'`]/gu, (c) =>
    encodeURIComponent(c).replace(
      /[()'"]/g,
      (p) => `%${p.charCodeAt(0).toString(16).toUpperCase()}`,
    ),
  );
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

/**
 * The editor's own extensions, so exports know exactly the nodes and marks a client can write.
 * Mirrors client/src/features/documents/components/CollabEditor.tsx (StarterKit with its undo
 * off; Collaboration and the carets add no content types). The client pins Tiptap 3.34 and the
 * static renderer needs 3.35 peers, so the list cannot be one shared module yet: keep both in step.
 */
export const EDITOR_EXTENSIONS: Extensions = [StarterKit.configure({ undoRedo: false })];
const EDITOR_SCHEMA = getSchema(EDITOR_EXTENSIONS);

export const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`,
  );

function knownAttrs(
  spec: Record<string, unknown> | undefined,
  attrs: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (!attrs || typeof attrs !== 'object') return undefined;
  const kept = Object.entries(attrs).filter(([k, v]) => spec && k in spec && v !== undefined);
  return kept.length ? Object.fromEntries(kept) : undefined;
}

/**
 * Any member can write arbitrary Yjs, so the stored tree may hold what the editor never makes:
 * unknown nodes are replaced by their content, unknown marks and attributes dropped, empty or
 * non-string text removed — what ProseMirror's `Node.fromJSON` would otherwise throw on.
 */
export function toEditorSchema(node: ProseMirrorNode): ProseMirrorNode[] {
  if (!node || typeof node !== 'object') return [];
  if (node.type === 'text') {
    if (typeof node.text !== 'string' || node.text === '') return [];
    const marks = (Array.isArray(node.marks) ? node.marks : [])
      .filter((m) => m && typeof m.type === 'string' && EDITOR_SCHEMA.marks[m.type])
      .map((m) => {
        const attrs = knownAttrs(EDITOR_SCHEMA.marks[m.type]!.spec.attrs, m.attrs);
        return attrs ? { type: m.type, attrs } : { type: m.type };
      });
    return [
      marks.length ? { type: 'text', text: node.text, marks } : { type: 'text', text: node.text },
    ];
  }
  const content = (Array.isArray(node.content) ? node.content : []).flatMap(toEditorSchema);
  const type = typeof node.type === 'string' ? EDITOR_SCHEMA.nodes[node.type] : undefined;
  if (!type || type.isText) return content;
  const out: ProseMirrorNode = { type: node.type };
  const attrs = knownAttrs(type.spec.attrs, node.attrs);
  if (attrs) out.attrs = attrs;
  if (content.length) out.content = content;
  return [out];
}

const joinChildren = (children: string | string[] | undefined): string =>
  Array.isArray(children) ? children.join('') : (children ?? '');

/** The body HTML of a ProseMirror document (no <html> wrapper), by Tiptap's static renderer. */
export function renderHtml(doc: ProseMirrorNode): string {
  const [content] = toEditorSchema(doc?.type === 'doc' ? doc : { type: 'doc', content: [doc] });
  if (!content?.content?.length) return '';
  try {
    return renderToHTMLString({
      content,
      extensions: EDITOR_EXTENSIONS,
      options: {
        markMapping: {
          // StarterKit's Link allows ftp:, tel: and more, and renders a refused target as an
          // empty href: an export keeps only http(s)/mailto and shows anything else as text.
          link: ({ mark, children }) => {
            const href = safeHref(mark.attrs.href);
            const inner = joinChildren(children);
            return href
              ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow">${inner}</a>`
              : inner;
          },
        },
      },
    });
  } catch {
    // Content that still breaks the schema (a block where text belongs, …) exports as text.
    return `<p>${escapeHtml(plainText(doc)).replace(/\n/g, '<br>')}</p>`;
  }
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
    return href ? `](${markdownDestination(href)})` : '';
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

/**
 * Markdown from the same schema-checked tree as the HTML. Serialised here rather than by the
 * static renderer's `pm/markdown`, which upstream calls a demonstration: it escapes neither text
 * nor link targets (the `)[evil](javascript:…)` breakout passes through it verbatim), HTML-escapes
 * code, and loses list nesting and ordered-list starts.
 */
export function renderMarkdown(doc: ProseMirrorNode): string {
  const [root] = toEditorSchema(doc?.type === 'doc' ? doc : { type: 'doc', content: [doc] });
  const body = mdBlocks(root?.content ?? []);
  return body ? `${body}\n` : '';
}
