import type { ExperimentDto, Page } from '@coalesce/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { workspaceKey } from '../workspaces/api';

const key = (wid: string) => [...workspaceKey(wid), 'experiments'] as const;

export const experimentsQuery = (wid: string) =>
  queryOptions({
    queryKey: [...key(wid), 'list'],
    queryFn: () =>
      api<Page<ExperimentDto>>(`/workspaces/${wid}/experiments`, { query: { limit: 200 } }),
  });

export function useExperiments(wid: string) {
  return useQuery(experimentsQuery(wid));
}

export function useExperiment(wid: string, eid: string) {
  return useQuery({
    queryKey: [...key(wid), 'one', eid],
    queryFn: () => api<ExperimentDto>(`/workspaces/${wid}/experiments/${eid}`),
  });
}

export function useExperimentMutations(wid: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: key(wid) });
  return {
    create: useMutation({
      mutationFn: (body: unknown) =>
        api<ExperimentDto>(`/workspaces/${wid}/experiments`, { method: 'POST', body }),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: { id: string } & Record<string, unknown>) =>
        api<ExperimentDto>(`/workspaces/${wid}/experiments/${id}`, { method: 'PATCH', body }),
      // The board moves the card at once; the server's answer (or refusal) settles it.
      onMutate: async ({ id, ...body }) => {
        await qc.cancelQueries({ queryKey: [...key(wid), 'list'] });
        const prev = qc.getQueryData<Page<ExperimentDto>>([...key(wid), 'list']);
        if (prev && 'status' in body) {
          qc.setQueryData<Page<ExperimentDto>>([...key(wid), 'list'], {
            ...prev,
            items: prev.items.map((e) =>
              e.id === id ? { ...e, status: body.status as ExperimentDto['status'] } : e,
            ),
          });
        }
        return { prev };
      },
      onError: (_e, _v, ctx) => ctx?.prev && qc.setQueryData([...key(wid), 'list'], ctx.prev),
      onSettled: done,
    }),
    addLearning: useMutation({
      mutationFn: ({ id, ...body }: { id: string; text: string; evidenceUrl?: string }) =>
        api<ExperimentDto>(`/workspaces/${wid}/experiments/${id}/learnings`, {
          method: 'POST',
          body,
        }),
      onSuccess: done,
    }),
  };
}

/** `DELETE …/experiments/:eid` (coordinators, or the lead partner's representatives). */
export function useDeleteExperiment(wid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<void>(`/workspaces/${wid}/experiments/${id}`, { method: 'DELETE' }),
    onSuccess: (_v, id) => {
      qc.removeQueries({ queryKey: [...key(wid), 'one', id] });
      void qc.invalidateQueries({ queryKey: key(wid) });
    },
  });
}
