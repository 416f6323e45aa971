import type { ConnectionDto, Page, ProposeConnectionInput } from '@coalesce/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { workspaceKey } from '../workspaces/api';

const key = (wid: string) => [...workspaceKey(wid), 'connections'] as const;

export function useConnections(wid: string) {
  return useQuery({
    queryKey: key(wid),
    queryFn: () =>
      api<Page<ConnectionDto>>(`/workspaces/${wid}/connections`, { query: { limit: 200 } }),
  });
}

export function useConnectionMutations(wid: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: workspaceKey(wid) });
  return {
    propose: useMutation({
      mutationFn: (body: ProposeConnectionInput) =>
        api<ConnectionDto>(`/workspaces/${wid}/connections`, { method: 'POST', body }),
      onSuccess: done,
    }),
    respond: useMutation({
      mutationFn: ({
        id,
        ...body
      }: {
        id: string;
        accept: boolean;
        note?: string;
        /** The side answered; a coordinator names a side without representative. */
        partnerId?: string;
      }) =>
        api<ConnectionDto>(`/workspaces/${wid}/connections/${id}/respond`, {
          method: 'POST',
          body,
        }),
      onSuccess: done,
    }),
  };
}
