/**
 * The structured difference between two ProseMirror documents, for the history panel: blocks
 * are aligned first (a longest common subsequence over the blocks' type, context and text),
 * then each replaced block that still resembles its replacement is shown as one `changed` block
 * with a word-level text diff, the rest as whole `deleted` / `inserted` blocks.
 */
import type {
  DocumentDiffBlock,
  DocumentDiffSegment,
  DocumentDiffDto,
  ProseMirrorNode,
} from '@coalesce/shared';
import { diffArrays, diffWordsWithSpace } from 'diff';

/** A leaf block of a document: text block or atom, with the containers it sits in. */
export interface FlatBlock {
  blockType: string;
  level?: number;
  context: string[];
  text: string;
}

/** Nodes whose children are blocks: walked into, their names kept as context. */
const CONTAINERS = new Set(['doc', 'bulletList', 'orderedList', 'listItem', 'blockquote']);

function inlineText(node: ProseMirrorNode): string {
  if (node.type === 'text') return typeof node.text === 'string' ? node.text : '';
  if (node.type === 'hardBreak') return '\n';
  return (Array.isArray(node.content) ? node.content : []).map(inlineText).join('');
}

/** The document's leaf blocks in order. Any member can write arbitrary Yjs: be lenient. */
export function flattenBlocks(doc: ProseMirrorNode | null | undefined): FlatBlock[] {
  const out: FlatBlock[] = [];
  const walk = (node: ProseMirrorNode, context: string[]) => {
    if (!node || typeof node !== 'object' || typeof node.type !== 'string') return;
    const content = Array.isArray(node.content) ? node.content : [];
    const isContainer =
      CONTAINERS.has(node.type) || (content.length > 0 && content.every(isBlockish));
    if (isContainer) {
      const inner = node.type === 'doc' ? context : [...context, node.type];
      for (const child of content) walk(child, inner);
      return;
    }
    if (node.type === 'text' || node.type === 'hardBreak') {
      // Stray inline content directly in a container: its own paragraph-like block.
      out.push({ blockType: 'paragraph', context, text: inlineText(node) });
      return;
    }
    const block: FlatBlock = { blockType: node.type, context, text: inlineText(node) };
    const level = Number(node.attrs?.level);
    if (node.type === 'heading' && Number.isInteger(level)) block.level = level;
    out.push(block);
  };
  if (doc) walk(doc, []);
  return out;
}

const isBlockish = (n: ProseMirrorNode) =>
  !!n && typeof n === 'object' && n.type !== 'text' && n.type !== 'hardBreak';

const keyOf = (b: FlatBlock) => JSON.stringify([b.blockType, b.level ?? null, b.context, b.text]);

/** Word-level diff of two texts, adjacent runs of the same kind merged. */
export function diffText(before: string, after: string): DocumentDiffSegment[] {
  const out: DocumentDiffSegment[] = [];
  for (const part of diffWordsWithSpace(before, after)) {
    if (!part.value) continue;
    const op = part.added ? 'insert' : part.removed ? 'delete' : 'equal';
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += part.value;
    else out.push({ op, text: part.value });
  }
  return out;
}

/** Share of the two texts that the word diff keeps (0 … 1); two empty texts are alike. */
function similarity(segments: DocumentDiffSegment[], before: string, after: string): number {
  const total = before.length + after.length;
  if (total === 0) return 1;
  const kept = segments.filter((s) => s.op === 'equal').reduce((n, s) => n + s.text.length, 0);
  return (2 * kept) / total;
}

/**
 * How many insertions ahead a deleted block looks for its edited self: keeps a large replaced
 * hunk (a restore of a very different version) to a bounded number of text diffs per block.
 */
const LOOKAHEAD = 8;

/** A replaced block counts as "changed" (not deleted + inserted) from this much likeness on. */
export const CHANGED_SIMILARITY = 0.4;

const whole = (
  type: 'unchanged' | 'inserted' | 'deleted',
  b: FlatBlock,
  op: DocumentDiffSegment['op'],
): DocumentDiffBlock => ({
  type,
  blockType: b.blockType,
  ...(b.level !== undefined ? { level: b.level } : {}),
  context: b.context,
  segments: b.text ? [{ op, text: b.text }] : [],
});

/**
 * Pairs the deleted and inserted blocks of one hunk, in order: a deleted block becomes
 * `changed` against the first later insertion of the same block type that resembles it
 * enough; insertions passed over on the way stay insertions.
 */
function pairHunk(deleted: FlatBlock[], inserted: FlatBlock[]): DocumentDiffBlock[] {
  const out: DocumentDiffBlock[] = [];
  let next = 0;
  for (const d of deleted) {
    let match = -1;
    let segments: DocumentDiffSegment[] = [];
    for (let k = next; k < Math.min(inserted.length, next + LOOKAHEAD); k++) {
      const i = inserted[k]!;
      // Same kind of block; its context or level may differ (an item moved into a quote, a
      // heading's level): still a change of that block.
      if (i.blockType !== d.blockType) continue;
      const s = diffText(d.text, i.text);
      if (similarity(s, d.text, i.text) >= CHANGED_SIMILARITY) {
        match = k;
        segments = s;
        break;
      }
    }
    if (match < 0) {
      out.push(whole('deleted', d, 'delete'));
      continue;
    }
    for (; next < match; next++) out.push(whole('inserted', inserted[next]!, 'insert'));
    const i = inserted[match]!;
    out.push({
      type: 'changed',
      blockType: i.blockType,
      ...(i.level !== undefined ? { level: i.level } : {}),
      context: i.context,
      segments,
    });
    next = match + 1;
  }
  for (; next < inserted.length; next++) out.push(whole('inserted', inserted[next]!, 'insert'));
  return out;
}

/** The blocks of `after` against `before`, in reading order (deleted blocks where they were). */
export function diffBlocks(
  before: ProseMirrorNode | null | undefined,
  after: ProseMirrorNode | null | undefined,
): DocumentDiffBlock[] {
  const a = flattenBlocks(before);
  const b = flattenBlocks(after);
  const keys = new Map<FlatBlock, string>([...a, ...b].map((x) => [x, keyOf(x)]));
  const parts = diffArrays(a, b, { comparator: (x, y) => keys.get(x) === keys.get(y) });
  const out: DocumentDiffBlock[] = [];
  let deleted: FlatBlock[] = [];
  let inserted: FlatBlock[] = [];
  const flush = () => {
    if (deleted.length || inserted.length) out.push(...pairHunk(deleted, inserted));
    deleted = [];
    inserted = [];
  };
  for (const part of parts) {
    if (part.removed) deleted.push(...part.value);
    else if (part.added) inserted.push(...part.value);
    else {
      flush();
      for (const block of part.value) out.push(whole('unchanged', block, 'equal'));
    }
  }
  flush();
  return out;
}

export function diffStats(blocks: DocumentDiffBlock[]): DocumentDiffDto['stats'] {
  const stats = { unchanged: 0, inserted: 0, deleted: 0, changed: 0 };
  for (const b of blocks) stats[b.type] += 1;
  return stats;
}
