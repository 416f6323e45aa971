import type { CreateThreadInput, Page, ThreadDto } from '@coalesce/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { workspaceKey } from '../../workspaces/api';

/** The threads anchored in one document (open first, as the server lists them). */
export const documentThreadsQuery = (wid: string, did: string) =>
  queryOptions({
    queryKey: [...workspaceKey(wid), 'threads', 'document', did],
    queryFn: () =>
      api<Page<ThreadDto>>(`/workspaces/${wid}/threads`, {
        query: { subjectType: 'document', subjectId: did, limit: 100 },
      }),
  });

export function useDocumentThreads(wid: string, did: string) {
  return useQuery(documentThreadsQuery(wid, did));
}

export function useOpenDocumentThread(wid: string, did: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateThreadInput) =>
      api<ThreadDto>(`/workspaces/${wid}/threads`, { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: documentThreadsQuery(wid, did).queryKey }),
  });
}
