import type {
  CreateSurveyWaveInput,
  Page,
  PerceivedNetworkDto,
  SubmitSurveyResponseInput,
  SurveyResponseDto,
  SurveyScoresDto,
  SurveyWaveDto,
} from '@coalesce/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { workspaceKey } from '../workspaces/api';

/** Every survey query lives under this key: the survey events invalidate it as a whole. */
const key = (wid: string) => [...workspaceKey(wid), 'surveys'] as const;

export const surveysQuery = (wid: string) =>
  queryOptions({
    queryKey: [...key(wid), 'list'],
    queryFn: () =>
      api<Page<SurveyWaveDto>>(`/workspaces/${wid}/surveys`, { query: { limit: 200 } }),
  });

export const useSurveys = (wid: string) => useQuery(surveysQuery(wid));

export const useSurvey = (wid: string, sid: string) =>
  useQuery({
    queryKey: [...key(wid), 'one', sid],
    queryFn: () => api<SurveyWaveDto>(`/workspaces/${wid}/surveys/${sid}`),
  });

export const useSurveyScores = (wid: string, sid: string) =>
  useQuery({
    queryKey: [...key(wid), 'scores', sid],
    queryFn: () => api<SurveyScoresDto>(`/workspaces/${wid}/surveys/${sid}/scores`),
  });

/** A partner's own answer; null when it has not answered yet. */
export const useSurveyResponse = (wid: string, sid: string, partnerId: string | null) =>
  useQuery({
    queryKey: [...key(wid), 'response', sid, partnerId],
    enabled: !!partnerId,
    queryFn: async () => {
      try {
        return await api<SurveyResponseDto>(
          `/workspaces/${wid}/surveys/${sid}/responses/${partnerId!}`,
        );
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
  });

/** Every answer of a wave (coordinators only; the server refuses everyone else). */
export const useSurveyResponses = (wid: string, sid: string, enabled: boolean) =>
  useQuery({
    queryKey: [...key(wid), 'responses', sid],
    enabled,
    queryFn: () => api<Page<SurveyResponseDto>>(`/workspaces/${wid}/surveys/${sid}/responses`),
  });

/** The map's survey layer at `at` (undefined: now). */
export const perceivedQuery = (wid: string, at?: string) =>
  queryOptions({
    queryKey: [...key(wid), 'perceived', at ?? 'now'],
    queryFn: () =>
      api<PerceivedNetworkDto>(`/workspaces/${wid}/network/perceived`, { query: { at } }),
  });

export function useSurveyMutations(wid: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: key(wid) });
  return {
    create: useMutation({
      mutationFn: (body: CreateSurveyWaveInput) =>
        api<SurveyWaveDto>(`/workspaces/${wid}/surveys`, { method: 'POST', body }),
      onSuccess: done,
    }),
    close: useMutation({
      mutationFn: (sid: string) =>
        api<SurveyWaveDto>(`/workspaces/${wid}/surveys/${sid}/close`, { method: 'POST' }),
      onSuccess: done,
    }),
    submit: useMutation({
      mutationFn: ({
        sid,
        partnerId,
        body,
      }: {
        sid: string;
        partnerId: string;
        body: SubmitSurveyResponseInput;
      }) =>
        api<SurveyResponseDto>(`/workspaces/${wid}/surveys/${sid}/responses/${partnerId}`, {
          method: 'PUT',
          body,
        }),
      onSuccess: done,
    }),
  };
}
