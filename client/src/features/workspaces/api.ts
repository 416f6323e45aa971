import type {
  CreateWorkspaceInput,
  Page,
  UpdateWorkspaceInput,
  WorkspaceDto,
} from '@coalesce/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** Every query of one workspace lives under this key, so one invalidation refreshes the page. */
export const workspaceKey = (wid: string) => ['workspace', wid] as const;

export const workspacesQuery = () =>
  queryOptions({
    queryKey: ['workspaces'],
    queryFn: () => api<Page<WorkspaceDto>>('/workspaces', { query: { limit: 200 } }),
  });

export const workspaceQuery = (wid: string) =>
  queryOptions({
    queryKey: [...workspaceKey(wid), 'detail'],
    queryFn: () => api<WorkspaceDto>(`/workspaces/${wid}`),
  });

export function useWorkspaces() {
  return useQuery(workspacesQuery());
}

export function useWorkspace(wid: string) {
  return useQuery(workspaceQuery(wid));
}

export function useCreateWorkspace() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateWorkspaceInput) =>
      api<WorkspaceDto>('/workspaces', { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['workspaces'] }),
  });
}

export function useUpdateWorkspace(wid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateWorkspaceInput) =>
      api<WorkspaceDto>(`/workspaces/${wid}`, { method: 'PATCH', body: input }),
    onSuccess: (ws) => {
      qc.setQueryData([...workspaceKey(wid), 'detail'], ws);
      void qc.invalidateQueries({ queryKey: ['workspaces'] });
    },
  });
}
