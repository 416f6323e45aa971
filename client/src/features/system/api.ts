import type { Health } from '@coalesce/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: () => api<Health>('/health'),
    refetchInterval: 30_000,
    retry: false,
  });
}
