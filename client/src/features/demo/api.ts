import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** `POST /api/demo`: a demo network with 18 months of history, coordinated by the caller. */
export function useCreateDemo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ workspaceId: string }>('/demo', { method: 'POST', body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['workspaces'] }),
  });
}
