import { canWriteThreads, type Capacity, type ThreadAnchor } from '@coalesce/shared';
import { useMemo, useState } from 'react';
import { Button, Card, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/api';
import { useMembers } from '../../members/api';
import { useWorkspace } from '../../workspaces/api';
import { capacityOf } from '../../workspaces/capacity';
import { useThreadMutations, useThreads, type SubjectRef } from '../api';
import type { Mentionable } from '../mentions';
import { MentionComposer } from './MentionComposer';
import { ThreadView } from './ThreadView';

/** The people a discussion can name and mention, and the reader's capacity in the workspace. */
export function useDiscussionContext(workspaceId: string) {
  const ws = useWorkspace(workspaceId);
  const me = useMe();
  const members = useMembers(workspaceId);
  return useMemo(() => {
    const list: Mentionable[] = (members.data?.items ?? []).map((m) => ({
      userId: m.userId,
      displayName: m.displayName,
    }));
    const capacity: Capacity | null = ws.data && me.data ? capacityOf(ws.data, me.data.id) : null;
    return { members: list, names: new Map(list.map((m) => [m.userId, m.displayName])), capacity };
  }, [ws.data, me.data, members.data]);
}

/**
 * The discussion of a proposal, an experiment or a document: its threads (open first) and a box
 * to start one. Live: every thread event refreshes the list (see `invalidation.ts`). For a
 * document, `anchor` is the selected range a new thread is opened on.
 */
export function Discussion({
  workspaceId,
  subject,
  anchor,
  title,
}: {
  workspaceId: string;
  subject: SubjectRef;
  anchor?: ThreadAnchor;
  title?: string;
}) {
  const { t } = useI18n();
  const threads = useThreads(workspaceId, subject);
  const { open } = useThreadMutations(workspaceId);
  const { members, names, capacity } = useDiscussionContext(workspaceId);
  const items = threads.data?.items ?? [];
  const [another, setAnother] = useState(false);
  const canOpen =
    capacity !== null && canWriteThreads(capacity) && (subject.type !== 'document' || !!anchor);

  return (
    <Card className="space-y-4">
      <h2 className="font-semibold" id={`discussion-${subject.id}`}>
        {title ?? t('threads.title')}
        {items.length > 0 && (
          <span className="ml-2 text-sm font-normal text-slate-500">
            {t('threads.openCount', { n: items.filter((x) => !x.resolved).length })}
          </span>
        )}
      </h2>
      {threads.isPending ? (
        <Spinner label={t('threads.loading')} />
      ) : threads.isError ? (
        <ErrorNote>{threads.error.message}</ErrorNote>
      ) : items.length === 0 ? (
        <p className="text-sm text-slate-500">{t('threads.empty')}</p>
      ) : (
        <div className="space-y-3" data-testid="threads">
          {capacity &&
            items.map((thread) => (
              <ThreadView
                key={thread.id}
                workspaceId={workspaceId}
                thread={thread}
                me={capacity}
                members={members}
                names={names}
              />
            ))}
        </div>
      )}
      {canOpen && items.length > 0 && !another && (
        <Button size="sm" variant="secondary" onClick={() => setAnother(true)}>
          {t('threads.newTopic')}
        </Button>
      )}
      {canOpen && (items.length === 0 || another) && (
        <div className="space-y-1">
          <h3 className="text-sm font-medium text-slate-700">
            {items.length ? t('threads.newTopic') : t('threads.start')}
          </h3>
          <MentionComposer
            members={members}
            label={t('threads.openLabel')}
            submitLabel={t('threads.post')}
            autoFocus={another}
            onCancel={another ? () => setAnother(false) : undefined}
            pending={open.isPending}
            error={open.error?.message}
            onSubmit={(text) =>
              open
                .mutateAsync({
                  subject:
                    subject.type === 'document'
                      ? { type: 'document', id: subject.id, anchor: anchor! }
                      : { type: subject.type, id: subject.id },
                  text,
                })
                .then(() => setAnother(false))
            }
          />
        </div>
      )}
      {capacity && !canWriteThreads(capacity) && (
        <p className="text-xs text-slate-500">{t('threads.observerNote')}</p>
      )}
    </Card>
  );
}
