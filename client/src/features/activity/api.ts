import type { ActivityEventDto, Page } from '@coalesce/shared';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { workspaceKey } from '../workspaces/api';

export type ActivityFilter = { type?: string; kind?: string; partnerId?: string };

export const activityQuery = (wid: string, filter: ActivityFilter = {}) =>
  infiniteQueryOptions({
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

export function useActivity(wid: string, filter: ActivityFilter = {}) {
  return useInfiniteQuery(activityQuery(wid, filter));
}
