import type { Page } from '@coalesce/shared';
import { queryOptions, useQueryClient, useMutation, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client';
import type { Proposal } from '../../api/contract';
import { useSocketEvent } from '../../app/socket';
import { workspaceKey } from '../workspaces/api';
import { invalidateFor } from '../workspaces/invalidation';

export const proposalsKey = (wid: string) => [...workspaceKey(wid), 'proposals'] as const;

export const proposalsQuery = (wid: string, status?: string) =>
  queryOptions({
    queryKey: [...proposalsKey(wid), 'list', status ?? 'all'],
    queryFn: () =>
      api<Page<Proposal>>(`/workspaces/${wid}/proposals`, { query: { limit: 200, status } }),
  });

export const proposalQuery = (wid: string, id: string) =>
  queryOptions({
    queryKey: [...proposalsKey(wid), 'one', id],
    queryFn: () => api<Proposal>(`/workspaces/${wid}/proposals/${id}`),
  });

export function useProposals(wid: string, status?: string) {
  return useQuery(proposalsQuery(wid, status));
}

export function useProposal(wid: string, id: string) {
  return useQuery(proposalQuery(wid, id));
}

/** `proposal:tally` arrives on every vote and closing: patch the cached proposal at once, then refetch. */
export function useLiveTally(wid: string) {
  const qc = useQueryClient();
  const onTally = useCallback(
    (data: { proposalId: string; status: string; tally: unknown }) => {
      qc.setQueryData<Proposal>([...proposalsKey(wid), 'one', data.proposalId], (old) =>
        old
          ? {
              ...old,
              status: data.status as Proposal['status'],
              tally: data.tally as Proposal['tally'],
            }
          : old,
      );
      invalidateFor(qc, 'proposal:tally', wid);
    },
    [qc, wid],
  );
  useSocketEvent('proposal:tally', onTally);
}

export function useProposalActions(wid: string, id: string) {
  const qc = useQueryClient();
  const done = (p: Proposal) => {
    qc.setQueryData([...proposalsKey(wid), 'one', id], p);
    void qc.invalidateQueries({ queryKey: proposalsKey(wid) });
  };
  const post = (path: string) => (body?: unknown) =>
    api<Proposal>(`/workspaces/${wid}/proposals/${id}${path}`, { method: 'POST', body });
  return {
    vote: useMutation({ mutationFn: post('/votes'), onSuccess: done }),
    advise: useMutation({ mutationFn: post('/advice'), onSuccess: done }),
    decide: useMutation({ mutationFn: post('/decide'), onSuccess: done }),
    withdraw: useMutation({ mutationFn: post('/withdraw'), onSuccess: done }),
  };
}

export function useCreateProposal(wid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) =>
      api<Proposal>(`/workspaces/${wid}/proposals`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: workspaceKey(wid) }),
  });
}
