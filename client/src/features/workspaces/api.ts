import type {
  CreateWorkspaceInput,
  Page,
  UpdateWorkspaceInput,
  WorkspaceDto,
} from '@coalesce/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { forgetOfflineCopiesExcept } from '../documents/offline-copies';

/** Every query of one workspace lives under this key, so one invalidation refreshes the page. */
export const workspaceKey = (wid: string) => ['workspace', wid] as const;

export const workspacesQuery = () =>
  queryOptions({
    queryKey: ['workspaces'],
    queryFn: async () => {
      const page = await api<Page<WorkspaceDto>>('/workspaces', { query: { limit: 200 } });
      // Removed from a network while away: its documents' copies go once we know.
      if (!page.nextCursor) void forgetOfflineCopiesExcept(page.items.map((w) => w.id));
      return page;
    },
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
