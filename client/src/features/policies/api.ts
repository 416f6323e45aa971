import type { DecisionPoliciesDto } from '@coalesce/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { workspaceKey } from '../workspaces/api';

const key = (wid: string) => [...workspaceKey(wid), 'policies'] as const;

export function usePolicies(wid: string) {
  return useQuery({
    queryKey: key(wid),
    queryFn: () => api<DecisionPoliciesDto>(`/workspaces/${wid}/decision-policies`),
  });
}

export function usePutPolicy(wid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ tier, ...body }: { tier: string } & Record<string, unknown>) =>
      api<DecisionPoliciesDto>(`/workspaces/${wid}/decision-policies/${tier}`, {
        method: 'PUT',
        body,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(wid) }),
  });
}
