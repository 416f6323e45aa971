import type { Page, ThreadDto, ThreadSubject, ThreadSubjectType } from '@coalesce/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { workspaceKey } from '../workspaces/api';

/** What a discussion is about, without a document's anchor (for listing). */
export interface SubjectRef {
  type: ThreadSubjectType;
  id: string;
}

/** Every discussion of a workspace lives under this key (the socket's `threads` target). */
export const threadsKey = (wid: string) => [...workspaceKey(wid), 'threads'] as const;
const subjectKey = (wid: string, s: SubjectRef) => [...threadsKey(wid), s.type, s.id] as const;

/** The threads on a subject, open first, then the newest. */
export function useThreads(wid: string, subject: SubjectRef) {
  return useQuery({
    queryKey: subjectKey(wid, subject),
    queryFn: () =>
      api<Page<ThreadDto>>(`/workspaces/${wid}/threads`, {
        query: { subjectType: subject.type, subjectId: subject.id, limit: 200 },
      }),
  });
}

/** Opening, replying, editing, deleting, resolving: each refreshes the workspace's threads. */
export function useThreadMutations(wid: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: threadsKey(wid) });
  const base = `/workspaces/${wid}/threads`;
  return {
    open: useMutation({
      mutationFn: (body: { subject: ThreadSubject; text: string }) =>
        api<ThreadDto>(base, { method: 'POST', body }),
      onSuccess: done,
    }),
    reply: useMutation({
      mutationFn: ({ threadId, text }: { threadId: string; text: string }) =>
        api<ThreadDto>(`${base}/${threadId}/comments`, { method: 'POST', body: { text } }),
      onSuccess: done,
    }),
    edit: useMutation({
      mutationFn: ({
        threadId,
        commentId,
        text,
      }: {
        threadId: string;
        commentId: string;
        text: string;
      }) =>
        api<ThreadDto>(`${base}/${threadId}/comments/${commentId}`, {
          method: 'PATCH',
          body: { text },
        }),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: ({ threadId, commentId }: { threadId: string; commentId: string }) =>
        api<void>(`${base}/${threadId}/comments/${commentId}`, { method: 'DELETE' }),
      onSuccess: done,
    }),
    resolve: useMutation({
      mutationFn: ({ threadId, resolved }: { threadId: string; resolved: boolean }) =>
        api<ThreadDto>(`${base}/${threadId}`, { method: 'PATCH', body: { resolved } }),
      onSuccess: done,
    }),
  };
}
