import type { BrokerFollowThroughDto, PartnerParticipationDto } from '@coalesce/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { workspaceKey } from '../workspaces/api';

const key = (wid: string) => [...workspaceKey(wid), 'participation'] as const;

export const useBrokerFollowThrough = (wid: string, enabled = true) =>
  useQuery({
    queryKey: [...key(wid), 'brokers'],
    queryFn: () => api<BrokerFollowThroughDto>(`/workspaces/${wid}/participation/brokers`),
    enabled,
  });

export const useAllParticipation = (wid: string, enabled = true) =>
  useQuery({
    queryKey: [...key(wid), 'partners'],
    queryFn: () => api<PartnerParticipationDto[]>(`/workspaces/${wid}/participation/partners`),
    enabled,
  });

export const usePartnerParticipation = (wid: string, pid: string, enabled = true) =>
  useQuery({
    queryKey: [...key(wid), 'partner', pid],
    queryFn: () => api<PartnerParticipationDto>(`/workspaces/${wid}/participation/partners/${pid}`),
    enabled,
  });
