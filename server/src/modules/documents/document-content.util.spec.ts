import * as Y from 'yjs';
import { docToProseMirror, replaceContentUpdate } from './document-content.util';

function build(doc: Y.Doc, paragraphs: string[]) {
  doc.transact(() => {
    const f = doc.getXmlFragment('default');
    f.delete(0, f.length);
    f.insert(
      0,
      paragraphs.map((t) => {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText(t)]);
        return p;
      }),
    );
  });
}

describe('document content', () => {
  it('reads the fragment like y-prosemirror (nodes, attrs, marks, overlap suffixes)', () => {
    const doc = new Y.Doc();
    const f = doc.getXmlFragment('default');
    const h = new Y.XmlElement('heading');
    h.setAttribute('level', 2 as unknown as string);
    const t = new Y.XmlText();
    h.insert(0, [t]);
    const hr = new Y.XmlElement('horizontalRule');
    f.insert(0, [h, hr]);
    t.insert(0, 'Hi ');
    t.insert(3, 'there', { bold: {}, 'comment--abc123': { id: 1 } });
    expect(docToProseMirror(doc)).toEqual({
      type: 'doc',
      content: [
        {
          type: 'heading',
          attrs: { level: 2 },
          content: [
            { type: 'text', text: 'Hi ' },
            {
              type: 'text',
              text: 'there',
              marks: [{ type: 'bold' }, { type: 'comment', attrs: { id: 1 } }],
            },
          ],
        },
        { type: 'horizontalRule' },
      ],
    });
    expect(docToProseMirror(new Y.Doc())).toEqual({ type: 'doc', content: [] });
  });

  it('computes a change that turns the live content into the version, merged by every client', () => {
    const version = new Y.Doc();
    build(version, ['first', 'second']);
    const live = new Y.Doc();
    Y.applyUpdate(live, Y.encodeStateAsUpdate(version));
    build(live, ['rewritten']);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(live));

    const update = replaceContentUpdate(live, version)!;
    expect(update).not.toBeNull();
    Y.applyUpdate(live, update);
    Y.applyUpdate(peer, update);
    expect(docToProseMirror(live)).toEqual(docToProseMirror(version));
    expect(docToProseMirror(peer)).toEqual(docToProseMirror(version));
    // A new change, not a reset: the history before it is still there.
    expect(Y.encodeStateVector(live)).not.toEqual(Y.encodeStateVector(version));
  });

  it('restores an empty version to an empty document', () => {
    const live = new Y.Doc();
    build(live, ['something']);
    Y.applyUpdate(live, replaceContentUpdate(live, new Y.Doc())!);
    expect(docToProseMirror(live)).toEqual({ type: 'doc', content: [] });
    expect(replaceContentUpdate(new Y.Doc(), new Y.Doc())).toBeNull();
  });
});
