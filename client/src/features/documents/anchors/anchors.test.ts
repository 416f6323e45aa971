import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import StarterKit from '@tiptap/starter-kit';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorFromRange, resolveAnchor } from './anchors';
import { ThreadAnchors, threadAnchorsKey } from './anchorsPlugin';

/** Two replicas of one document, kept in sync like two clients of the server. */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'b' && Y.applyUpdate(b, u, 'a'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'a' && Y.applyUpdate(a, u, 'b'));
  return { a, b };
}

const editors: Editor[] = [];
function editorOn(doc: Y.Doc) {
  const editor = new Editor({
    element: document.createElement('div'),
    extensions: [
      StarterKit.configure({ undoRedo: false }),
      Collaboration.configure({ document: doc, field: 'default' }),
      ThreadAnchors,
    ],
  });
  editors.push(editor);
  return editor;
}
afterEach(() => editors.splice(0).forEach((e) => e.destroy()));

/** The ProseMirror range of `text` in the editor's document. */
function rangeOf(editor: Editor, text: string) {
  let found: { from: number; to: number } | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (found || !node.isText) return;
    const i = node.text!.indexOf(text);
    if (i >= 0) found = { from: pos + i, to: pos + i + text.length };
  });
  if (!found) throw new Error(`no "${text}"`);
  return found as { from: number; to: number };
}

const textAt = (editor: Editor, r: { from: number; to: number } | null) =>
  r ? editor.state.doc.textBetween(r.from, r.to) : null;

const SENTENCE = 'Every child finds a place to learn.';

describe('thread anchors', () => {
  it('a range keeps its words through edits before it, inside it and at its edges, on another replica', () => {
    const { a, b } = pair();
    const ea = editorOn(a);
    const eb = editorOn(b);
    ea.commands.setContent(`<p>We start here. ${SENTENCE} And more.</p><p>Second.</p>`);
    expect(eb.getText()).toContain(SENTENCE);

    const anchor = anchorFromRange(ea.state, rangeOf(ea, SENTENCE).from, rangeOf(ea, SENTENCE).to)!;
    expect(anchor.quote).toBe(SENTENCE);
    expect(textAt(eb, resolveAnchor(eb.state, anchor))).toBe(SENTENCE);

    // Someone types before the sentence: a new paragraph above and words in the same one.
    eb.commands.insertContentAt(0, '<p>A new opening line.</p>');
    eb.commands.insertContentAt(rangeOf(eb, 'We start').from, 'Today ');
    expect(textAt(ea, resolveAnchor(ea.state, anchor))).toBe(SENTENCE);
    expect(textAt(eb, resolveAnchor(eb.state, anchor))).toBe(SENTENCE);

    // Text typed right at both edges stays outside; an edit inside is part of it.
    ea.commands.insertContentAt(rangeOf(ea, SENTENCE).from, 'X');
    ea.commands.insertContentAt(rangeOf(ea, SENTENCE).to, 'Y');
    ea.commands.insertContentAt(rangeOf(ea, 'a place').from + 2, 'good ');
    expect(textAt(eb, resolveAnchor(eb.state, anchor))).toBe(
      'Every child finds a good place to learn.',
    );
  });

  it('a range whose text was deleted no longer resolves', () => {
    const { a, b } = pair();
    const ea = editorOn(a);
    const eb = editorOn(b);
    ea.commands.setContent(`<p>Keep this. ${SENTENCE}</p><p>Other</p>`);
    const r = rangeOf(ea, SENTENCE);
    const anchor = anchorFromRange(ea.state, r.from, r.to)!;
    const rb = rangeOf(eb, SENTENCE);
    eb.commands.deleteRange(rb);
    expect(resolveAnchor(ea.state, anchor)).toBeNull();
    expect(resolveAnchor(eb.state, anchor)).toBeNull();
    // A whole paragraph removed.
    const other = rangeOf(ea, 'Other');
    const whole = anchorFromRange(ea.state, other.from, other.to)!;
    ea.commands.setContent('<p>Keep this.</p>');
    expect(resolveAnchor(eb.state, whole)).toBeNull();
  });

  it('no anchor for an empty selection or before the binding exists; bad positions resolve to null', () => {
    const { a } = pair();
    const ea = editorOn(a);
    ea.commands.setContent('<p>Text</p>');
    expect(anchorFromRange(ea.state, 2, 2)).toBeNull();
    expect(resolveAnchor(ea.state, { start: '!!', end: 'AAAA' })).toBeNull();
  });

  it('the plugin highlights anchored ranges and follows remote edits', () => {
    const { a, b } = pair();
    const ea = editorOn(a);
    const eb = editorOn(b);
    ea.commands.setContent(`<p>Start. ${SENTENCE}</p>`);
    const r = rangeOf(ea, SENTENCE);
    const anchor = anchorFromRange(ea.state, r.from, r.to)!;
    eb.view.dispatch(eb.state.tr.setMeta(threadAnchorsKey, { threads: [{ id: 't1', anchor }] }));
    const highlighted = () => {
      const set = threadAnchorsKey.getState(eb.state)!.decorations;
      return set.find().map((d) => eb.state.doc.textBetween(d.from, d.to));
    };
    expect(highlighted()).toEqual([SENTENCE]);
    ea.commands.insertContentAt(1, 'Before that, ');
    expect(highlighted()).toEqual([SENTENCE]);
    // A local edit before it maps the highlight too.
    eb.commands.insertContentAt(1, 'Mine. ');
    expect(highlighted()).toEqual([SENTENCE]);
    expect(eb.view.dom.querySelector('.thread-anchor')?.textContent).toBe(SENTENCE);
  });
});
