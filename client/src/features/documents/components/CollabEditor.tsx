import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { COLLAB_FRAGMENT } from '@coalesce/shared';
import { clsx } from 'clsx';
import { MessageSquarePlus } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../i18n/i18n';
import type { CollabSession } from '../collab';
import { anchorFromRange, type Anchor } from '../anchors/anchors';
import { ThreadAnchors } from '../anchors/anchorsPlugin';
import { pickColor, type Presence } from '@coalesce/shared';

export interface CollabUser {
  name: string;
  color: string;
}

function Toolbar({ editor, onComment }: { editor: Editor; onComment?(anchor: Anchor): void }) {
  const { t } = useI18n();
  const b = (label: string, active: boolean, run: () => void, key: string) => (
    <button
      key={key}
      type="button"
      aria-pressed={active}
      title={label}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
      className={clsx(
        'min-h-9 rounded px-2.5 py-1 text-sm',
        active ? 'bg-brand-100 text-brand-800' : 'text-slate-700 hover:bg-slate-100',
      )}
    >
      {label}
    </button>
  );
  const c = () => editor.chain().focus();
  return (
    <div
      role="toolbar"
      aria-label={t('documents.toolbar')}
      className="flex flex-wrap gap-1 border-b border-slate-200 p-1"
    >
      {b(
        'H1',
        editor.isActive('heading', { level: 1 }),
        () => c().toggleHeading({ level: 1 }).run(),
        'h1',
      )}
      {b(
        'H2',
        editor.isActive('heading', { level: 2 }),
        () => c().toggleHeading({ level: 2 }).run(),
        'h2',
      )}
      {b(t('documents.bold'), editor.isActive('bold'), () => c().toggleBold().run(), 'b')}
      {b(t('documents.italic'), editor.isActive('italic'), () => c().toggleItalic().run(), 'i')}
      {b(
        t('documents.bulletList'),
        editor.isActive('bulletList'),
        () => c().toggleBulletList().run(),
        'ul',
      )}
      {b(
        t('documents.orderedList'),
        editor.isActive('orderedList'),
        () => c().toggleOrderedList().run(),
        'ol',
      )}
      {b(
        t('documents.quote'),
        editor.isActive('blockquote'),
        () => c().toggleBlockquote().run(),
        'q',
      )}
      {b(t('documents.undo'), false, () => c().undo().run(), 'undo')}
      {b(t('documents.redo'), false, () => c().redo().run(), 'redo')}
      {onComment && <CommentButton editor={editor} onComment={onComment} />}
    </div>
  );
}

/** Opens a thread on the selected text (disabled without a selection, and says why). */
function CommentButton({ editor, onComment }: { editor: Editor; onComment(anchor: Anchor): void }) {
  const { t } = useI18n();
  const { from, to } = editor.state.selection;
  const enabled = to > from;
  return (
    <button
      type="button"
      title={enabled ? t('documents.comment') : t('documents.commentHint')}
      aria-disabled={!enabled}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => {
        const { from: f, to: tt } = editor.state.selection;
        const anchor = anchorFromRange(editor.state, f, tt);
        if (anchor) onComment(anchor);
      }}
      className={clsx(
        'ml-auto min-h-9 rounded px-2.5 py-1 text-sm font-medium',
        enabled
          ? 'bg-amber-100 text-amber-900 hover:bg-amber-200'
          : 'cursor-not-allowed text-slate-400',
      )}
      data-testid="comment-button"
    >
      <MessageSquarePlus className="mr-1 inline h-4 w-4 align-[-2px]" aria-hidden />
      {t('documents.comment')}
    </button>
  );
}

/**
 * Tiptap bound to the shared Y.Doc: Yjs undo (StarterKit's own undo/redo is off, it would fight
 * the collaboration history), live carets of the others, read-only for observers.
 */
export function CollabEditor({
  session,
  user,
  readOnly,
  onPeers,
  onLocalChange,
  onEditor,
  onComment,
}: {
  session: CollabSession;
  user: CollabUser;
  readOnly: boolean;
  onPeers(users: CollabUser[]): void;
  onLocalChange(): void;
  /** The editor once it exists (null when it goes), for the comment threads beside it. */
  onEditor?(editor: Editor | null): void;
  /** Offered in the toolbar when given: the anchor of the selected text. */
  onComment?(anchor: Anchor): void;
}) {
  const { t } = useI18n();
  // When this connection joined: whoever joined first keeps a contested colour.
  const [joinedAt] = useState(() => Date.now());
  const editor = useEditor(
    {
      editable: !readOnly,
      extensions: [
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: session.doc, field: COLLAB_FRAGMENT }),
        CollaborationCaret.configure({
          provider: session.provider,
          user: { ...user, since: joinedAt },
        }),
        ThreadAnchors,
      ],
      editorProps: {
        attributes: {
          class: 'prose-doc min-h-[50vh] px-6 py-4 focus:outline-none',
          'aria-label': t('documents.editorLabel'),
          'data-testid': 'editor',
        },
      },
      onUpdate: ({ transaction }) => {
        if (!transaction.getMeta('y-sync$')) onLocalChange();
      },
    },
    [session],
  );
  const [, force] = useState(0);
  useEffect(() => {
    if (!editor) return;
    const rerender = () => force((n) => n + 1);
    editor.on('selectionUpdate', rerender);
    editor.on('transaction', rerender);
    return () => {
      editor.off('selectionUpdate', rerender);
      editor.off('transaction', rerender);
    };
  }, [editor]);
  useEffect(() => {
    editor?.setEditable(!readOnly);
  }, [editor, readOnly]);
  useEffect(() => {
    onEditor?.(editor);
    return () => onEditor?.(null);
  }, [editor, onEditor]);
  // Presence comes straight from the awareness states (the caret extension sets `user` in them).
  // Each connection also moves off a colour that someone who joined earlier already shows.
  useEffect(() => {
    const awareness = session.provider.awareness;
    const update = () => {
      const states = Array.from(awareness.getStates().entries());
      const mine = awareness.getLocalState()?.user as (CollabUser & { since: number }) | undefined;
      if (mine) {
        const peers: Presence[] = states.flatMap(([clientId, s]) =>
          s.user && clientId !== awareness.clientID
            ? [{ clientId, since: Number(s.user.since ?? 0), color: String(s.user.color) }]
            : [],
        );
        const color = pickColor(
          user.color,
          { clientId: awareness.clientID, since: mine.since },
          peers,
        );
        if (color !== mine.color) awareness.setLocalStateField('user', { ...mine, color });
      }
      onPeers(
        states.flatMap(([, s]) =>
          s.user
            ? [{ name: String(s.user.name ?? '?'), color: String(s.user.color ?? '#64748b') }]
            : [],
        ),
      );
    };
    awareness.on('change', update);
    update();
    return () => awareness.off('change', update);
  }, [session, onPeers, user.color]);
  if (!editor) return null;
  return (
    <div className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      {!readOnly && <Toolbar editor={editor} onComment={onComment} />}
      <EditorContent editor={editor} />
    </div>
  );
}
