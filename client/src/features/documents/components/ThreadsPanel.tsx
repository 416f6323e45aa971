import { canWriteThreads, splitMentions, type ThreadDto } from '@coalesce/shared';
import type { Editor } from '@tiptap/react';
import { TextSelection } from '@tiptap/pm/state';
import { clsx } from 'clsx';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Badge, Button, Card, ErrorNote } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import {
  MentionComposer,
  ThreadView,
  useDiscussionContext,
  useThreadMutations,
  useThreads,
} from '../../threads';
import { resolveAnchor, type Anchor } from '../anchors/anchors';
import { threadAnchorsKey, type ThreadAnchorsMeta } from '../anchors/anchorsPlugin';

type DocumentThread = ThreadDto & { subject: { type: 'document'; anchor: Anchor } };
const anchored = (t: ThreadDto): t is DocumentThread =>
  t.subject.type === 'document' && 'anchor' in t.subject;

/** Re-renders on every editor transaction: whether an anchor still resolves can change. */
function useEditorTick(editor: Editor | null) {
  const [, force] = useState(0);
  useEffect(() => {
    if (!editor) return;
    const tick = () => force((n) => n + 1);
    editor.on('transaction', tick);
    return () => void editor.off('transaction', tick);
  }, [editor]);
}

function NewThreadForm({
  wid,
  did,
  anchor,
  onDone,
}: {
  wid: string;
  did: string;
  anchor: Anchor;
  onDone(thread: ThreadDto | null): void;
}) {
  const { t } = useI18n();
  const { open } = useThreadMutations(wid);
  const { members } = useDiscussionContext(wid);
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Below the editor on a phone: bring the form into view (the composer takes the focus).
    ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [anchor]);
  return (
    <div
      ref={ref}
      role="group"
      aria-labelledby={`${id}-title`}
      className="space-y-2 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200"
      data-testid="new-thread"
    >
      <h3 id={`${id}-title`} className="text-sm font-semibold">
        {t('documents.newThread')}
      </h3>
      <figure>
        <figcaption className="text-xs text-slate-500">{t('documents.newThreadOn')}</figcaption>
        <blockquote className="line-clamp-4 border-l-2 border-amber-400 pl-2 text-sm italic">
          {anchor.quote}
        </blockquote>
      </figure>
      <MentionComposer
        key={`${anchor.start}:${anchor.end}`}
        members={members}
        label={t('threads.openLabel')}
        submitLabel={t('documents.postComment')}
        autoFocus
        pending={open.isPending}
        error={open.error?.message}
        onCancel={() => onDone(null)}
        onSubmit={(text) =>
          open
            .mutateAsync({ subject: { type: 'document', id: did, anchor }, text })
            .then((thread) => onDone(thread))
        }
      />
    </div>
  );
}

function ThreadItem({
  wid,
  thread,
  removed,
  active,
  onSelect,
}: {
  wid: string;
  thread: DocumentThread;
  removed: boolean;
  active: boolean;
  onSelect(): void;
}) {
  const { t } = useI18n();
  const fmt = useDateFormat();
  const { members, names, capacity } = useDiscussionContext(wid);
  const first = thread.comments[0];
  return (
    <li
      data-testid="doc-thread"
      data-thread-id={thread.id}
      data-removed={removed}
      data-active={active}
      className={clsx(
        'rounded-md ring-1',
        active ? 'bg-amber-50/60 ring-amber-400' : 'ring-slate-200',
        thread.resolved && !active && 'opacity-80',
      )}
    >
      <button
        type="button"
        onClick={onSelect}
        aria-expanded={active}
        className="block min-h-11 w-full space-y-1 rounded-md p-3 text-left hover:bg-slate-50"
      >
        <span
          className={clsx(
            'line-clamp-3 border-l-2 pl-2 text-sm italic',
            removed ? 'border-slate-300 text-slate-500 line-through' : 'border-amber-400',
          )}
        >
          {thread.subject.anchor.quote}
        </span>
        {(removed || thread.resolved) && (
          <span className="flex flex-wrap items-center gap-2">
            {removed && (
              <span title={t('documents.textRemovedHint')}>
                <Badge tone="rose">{t('documents.textRemoved')}</Badge>
              </span>
            )}
            {thread.resolved && <Badge tone="brand">{t('documents.resolvedBadge')}</Badge>}
          </span>
        )}
        {!active && first && (
          <span className="block text-sm text-slate-800">
            <span className="font-medium">{names.get(first.authorId) ?? '?'}</span>{' '}
            <span className="line-clamp-3 whitespace-pre-wrap">
              {splitMentions(first.text).map((part, i) =>
                'mention' in part ? (
                  <span key={i} className="font-medium text-brand-800">
                    @{names.get(part.mention) ?? '…'}
                  </span>
                ) : (
                  <span key={i}>{part.text}</span>
                ),
              )}
            </span>
          </span>
        )}
        {!active && (
          <span className="block text-xs text-slate-500">
            {thread.comments.length === 1
              ? t('documents.oneComment')
              : t('documents.commentsCount', { count: thread.comments.length })}{' '}
            · <time dateTime={thread.createdAt}>{fmt.format(new Date(thread.createdAt))}</time>
          </span>
        )}
      </button>
      {active && capacity && (
        <div className="px-2 pb-2">
          {/* The whole discussion; its quote is already shown above. */}
          <ThreadView
            workspaceId={wid}
            thread={{
              ...thread,
              subject: { ...thread.subject, anchor: { ...thread.subject.anchor, quote: '' } },
            }}
            me={capacity}
            members={members}
            names={names}
          />
        </div>
      )}
    </li>
  );
}

