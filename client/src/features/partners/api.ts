import type { Page, PartnerDetailDto, PartnerDto } from '@coalesce/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { workspaceKey } from '../workspaces/api';

export interface PartnerFilters {
  tier?: string;
  status?: string;
  actorType?: string;
}

export const partnersKey = (wid: string) => [...workspaceKey(wid), 'partners'] as const;

export const partnersQuery = (wid: string, filters: PartnerFilters = {}) =>
  queryOptions({
    queryKey: [...partnersKey(wid), filters],
    queryFn: () =>
      api<Page<PartnerDto>>(`/workspaces/${wid}/partners`, { query: { limit: 200, ...filters } }),
  });

export function usePartners(wid: string, filters: PartnerFilters = {}) {
  return useQuery(partnersQuery(wid, filters));
}

export function usePartner(wid: string, pid: string) {
  return useQuery({
    queryKey: [...partnersKey(wid), 'one', pid],
    queryFn: () => api<PartnerDetailDto>(`/workspaces/${wid}/partners/${pid}`),
  });
}

export function useCreatePartner(wid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) =>
      api<PartnerDto>(`/workspaces/${wid}/partners`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: partnersKey(wid) }),
  });
}

export function useUpdatePartner(wid: string, pid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) =>
      api<PartnerDto>(`/workspaces/${wid}/partners/${pid}`, { method: 'PATCH', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: partnersKey(wid) }),
  });
}

export function useLeavePartner(wid: string, pid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      api<PartnerDto>(`/workspaces/${wid}/partners/${pid}/leave`, {
        method: 'POST',
        body: { reason },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: partnersKey(wid) }),
  });
}

/** "a, b ,c" → ["a","b","c"]: list fields are typed as comma-separated text. */
export const splitList = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/** Issue 16: a partner's standing vote delegation (set replaces; revoke ends it). */
export function useDelegation(wid: string, pid: string) {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: partnersKey(wid) });
  const path = `/workspaces/${wid}/partners/${pid}/delegation`;
  return {
    set: useMutation({
      mutationFn: (toPartnerId: string) =>
        api<PartnerDetailDto>(path, { method: 'PUT', body: { toPartnerId } }),
      onSuccess,
    }),
    revoke: useMutation({
      mutationFn: () => api<void>(path, { method: 'DELETE' }),
      onSuccess,
    }),
  };
}
