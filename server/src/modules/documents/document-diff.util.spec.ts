import type { DocumentDiffBlock, ProseMirrorNode } from '@coalesce/shared';
import fc from 'fast-check';
import { diffBlocks, diffStats, diffText, flattenBlocks } from './document-diff.util';

const p = (text: string): ProseMirrorNode =>
  text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' };
const h = (level: number, text: string): ProseMirrorNode => ({
  type: 'heading',
  attrs: { level },
  content: [{ type: 'text', text }],
});
const doc = (...content: ProseMirrorNode[]): ProseMirrorNode => ({ type: 'doc', content });
const list = (...items: string[]): ProseMirrorNode => ({
  type: 'bulletList',
  content: items.map((t) => ({ type: 'listItem', content: [p(t)] })),
});

/** The text a block has on one side: equal runs plus that side's own runs. */
const side = (b: DocumentDiffBlock, which: 'before' | 'after') =>
  b.segments
    .filter((s) => s.op === 'equal' || s.op === (which === 'before' ? 'delete' : 'insert'))
    .map((s) => s.text)
    .join('');
const summary = (blocks: DocumentDiffBlock[]) =>
  blocks.map((b) => `${b.type}:${b.segments.map((s) => `${s.op[0]}(${s.text})`).join('')}`);

describe('document diff', () => {
  it('flattens lists, quotes and headings to leaf blocks with their context', () => {
    const blocks = flattenBlocks(
      doc(
        h(2, 'Goal'),
        list('one', 'two'),
        { type: 'blockquote', content: [p('quoted')] },
        { type: 'horizontalRule' },
        { type: 'paragraph', content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }] },
      ),
    );
    expect(blocks).toEqual([
      { blockType: 'heading', level: 2, context: [], text: 'Goal' },
      { blockType: 'paragraph', context: ['bulletList', 'listItem'], text: 'one' },
      { blockType: 'paragraph', context: ['bulletList', 'listItem'], text: 'two' },
      { blockType: 'paragraph', context: ['blockquote'], text: 'quoted' },
      { blockType: 'horizontalRule', context: [], text: '' },
      { blockType: 'paragraph', context: [], text: 'a\n' },
    ]);
  });

  it('tolerates malformed trees (anything a member can write into Yjs)', () => {
    expect(flattenBlocks(null)).toEqual([]);
    expect(
      flattenBlocks({ type: 'doc', content: [null as never, { type: 'text', text: 'x' }] }),
    ).toEqual([{ blockType: 'paragraph', context: [], text: 'x' }]);
    expect(diffBlocks(undefined, doc(p('new')))).toEqual([
      {
        type: 'inserted',
        blockType: 'paragraph',
        context: [],
        segments: [{ op: 'insert', text: 'new' }],
      },
    ]);
  });

  it('diffs text word by word', () => {
    expect(diffText('We share one river', 'We share the river now')).toEqual([
      { op: 'equal', text: 'We share ' },
      { op: 'delete', text: 'one' },
      { op: 'insert', text: 'the' },
      { op: 'equal', text: ' river' },
      { op: 'insert', text: ' now' },
    ]);
    expect(diffText('same', 'same')).toEqual([{ op: 'equal', text: 'same' }]);
    expect(diffText('', '')).toEqual([]);
  });

  it('identical documents are all unchanged', () => {
    const d = doc(h(1, 'Vision'), p('Clean water for all.'));
    const blocks = diffBlocks(d, d);
    expect(blocks.map((b) => b.type)).toEqual(['unchanged', 'unchanged']);
    expect(blocks[0]).toMatchObject({ blockType: 'heading', level: 1 });
    expect(diffStats(blocks)).toEqual({ unchanged: 2, inserted: 0, deleted: 0, changed: 0 });
  });

  it('aligns blocks: an inserted block, a deleted block and an edited one', () => {
    const before = doc(
      h(1, 'Vision'),
      p('First we listen.'),
      p('Then we decide together.'),
      p('Old end.'),
    );
    const after = doc(
      h(1, 'Vision'),
      p('A new opening.'),
      p('First we listen.'),
      p('Then we all decide together.'),
    );
    expect(summary(diffBlocks(before, after))).toEqual([
      'unchanged:e(Vision)',
      'inserted:i(A new opening.)',
      'unchanged:e(First we listen.)',
      'changed:e(Then we )i(all )e(decide together.)',
      'deleted:d(Old end.)',
    ]);
  });

  it('a rewritten block is deleted + inserted, not a changed block of noise', () => {
    const blocks = diffBlocks(
      doc(p('Completely different words here')),
      doc(p('Nothing alike at all')),
    );
    expect(blocks.map((b) => b.type)).toEqual(['deleted', 'inserted']);
  });

  it('a heading and a paragraph never pair; a heading level change is a change', () => {
    expect(diffBlocks(doc(p('Our goal')), doc(h(2, 'Our goal'))).map((b) => b.type)).toEqual([
      'deleted',
      'inserted',
    ]);
    const level = diffBlocks(doc(h(1, 'Our goal')), doc(h(2, 'Our goal')));
    expect(level).toEqual([
      {
        type: 'changed',
        blockType: 'heading',
        level: 2,
        context: [],
        segments: [{ op: 'equal', text: 'Our goal' }],
      },
    ]);
  });

  it('list items keep their context', () => {
    const blocks = diffBlocks(doc(list('one', 'two')), doc(list('one', 'two', 'three')));
    expect(blocks[2]).toEqual({
      type: 'inserted',
      blockType: 'paragraph',
      context: ['bulletList', 'listItem'],
      segments: [{ op: 'insert', text: 'three' }],
    });
  });

  it('a large replaced hunk stays fast (bounded look-ahead)', () => {
    const many = (prefix: string) =>
      doc(...Array.from({ length: 600 }, (_, i) => p(`${prefix} ${i} ${'word '.repeat(30)}`)));
    const started = Date.now();
    const blocks = diffBlocks(many('alpha'), many('omega'));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(diffStats(blocks).changed).toBe(600);
  });

  it('property: each side of the diff reads back as that document', () => {
    const word = fc.constantFrom('river', 'water', 'we', 'share', 'the', 'land', 'now', '');
    const text = fc.array(word, { maxLength: 6 }).map((w) => w.join(' ').trim());
    const block = fc.oneof(
      text.map(p),
      text.filter((t) => t.length > 0).map((t) => h(2, t)),
    );
    const document = fc.array(block, { maxLength: 6 }).map((c) => doc(...c));
    fc.assert(
      fc.property(document, document, (a, b) => {
        const blocks = diffBlocks(a, b);
        const before = blocks.filter((x) => x.type !== 'inserted').map((x) => side(x, 'before'));
        const after = blocks.filter((x) => x.type !== 'deleted').map((x) => side(x, 'after'));
        expect(before).toEqual(flattenBlocks(a).map((x) => x.text));
        expect(after).toEqual(flattenBlocks(b).map((x) => x.text));
        for (const x of blocks) {
          if (x.type === 'unchanged') expect(x.segments.every((s) => s.op === 'equal')).toBe(true);
          if (x.type === 'inserted') expect(x.segments.every((s) => s.op === 'insert')).toBe(true);
          if (x.type === 'deleted') expect(x.segments.every((s) => s.op === 'delete')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
