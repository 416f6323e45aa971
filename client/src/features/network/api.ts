import type { Page } from '@coalesce/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { BrokerSuggestion, Network } from '../../api/contract';
import { workspaceKey } from '../workspaces/api';

export const networkQuery = (wid: string, at?: string) =>
  queryOptions({
    queryKey: [...workspaceKey(wid), 'network', at ?? 'now'],
    queryFn: () => api<Network>(`/workspaces/${wid}/network`, { query: { at } }),
  });

export const suggestionsQuery = (wid: string) =>
  queryOptions({
    queryKey: [...workspaceKey(wid), 'network', 'suggestions'],
    queryFn: () =>
      api<Page<BrokerSuggestion>>(`/workspaces/${wid}/network/suggestions`, {
        query: { limit: 20 },
      }),
  });

export function useNetwork(wid: string, at?: string) {
  return useQuery({ ...networkQuery(wid, at), placeholderData: keepPreviousData });
}

export function useSuggestions(wid: string, enabled: boolean) {
  return useQuery({ ...suggestionsQuery(wid), enabled });
}
