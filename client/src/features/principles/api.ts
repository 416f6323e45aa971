import type { Page, PrincipleDto } from '@coalesce/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { workspaceKey } from '../workspaces/api';

const key = (wid: string) => [...workspaceKey(wid), 'principles'] as const;

export function usePrinciples(wid: string) {
  return useQuery({
    queryKey: key(wid),
    queryFn: () =>
      api<Page<PrincipleDto>>(`/workspaces/${wid}/principles`, { query: { limit: 200 } }),
  });
}

export function usePrincipleMutations(wid: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: key(wid) });
  return {
    create: useMutation({
      mutationFn: (body: { title: string; description?: string }) =>
        api<PrincipleDto>(`/workspaces/${wid}/principles`, { method: 'POST', body }),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: ({
        id,
        ...body
      }: {
        id: string;
        title?: string;
        description?: string;
        order?: number;
      }) => api<PrincipleDto>(`/workspaces/${wid}/principles/${id}`, { method: 'PATCH', body }),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: (id: string) =>
        api<void>(`/workspaces/${wid}/principles/${id}`, { method: 'DELETE' }),
      onSuccess: done,
    }),
  };
}
