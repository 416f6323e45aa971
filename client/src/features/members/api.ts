import type { MemberDto, Page, UpdateMemberInput } from '@coalesce/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { workspaceKey } from '../workspaces/api';

export const membersQuery = (wid: string) =>
  queryOptions({
    queryKey: [...workspaceKey(wid), 'members'],
    queryFn: () => api<Page<MemberDto>>(`/workspaces/${wid}/members`, { query: { limit: 200 } }),
  });

export function useMembers(wid: string) {
  return useQuery(membersQuery(wid));
}

export function useUpdateMember(wid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, ...input }: UpdateMemberInput & { userId: string }) =>
      api<MemberDto>(`/workspaces/${wid}/members/${userId}`, { method: 'PATCH', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: workspaceKey(wid) }),
  });
}

export function useRemoveMember(wid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      api<void>(`/workspaces/${wid}/members/${userId}`, { method: 'DELETE' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: workspaceKey(wid) });
      void qc.invalidateQueries({ queryKey: ['workspaces'] });
    },
  });
}
