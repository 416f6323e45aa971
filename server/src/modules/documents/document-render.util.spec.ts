import type { ProseMirrorNode } from '@coalesce/shared';
import { renderHtml, renderMarkdown, safeHref } from './document-render.util';

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
        '<hr>',
        '<p>line<br>break</p>',
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
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>',
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
    expect(safeHref('/relative')).toBe('/relative');
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
});
