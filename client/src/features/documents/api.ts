import type {
  CreateDocumentVersionInput,
  DocumentDiffDto,
  DocumentDto,
  DocumentVersionDto,
  Page,
} from '@coalesce/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { workspaceKey } from '../workspaces/api';

const docKey = (wid: string, did: string) => [...workspaceKey(wid), 'document', did] as const;

export const documentQuery = (wid: string, did: string) =>
  queryOptions({
    queryKey: docKey(wid, did),
    queryFn: () => api<DocumentDto>(`/workspaces/${wid}/documents/${did}`),
  });

export const versionsQuery = (wid: string, did: string) =>
  queryOptions({
    queryKey: [...docKey(wid, did), 'versions'],
    queryFn: () =>
      api<Page<DocumentVersionDto>>(`/workspaces/${wid}/documents/${did}/versions`, {
        query: { limit: 100 },
      }),
  });

/** What changed from version `from` to version `to` or to the live text (`'current'`). */
export const versionDiffQuery = (wid: string, did: string, from: string, to: string) =>
  queryOptions({
    queryKey: [...docKey(wid, did), 'diff', from, to],
    queryFn: () =>
      api<DocumentDiffDto>(`/workspaces/${wid}/documents/${did}/versions/${from}/diff`, {
        query: { to },
      }),
    // The live text changes without events: compare afresh each time the view opens.
    staleTime: to === 'current' ? 0 : Infinity,
  });

export function useVersionDiff(wid: string, did: string, from: string, to: string) {
  return useQuery(versionDiffQuery(wid, did, from, to));
}

export function useDocument(wid: string, did: string) {
  return useQuery(documentQuery(wid, did));
}

export function useVersions(wid: string, did: string) {
  return useQuery(versionsQuery(wid, did));
}

export function useCreateVersion(wid: string, did: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateDocumentVersionInput) =>
      api<DocumentVersionDto>(`/workspaces/${wid}/documents/${did}/versions`, {
        method: 'POST',
        body: input,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...docKey(wid, did), 'versions'] }),
  });
}

export function useRestoreVersion(wid: string, did: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (vid: string) =>
      api<unknown>(`/workspaces/${wid}/documents/${did}/versions/${vid}/restore`, {
        method: 'POST',
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: docKey(wid, did) }),
  });
}

/** A short-lived access token for the collaboration socket (the cookie works too). */
export function fetchCollabToken(): Promise<string | undefined> {
  return api<{ accessToken: string }>('/auth/token', { method: 'POST' })
    .then((r) => r.accessToken)
    .catch(() => undefined);
}
