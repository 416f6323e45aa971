/**
 * The Tiptap content of a document lives in the Y.XmlFragment `default`, in y-prosemirror's
 * layout: a Y.XmlElement per node (nodeName = node type, attributes = node attrs) and a
 * Y.XmlText per run of text whose formatting attributes are the marks (name → attrs).
 */
import { COLLAB_FRAGMENT, type ProseMirrorMark, type ProseMirrorNode } from '@coalesce/shared';
import * as Y from 'yjs';

/** y-prosemirror suffixes marks that may overlap with `--<hash>`. */
const markName = (key: string) => key.replace(/--[a-zA-Z0-9+/=]+$/, '');

function textNodes(text: Y.XmlText): ProseMirrorNode[] {
  const delta = text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[];
  const nodes: ProseMirrorNode[] = [];
  for (const op of delta) {
    if (typeof op.insert !== 'string' || op.insert.length === 0) continue;
    const node: ProseMirrorNode = { type: 'text', text: op.insert };
    const attrs = op.attributes ?? {};
    const marks: ProseMirrorMark[] = [];
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      const mark: ProseMirrorMark = { type: markName(key) };
      if (typeof value === 'object' && Object.keys(value).length > 0) {
        mark.attrs = value as Record<string, unknown>;
      }
      marks.push(mark);
    }
    if (marks.length) node.marks = marks;
    nodes.push(node);
  }
  return nodes;
}

function elementNode(el: Y.XmlElement): ProseMirrorNode {
  const node: ProseMirrorNode = { type: el.nodeName };
  const attrs = el.getAttributes() as Record<string, unknown>;
  if (Object.keys(attrs).length) node.attrs = attrs;
  const content = children(el);
  if (content.length) node.content = content;
  return node;
}

function children(parent: Y.XmlFragment | Y.XmlElement): ProseMirrorNode[] {
  const out: ProseMirrorNode[] = [];
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) out.push(...textNodes(child));
    else if (child instanceof Y.XmlElement) out.push(elementNode(child));
  }
  return out;
}

/** Like y-prosemirror's `yXmlFragmentToProsemirrorJSON`: `{type: 'doc', content}`. */
export function fragmentToProseMirror(fragment: Y.XmlFragment): ProseMirrorNode {
  return { type: 'doc', content: children(fragment) };
}

export function docToProseMirror(doc: Y.Doc): ProseMirrorNode {
  return fragmentToProseMirror(doc.getXmlFragment(COLLAB_FRAGMENT));
}

/**
 * The Yjs update that turns `current`'s content into `target`'s: in one transaction on a copy,
 * every child of the fragment is deleted and the target's children inserted. Applied to the
 * live document it is an ordinary change (not a reset), so every client merges it. Returns
 * null when nothing changes.
 */
export function replaceContentUpdate(current: Y.Doc, target: Y.Doc): Uint8Array | null {
  const copy = new Y.Doc();
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(current));
    const updates: Uint8Array[] = [];
    copy.on('update', (u: Uint8Array) => updates.push(u));
    const source = target.getXmlFragment(COLLAB_FRAGMENT);
    copy.transact(() => {
      const fragment = copy.getXmlFragment(COLLAB_FRAGMENT);
      if (fragment.length) fragment.delete(0, fragment.length);
      const clones = source
        .toArray()
        .filter(
          (c): c is Y.XmlElement | Y.XmlText => c instanceof Y.XmlElement || c instanceof Y.XmlText,
        )
        .map((c) => c.clone());
      if (clones.length) fragment.insert(0, clones);
    });
    return updates.length ? Y.mergeUpdates(updates) : null;
  } finally {
    copy.destroy();
  }
}
