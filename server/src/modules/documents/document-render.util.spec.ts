import type { ProseMirrorNode } from '@coalesce/shared';
import { markdownDestination, renderHtml, renderMarkdown, safeHref } from './document-render.util';

const text = (
  t: string,
  ...marks: (string | [string, Record<string, unknown>])[]
): ProseMirrorNode => ({
  type: 'text',
  text: t,
  ...(marks.length
    ? {
        marks: marks.map((m) =>
          typeof m === 'string' ? { type: m } : { type: m[0], attrs: m[1] },
        ),
      }
    : {}),
});
const p = (...content: ProseMirrorNode[]): ProseMirrorNode => ({ type: 'paragraph', content });
const doc = (...content: ProseMirrorNode[]): ProseMirrorNode => ({ type: 'doc', content });
const li = (...content: ProseMirrorNode[]): ProseMirrorNode => ({ type: 'listItem', content });

const sample = doc(
  { type: 'heading', attrs: { level: 2 }, content: [text('Goals')] },
  p(text('Plain '), text('bold', 'bold'), text(' and '), text('both', 'bold', 'italic'), text('.')),
  {
    type: 'bulletList',
    content: [
      li(p(text('one'))),
      li(p(text('two')), { type: 'bulletList', content: [li(p(text('nested')))] }),
    ],
  },
  {
    type: 'orderedList',
    attrs: { start: 3 },
    content: [li(p(text('third'))), li(p(text('fourth')))],
  },
  { type: 'blockquote', content: [p(text('quoted')), p(text('again'))] },
  { type: 'codeBlock', attrs: { language: 'ts' }, content: [text('const a = 1 < 2;')] },
  { type: 'horizontalRule' },
  p(text('line'), { type: 'hardBreak' }, text('break')),
  p(
    text('see '),
    text('site', ['link', { href: 'https://x.org/a b' }]),
    text(' '),
    text('x', 'code'),
    text(' '),
    text('gone', 'strike'),
  ),
);

