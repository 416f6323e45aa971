import type {
  CreateInvitationInput,
  CreatedInvitationDto,
  InvitationDto,
  InvitationPreviewDto,
  MemberDto,
  Page,
} from '@coalesce/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { workspaceKey } from '../workspaces/api';

export function useInvitations(wid: string) {
  return useQuery({
    queryKey: [...workspaceKey(wid), 'invitations'],
    queryFn: () =>
      api<Page<InvitationDto>>(`/workspaces/${wid}/invitations`, { query: { limit: 200 } }),
  });
}

export function useCreateInvitation(wid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateInvitationInput) =>
      api<CreatedInvitationDto>(`/workspaces/${wid}/invitations`, { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...workspaceKey(wid), 'invitations'] }),
  });
}

export function useRevokeInvitation(wid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<void>(`/workspaces/${wid}/invitations/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...workspaceKey(wid), 'invitations'] }),
  });
}

export function useInvitationPreview(token: string, enabled: boolean) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api<InvitationPreviewDto>(`/invitations/${encodeURIComponent(token)}`),
    enabled,
  });
}

export function useAcceptInvitation(token: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<MemberDto>(`/invitations/${encodeURIComponent(token)}/accept`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['workspaces'] }),
  });
}
