import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { isRemote, resolveAnchor, type Anchor } from './anchors';

export interface AnchoredThread {
  id: string;
  anchor: Pick<Anchor, 'start' | 'end'>;
}

interface PluginState {
  threads: AnchoredThread[];
  active: string | null;
  decorations: DecorationSet;
}

export const threadAnchorsKey = new PluginKey<PluginState>('threadAnchors');

/** Meta of a transaction that replaces the anchored threads and/or the active one. */
export interface ThreadAnchorsMeta {
  threads?: AnchoredThread[];
  active?: string | null;
}

function decorate(state: EditorState, threads: AnchoredThread[], active: string | null) {
  const decos: Decoration[] = [];
  for (const t of threads) {
    const range = resolveAnchor(state, t.anchor);
    if (!range) continue;
    decos.push(
      Decoration.inline(range.from, range.to, {
        class: t.id === active ? 'thread-anchor thread-anchor--active' : 'thread-anchor',
        'data-thread-id': t.id,
      }),
    );
  }
  return DecorationSet.create(state.doc, decos);
}

/**
 * Highlights the anchored ranges. They are computed from the relative positions whenever the
 * threads change or Yjs changed the document (the binding's mapping is then up to date); a
 * local edit maps the highlights through the edit itself, since the binding writes it to Yjs
 * only after this state exists.
 */
export const ThreadAnchors = Extension.create({
  name: 'threadAnchors',
  addProseMirrorPlugins() {
    return [
      new Plugin<PluginState>({
        key: threadAnchorsKey,
        state: {
          init: () => ({ threads: [], active: null, decorations: DecorationSet.empty }),
          apply(tr, prev, _old, state) {
            const meta = tr.getMeta(threadAnchorsKey) as ThreadAnchorsMeta | undefined;
            if (meta || isRemote(tr)) {
              const threads = meta?.threads ?? prev.threads;
              const active = meta?.active !== undefined ? meta.active : prev.active;
              return { threads, active, decorations: decorate(state, threads, active) };
            }
            if (!tr.docChanged) return prev;
            return { ...prev, decorations: prev.decorations.map(tr.mapping, tr.doc) };
          },
        },
        props: {
          decorations: (state) => threadAnchorsKey.getState(state)?.decorations,
        },
      }),
    ];
  },
});
