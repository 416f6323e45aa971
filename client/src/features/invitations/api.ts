import type {
  CreateInvitationInput,
  CreatedInvitationDto,
  InvitationDto,
  InvitationPreviewDto,
  MemberDto,
  MyInvitationsDto,
  NotificationPush,
  Page,
} from '@coalesce/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client';
import { useSocketEvent } from '../../app/socket';
import { workspaceKey } from '../workspaces/api';

export const invitationsQuery = (wid: string) =>
  queryOptions({
    queryKey: [...workspaceKey(wid), 'invitations'],
    queryFn: () =>
      api<Page<InvitationDto>>(`/workspaces/${wid}/invitations`, { query: { limit: 200 } }),
  });

export function useInvitations(wid: string) {
  return useQuery(invitationsQuery(wid));
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

/** The signed-in user's pending email-bound invitations (`GET /me/invitations`). */
export const myInvitationsKey = ['me', 'invitations'] as const;

export function useMyInvitations() {
  return useQuery({
    queryKey: myInvitationsKey,
    queryFn: () => api<MyInvitationsDto>('/me/invitations'),
  });
}

/** A new `invited` notification means a new invitation: fetch the list again. */
export function useLiveMyInvitations() {
  const qc = useQueryClient();
  const onPush = useCallback(
    (push: NotificationPush) => {
      if (push.reason === 'created' && push.notification?.kind === 'invited') {
        void qc.invalidateQueries({ queryKey: myInvitationsKey });
      }
    },
    [qc],
  );
  useSocketEvent('notification', onPush);
}

/** Accepts by id; the workspaces list is refreshed before the caller navigates into it. */
export function useAcceptMyInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<MemberDto>(`/me/invitations/${id}/accept`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['workspaces'] }),
    // Also after an error: the invitation may have expired, been used or revoked meanwhile.
    onSettled: () => qc.invalidateQueries({ queryKey: myInvitationsKey }),
  });
}

export function useDeclineMyInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/me/invitations/${id}/decline`, { method: 'POST' }),
    onSettled: () => qc.invalidateQueries({ queryKey: myInvitationsKey }),
  });
}
