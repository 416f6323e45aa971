import type { Page, PendingVoteDto, ProposalDto, ProposalPreviewDto } from '@coalesce/shared';
import { queryOptions, useQueryClient, useMutation, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client';
import { useSocketEvent } from '../../app/socket';
import { workspaceKey } from '../workspaces/api';
import { invalidateLater } from '../workspaces/liveInvalidation';

export const proposalsKey = (wid: string) => [...workspaceKey(wid), 'proposals'] as const;

export const proposalsQuery = (wid: string, status?: string) =>
  queryOptions({
    queryKey: [...proposalsKey(wid), 'list', status ?? 'all'],
    queryFn: () =>
      api<Page<ProposalDto>>(`/workspaces/${wid}/proposals`, { query: { limit: 200, status } }),
  });

export const proposalQuery = (wid: string, id: string) =>
  queryOptions({
    queryKey: [...proposalsKey(wid), 'one', id],
    queryFn: () => api<ProposalDto>(`/workspaces/${wid}/proposals/${id}`),
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
      qc.setQueryData<ProposalDto>([...proposalsKey(wid), 'one', data.proposalId], (old) =>
        old
          ? {
              ...old,
              status: data.status as ProposalDto['status'],
              tally: data.tally as ProposalDto['tally'],
            }
          : old,
      );
      invalidateLater(qc, 'proposal:tally', wid);
    },
    [qc, wid],
  );
  useSocketEvent('proposal:tally', onTally);
}

export function useProposalActions(wid: string, id: string) {
  const qc = useQueryClient();
  const done = (p: ProposalDto) => {
    qc.setQueryData([...proposalsKey(wid), 'one', id], p);
    void qc.invalidateQueries({ queryKey: proposalsKey(wid) });
  };
  const post = (path: string) => (body?: unknown) =>
    api<ProposalDto>(`/workspaces/${wid}/proposals/${id}${path}`, { method: 'POST', body });
  return {
    vote: useMutation({ mutationFn: post('/votes'), onSuccess: done }),
    advise: useMutation({ mutationFn: post('/advice'), onSuccess: done }),
    decide: useMutation({ mutationFn: post('/decide'), onSuccess: done }),
    withdraw: useMutation({ mutationFn: post('/withdraw'), onSuccess: done }),
    statement: useMutation({ mutationFn: post('/statement'), onSuccess: done }),
    remind: useMutation({ mutationFn: post('/remind'), onSuccess: done }),
    extend: useMutation({
      mutationFn: (closesAt: string) =>
        api<ProposalDto>(`/workspaces/${wid}/proposals/${id}`, {
          method: 'PATCH',
          body: { closesAt },
        }),
      onSuccess: done,
    }),
  };
}

export function useCreateProposal(wid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) =>
      api<ProposalDto>(`/workspaces/${wid}/proposals`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: workspaceKey(wid) }),
  });
}

/** What opening the proposal would freeze (rule, electorate, deadlines, warnings); opens nothing. */
export function usePreviewProposal(wid: string) {
  return useMutation({
    mutationFn: (body: unknown) =>
      api<ProposalPreviewDto>(`/workspaces/${wid}/proposals/preview`, { method: 'POST', body }),
  });
}

/** `GET /me/pending-votes`: open proposals, in all my networks, still waiting for my partner. */
export const pendingVotesQuery = () =>
  queryOptions({
    queryKey: ['pendingVotes'],
    queryFn: () => api<{ items: PendingVoteDto[] }>('/me/pending-votes'),
  });

export function usePendingVotes() {
  return useQuery(pendingVotesQuery());
}