/**
 * The comment threads anchored in a document: listed open first, highlighted in the editor;
 * choosing one selects its text and opens its discussion, clicking highlighted text chooses its
 * thread. Under the editor on small screens (the page's grid stacks), beside it on wide ones.
 */
export function ThreadsPanel({
  wid,
  did,
  editor,
  draft,
  onDraftDone,
}: {
  wid: string;
  did: string;
  editor: Editor | null;
  draft: Anchor | null;
  onDraftDone(): void;
}) {
  const { t } = useI18n();
  const threads = useThreads(wid, { type: 'document', id: did });
  const { capacity } = useDiscussionContext(wid);
  const canWrite = capacity !== null && canWriteThreads(capacity);
  const [active, setActive] = useState<string | null>(null);
  const [showResolved, setShowResolved] = useState(false);
  useEditorTick(editor);
  const list = useMemo(() => (threads.data?.items ?? []).filter(anchored), [threads.data]);
  const open = list.filter((x) => !x.resolved);
  const resolved = list.filter((x) => x.resolved);

  // The editor highlights the open threads' ranges (and the chosen one, even when resolved).
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const meta: ThreadAnchorsMeta = {
      threads: list
        .filter((x) => !x.resolved || x.id === active)
        .map((x) => ({ id: x.id, anchor: x.subject.anchor })),
      active,
    };
    editor.view.dispatch(editor.state.tr.setMeta(threadAnchorsKey, meta));
  }, [editor, list, active]);

  // Clicking highlighted text chooses its thread.
  useEffect(() => {
    if (!editor) return;
    const dom = editor.view.dom;
    const onClick = (e: MouseEvent) => {
      const el = (e.target as HTMLElement | null)?.closest<HTMLElement>('[data-thread-id]');
      const id = el?.dataset.threadId;
      if (!id) return;
      setActive(id);
      document
        .querySelector(`[data-testid="doc-thread"][data-thread-id="${id}"]`)
        ?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    };
    dom.addEventListener('click', onClick);
    return () => dom.removeEventListener('click', onClick);
  }, [editor]);

  const select = (thread: DocumentThread) => {
    const next = active === thread.id ? null : thread.id;
    setActive(next);
    if (!next || !editor) return;
    const range = resolveAnchor(editor.state, thread.subject.anchor);
    if (!range) return;
    const { view } = editor;
    view.dispatch(
      view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)),
    );
    const at = view.domAtPos(range.from);
    const el = at.node instanceof HTMLElement ? at.node : at.node.parentElement;
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    if (editor.isEditable) view.focus();
  };

  const removed = (x: DocumentThread) =>
    !!editor && !editor.isDestroyed && resolveAnchor(editor.state, x.subject.anchor) === null;
  const item = (x: DocumentThread) => (
    <ThreadItem
      key={x.id}
      wid={wid}
      thread={x}
      removed={removed(x)}
      active={active === x.id}
      onSelect={() => select(x)}
    />
  );

  return (
    <Card className="space-y-3">
      <h2 className="text-lg font-semibold">
        {t('documents.threads')}
        {open.length > 0 && (
          <span className="ml-2 align-middle">
            <Badge tone="amber">{open.length}</Badge>
          </span>
        )}
      </h2>
      {draft && canWrite && (
        <NewThreadForm
          wid={wid}
          did={did}
          anchor={draft}
          onDone={(thread) => {
            onDraftDone();
            if (thread) setActive(thread.id);
          }}
        />
      )}
      {threads.isError && <ErrorNote>{threads.error.message}</ErrorNote>}
      {threads.isSuccess && list.length === 0 && !draft && (
        <p className="text-sm text-slate-500">{t('documents.threadsEmpty')}</p>
      )}
      <ul className="space-y-2" data-testid="doc-threads">
        {open.map(item)}
      </ul>
      {resolved.length > 0 && (
        <div>
          <Button
            variant="ghost"
            size="sm"
            aria-expanded={showResolved}
            onClick={() => setShowResolved((v) => !v)}
          >
            {t('documents.resolvedThreads', { count: resolved.length })}
          </Button>
          {(showResolved || resolved.some((x) => x.id === active)) && (
            <ul className="mt-2 space-y-2" data-testid="resolved-threads">
              {resolved.map(item)}
            </ul>
          )}
        </div>
      )}
      {capacity && !canWrite && (
        <p className="text-xs text-slate-500">{t('threads.observerNote')}</p>
      )}
    </Card>
  );
}
