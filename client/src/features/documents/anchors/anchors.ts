/**
 * Anchors of comment threads in a collaborative document: a range kept as two Yjs relative
 * positions (base64 of `Y.encodeRelativePosition`) on the Tiptap Y.XmlFragment, so it follows
 * everyone's edits. ProseMirror positions go through y-tiptap's mapping of the sync binding.
 */
import type { EditorState, Transaction } from '@tiptap/pm/state';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/** The server's limit on a thread's quote. */
export const QUOTE_MAX = 2000;

export interface Anchor {
  start: string;
  end: string;
  quote: string;
}

interface Binding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Map<Y.AbstractType<unknown>, unknown>;
}

function bindingOf(state: EditorState): Binding | null {
  const binding = ySyncPluginKey.getState(state)?.binding as Binding | undefined;
  return binding?.doc && binding.type && binding.mapping ? binding : null;
}

export function encodePosition(rel: Y.RelativePosition): string {
  const bytes = Y.encodeRelativePosition(rel);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function decodePosition(encoded: string): Y.RelativePosition | null {
  try {
    const s = atob(encoded);
    const bytes = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
    return Y.decodeRelativePosition(bytes);
  } catch {
    return null;
  }
}

/**
 * A ProseMirror position as a relative position that sticks to the character after it
 * (`assoc` 0: a range's start) or before it (`assoc` -1: its end), so text typed right at a
 * boundary stays outside the range. y-tiptap finds the Y.XmlText and index; the association
 * is then chosen here.
 */
function toRelative(binding: Binding, pos: number, assoc: 0 | -1): Y.RelativePosition {
  const rel = absolutePositionToRelativePosition(pos, binding.type, binding.mapping as never);
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, binding.doc);
  if (!abs || !(abs.type instanceof Y.XmlText)) return rel;
  return Y.createRelativePositionFromTypeIndex(abs.type, abs.index, assoc);
}

/**
 * The anchor of the selection `from`–`to` in the editor's state, or null without a range or
 * before the document is bound to Yjs. The quote is the selected text (cut at the limit).
 */
export function anchorFromRange(state: EditorState, from: number, to: number): Anchor | null {
  const binding = bindingOf(state);
  if (!binding || to <= from) return null;
  const text = state.doc.textBetween(from, to, '\n', ' ').trim();
  if (!text) return null;
  const quote = text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX - 1)}…` : text;
  return {
    start: encodePosition(toRelative(binding, from, 0)),
    end: encodePosition(toRelative(binding, to, -1)),
    quote,
  };
}

/**
 * Where an anchor is now in the editor's document, or null when its text was deleted (both
 * ends meet, or their block is gone).
 */
export function resolveAnchor(
  state: EditorState,
  anchor: Pick<Anchor, 'start' | 'end'>,
): { from: number; to: number } | null {
  const binding = bindingOf(state);
  if (!binding) return null;
  const start = decodePosition(anchor.start);
  const end = decodePosition(anchor.end);
  if (!start || !end) return null;
  let from: number | null;
  let to: number | null;
  try {
    from = relativePositionToAbsolutePosition(
      binding.doc,
      binding.type,
      start,
      binding.mapping as never,
    );
    to = relativePositionToAbsolutePosition(
      binding.doc,
      binding.type,
      end,
      binding.mapping as never,
    );
  } catch {
    return null;
  }
  if (from === null || to === null || to <= from) return null;
  const size = state.doc.content.size;
  if (from < 0 || to > size) return null;
  if (!state.doc.textBetween(from, to, '', '').trim()) return null;
  return { from, to };
}

/** Whether a transaction came from Yjs (a remote change, or the first sync). */
export const isRemote = (tr: Transaction): boolean => tr.getMeta(ySyncPluginKey) !== undefined;
