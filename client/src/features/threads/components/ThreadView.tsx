import {
  canDeleteComment,
  canEditComment,
  canResolveThreads,
  canWriteThreads,
  type Capacity,
  type ThreadDto,
} from '@coalesce/shared';
import { useState } from 'react';
import { Badge, Button } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { useThreadMutations } from '../api';
import type { Mentionable } from '../mentions';
import { CommentText } from './CommentText';
import { MentionComposer } from './MentionComposer';

const errorOf = (e: unknown) => (e instanceof Error ? e.message : undefined);

/**
 * One thread: its comments (the author may edit or delete theirs, a coordinator delete any), a
 * reply box, and resolve/reopen. A resolved thread folds to its first comment until opened.
 */
export function ThreadView({
  workspaceId,
  thread,
  me,
  members,
  names,
}: {
  workspaceId: string;
  thread: ThreadDto;
  me: Capacity;
  members: readonly Mentionable[];
  names: ReadonlyMap<string, string>;
}) {
  const { t } = useI18n();
  const fmt = useDateFormat('relative');
  const m = useThreadMutations(workspaceId);
  const [editing, setEditing] = useState<string | null>(null);
  const [unfolded, setUnfolded] = useState(false);
  const folded = thread.resolved && !unfolded;
  const shown = folded ? thread.comments.slice(0, 1) : thread.comments;
  const person = (id: string) => names.get(id) ?? t('threads.formerMember');

  return (
    <article
      className={`space-y-3 rounded-lg p-3 ring-1 sm:p-4 ${thread.resolved ? 'bg-slate-50 ring-slate-200' : 'bg-white ring-slate-200'}`}
      data-testid="thread"
      data-thread={thread.id}
      aria-label={t('threads.threadBy', { name: person(thread.createdBy) })}
    >
      {thread.subject.type === 'document' && thread.subject.anchor.quote && (
        <blockquote className="border-l-4 border-amber-300 pl-3 text-sm italic text-slate-600">
          {thread.subject.anchor.quote}
        </blockquote>
      )}
      <ol className="space-y-3">
        {shown.map((c) => (
          <li key={c.id} className="space-y-1" data-testid="comment">
            <div className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-500">
              <span className="font-medium text-slate-800">{person(c.authorId)}</span>
              <time dateTime={c.createdAt}>{fmt.format(c.createdAt)}</time>
              {c.editedAt && <span>({t('threads.edited')})</span>}
            </div>
            {editing === c.id ? (
              <MentionComposer
                members={members}
                label={t('threads.editLabel')}
                submitLabel={t('threads.save')}
                initial={c.text}
                autoFocus
                pending={m.edit.isPending}
                error={errorOf(m.edit.error)}
                onCancel={() => setEditing(null)}
                onSubmit={(text) =>
                  m.edit
                    .mutateAsync({ threadId: thread.id, commentId: c.id, text })
                    .then(() => setEditing(null))
                }
              />
            ) : (
              <CommentText text={c.text} names={names} me={me.userId} />
            )}
            {editing !== c.id && (canEditComment(me, c) || canDeleteComment(me, c)) && (
              <div className="-ml-2 flex gap-1">
                {canEditComment(me, c) && (
                  <Button
                    size="sm"
                    variant="ghost"
                    className="!px-2 !py-0.5 text-xs text-slate-500"
                    onClick={() => setEditing(c.id)}
                  >
                    {t('threads.edit')}
                  </Button>
                )}
                {canDeleteComment(me, c) && (
                  <Button
                    size="sm"
                    variant="ghost"
                    className="!px-2 !py-0.5 text-xs text-slate-500"
                    onClick={() => {
                      if (window.confirm(t('threads.confirmDelete')))
                        m.remove.mutate({ threadId: thread.id, commentId: c.id });
                    }}
                  >
                    {t('threads.delete')}
                  </Button>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
      {folded && thread.comments.length > 1 && (
        <Button size="sm" variant="ghost" onClick={() => setUnfolded(true)}>
          {t('threads.showReplies', { n: thread.comments.length - 1 })}
        </Button>
      )}
      {errorOf(m.remove.error) && (
        <p role="alert" className="text-sm text-rose-700">
          {errorOf(m.remove.error)}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3">
        {thread.resolved ? (
          <Badge tone="brand">
            {thread.resolvedBy
              ? t('threads.resolvedBy', { name: person(thread.resolvedBy) })
              : t('threads.resolved')}
          </Badge>
        ) : null}
        {canResolveThreads(me) && (
          <Button
            size="sm"
            variant="secondary"
            disabled={m.resolve.isPending}
            onClick={() => m.resolve.mutate({ threadId: thread.id, resolved: !thread.resolved })}
          >
            {thread.resolved ? t('threads.reopen') : t('threads.resolve')}
          </Button>
        )}
        {errorOf(m.resolve.error) && (
          <span role="alert" className="text-sm text-rose-700">
            {errorOf(m.resolve.error)}
          </span>
        )}
      </div>
      {!thread.resolved && canWriteThreads(me) && (
        <MentionComposer
          members={members}
          label={t('threads.replyLabel')}
          submitLabel={t('threads.reply')}
          pending={m.reply.isPending}
          error={errorOf(m.reply.error)}
          onSubmit={(text) => m.reply.mutateAsync({ threadId: thread.id, text })}
        />
      )}
    </article>
  );
}