describe('document rendering', () => {
  it('renders StarterKit nodes and marks as HTML', () => {
    expect(renderHtml(sample)).toBe(
      [
        '<h2>Goals</h2>',
        '<p>Plain <strong>bold</strong> and <strong><em>both</em></strong>.</p>',
        '<ul><li><p>one</p></li><li><p>two</p><ul><li><p>nested</p></li></ul></li></ul>',
        '<ol start="3"><li><p>third</p></li><li><p>fourth</p></li></ol>',
        '<blockquote><p>quoted</p><p>again</p></blockquote>',
        '<pre><code class="language-ts">const a = 1 &lt; 2;</code></pre>',
        '<hr/>',
        '<p>line<br/>break</p>',
        '<p>see <a href="https://x.org/a b" rel="noopener noreferrer nofollow">site</a> <code>x</code> <s>gone</s></p>',
      ].join(''),
    );
  });

  it('renders StarterKit nodes and marks as Markdown', () => {
    expect(renderMarkdown(sample)).toBe(
      [
        '## Goals',
        'Plain **bold** and ***both***.',
        '- one\n- two\n  - nested',
        '3. third\n4. fourth',
        '> quoted\n>\n> again',
        '```ts\nconst a = 1 < 2;\n```',
        '---',
        'line\\\nbreak',
        'see [site](https://x.org/a%20b) `x` ~~gone~~',
      ].join('\n\n') + '\n',
    );
  });

  it('keeps adjacent marked runs together and whitespace outside delimiters', () => {
    expect(
      renderMarkdown(doc(p(text('a ', 'bold'), text('b', 'bold', 'italic'), text(' c')))),
    ).toBe('**a *b*** c\n');
  });

  it('escapes text so it cannot inject markup', () => {
    expect(renderHtml(doc(p(text('<script>alert("x")</script>'))))).toBe(
      '<p>&lt;script&gt;alert("x")&lt;/script&gt;</p>',
    );
    expect(renderMarkdown(doc(p(text('# not a heading *nor* [link]'))))).toBe(
      '\\# not a heading \\*nor\\* \\[link\\]\n',
    );
    expect(renderMarkdown(doc(p(text('1. not a list'))))).toBe('1\\. not a list\n');
  });

  it('drops unsafe link targets', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref(' JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(safeHref('mailto:a@b.c')).toBe('mailto:a@b.c');
    expect(safeHref('/relative')).toBeNull();
    expect(safeHref('//evil.example/x')).toBeNull();
    expect(safeHref('https://ok.test/\u0000')).toBeNull();
    const evil = doc(p(text('click', ['link', { href: 'javascript:alert(1)' }])));
    expect(renderHtml(evil)).toBe('<p>click</p>');
    expect(renderMarkdown(evil)).toBe('click\n');
  });

  it('renders an empty document as nothing, and unknown nodes by their content', () => {
    expect(renderHtml(doc())).toBe('');
    expect(renderMarkdown(doc())).toBe('');
    expect(renderHtml(doc({ type: 'mystery', content: [p(text('inside'))] }))).toBe(
      '<p>inside</p>',
    );
  });

  const breakout = 'https://ok.test/)[evil](javascript:alert(1))';

  it('keeps a link target with parentheses inside its link (no breakout)', () => {
    const md = renderMarkdown(doc(p(text('ok', ['link', { href: breakout }]))));
    expect(md).toBe('[ok](https://ok.test/%29%5Bevil%5D%28javascript:alert%281%29%29)\n');
    // One link only: the destination holds no character that could end it or open another.
    expect(md.match(/\]\(/g)).toHaveLength(1);
    expect(markdownDestination('https://x.test/a b<c>"d\'\\e`')).toBe(
      'https://x.test/a%20b%3Cc%3E%22d%27%5Ce%60',
    );
    expect(renderHtml(doc(p(text('ok', ['link', { href: breakout }]))))).toBe(
      `<p><a href="${breakout}" rel="noopener noreferrer nofollow">ok</a></p>`,
    );
    const quoted = 'https://ok.test/"><script>x</script>';
    expect(renderHtml(doc(p(text('q', ['link', { href: quoted }]))))).toBe(
      '<p><a href="https://ok.test/&quot;&gt;&lt;script&gt;x&lt;/script&gt;" rel="noopener noreferrer nofollow">q</a></p>',
    );
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:x',
    'ftp://files.test/a',
    '',
  ])('renders a link to %j as plain text', (href) => {
    const d = doc(p(text('a '), text('click <me>', ['link', { href }], 'bold')));
    expect(renderHtml(d)).toBe('<p>a <strong>click &lt;me&gt;</strong></p>');
    expect(renderMarkdown(d)).toBe('a **click \\<me\\>**\n');
  });

  it('keeps http, https and mailto links', () => {
    const d = doc(
      p(
        text('h', ['link', { href: 'http://a.test' }]),
        text('s', ['link', { href: 'HTTPS://b.test/x?y=1&z=2' }]),
        text('m', ['link', { href: 'mailto:c@d.test' }]),
      ),
    );
    expect(renderHtml(d)).toBe(
      '<p><a href="http://a.test" rel="noopener noreferrer nofollow">h</a>' +
        '<a href="HTTPS://b.test/x?y=1&amp;z=2" rel="noopener noreferrer nofollow">s</a>' +
        '<a href="mailto:c@d.test" rel="noopener noreferrer nofollow">m</a></p>',
    );
    expect(renderMarkdown(d)).toBe(
      '[h](http://a.test)[s](HTTPS://b.test/x?y=1&z=2)[m](mailto:c@d.test)\n',
    );
  });

  it('escapes text in headings, lists and code', () => {
    const d = doc(
      { type: 'heading', attrs: { level: 1 }, content: [text('<img src=x onerror=alert(1)>')] },
      { type: 'bulletList', content: [li(p(text('a & b')))] },
      { type: 'orderedList', content: [li(p(text('</ol><script>')))] },
      { type: 'codeBlock', attrs: { language: 'html' }, content: [text('<b>\n```\nx')] },
      p(text('<i>', 'code')),
    );
    expect(renderHtml(d)).toBe(
      [
        '<h1>&lt;img src=x onerror=alert(1)&gt;</h1>',
        '<ul><li><p>a &amp; b</p></li></ul>',
        '<ol><li><p>&lt;/ol&gt;&lt;script&gt;</p></li></ol>',
        '<pre><code class="language-html">&lt;b&gt;\n```\nx</code></pre>',
        '<p><code>&lt;i&gt;</code></p>',
      ].join(''),
    );
    expect(renderMarkdown(d)).toBe(
      [
        '# \\<img src=x onerror=alert(1)\\>',
        '- a & b',
        '1. \\</ol\\>\\<script\\>',
        '````html\n<b>\n```\nx\n````',
        '`<i>`',
      ].join('\n\n') + '\n',
    );
  });

  it('survives what no editor writes: unknown marks and attributes, odd levels, bad text', () => {
    const d = doc(
      { type: 'heading', attrs: { level: 99, onclick: 'x' }, content: [text('h', 'zap')] },
      p(text(''), { type: 'text' } as ProseMirrorNode, text('t', ['bold', { evil: 1 }])),
      { type: 'mystery', attrs: { a: 1 }, content: [text('loose')] },
    );
    expect(renderHtml(d)).toBe('<h1>h</h1><p><strong>t</strong></p>loose');
    expect(renderMarkdown(d)).toBe('# h\n\n**t**\n\nloose\n');
  });
});
