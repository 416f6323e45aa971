import type { ActivityEventDto, Page } from '@coalesce/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { workspaceKey } from '../workspaces/api';

export function useActivity(
  wid: string,
  filter: { type?: string; kind?: string; partnerId?: string } = {},
) {
  return useInfiniteQuery({
    queryKey: [...workspaceKey(wid), 'activity', filter],
    queryFn: ({ pageParam }) =>
      api<Page<ActivityEventDto>>(`/workspaces/${wid}/activity`, {
        query: {
          limit: 30,
          cursor: pageParam,
          type: filter.type,
          kind: filter.kind,
          partnerId: filter.partnerId,
        },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
