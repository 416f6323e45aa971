import type { BrokerSuggestionDto, NetworkDto, Page } from '@coalesce/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { workspaceKey } from '../workspaces/api';

export const networkQuery = (wid: string, at?: string) =>
  queryOptions({
    queryKey: [...workspaceKey(wid), 'network', at ?? 'now'],
    queryFn: () => api<NetworkDto>(`/workspaces/${wid}/network`, { query: { at } }),
  });

export const suggestionsQuery = (wid: string) =>
  queryOptions({
    queryKey: [...workspaceKey(wid), 'network', 'suggestions'],
    queryFn: () =>
      api<Page<BrokerSuggestionDto>>(`/workspaces/${wid}/network/suggestions`, {
        query: { limit: 20 },
      }),
  });

export function useNetwork(wid: string, at?: string) {
  return useQuery({ ...networkQuery(wid, at), placeholderData: keepPreviousData });
}

export function useSuggestions(wid: string, enabled: boolean) {
  return useQuery({ ...suggestionsQuery(wid), enabled });
}
