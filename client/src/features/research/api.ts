import type { ResearchConsentDto } from '@coalesce/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { workspaceKey } from '../workspaces/api';

/** Under the `research` live target: a consent event refreshes it in every open tab. */
const consentsKey = (wid: string) => [...workspaceKey(wid), 'research', 'consents'] as const;

export function useResearchConsents(wid: string) {
  return useQuery({
    queryKey: consentsKey(wid),
    queryFn: () => api<ResearchConsentDto[]>(`/workspaces/${wid}/research/consents`),
  });
}

export function useSetResearchConsent(wid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ partnerId, mayBeNamed }: { partnerId: string; mayBeNamed: boolean }) =>
      api<ResearchConsentDto>(`/workspaces/${wid}/research/consents/${partnerId}`, {
        method: 'PUT',
        body: { mayBeNamed },
      }),
    onSuccess: (saved) => {
      qc.setQueryData<ResearchConsentDto[]>(consentsKey(wid), (list) =>
        list?.map((c) => (c.partnerId === saved.partnerId ? saved : c)),
      );
      return qc.invalidateQueries({ queryKey: consentsKey(wid) });
    },
  });
}

/** The URL of a research export with the chosen range and pseudonymisation. */
export function researchExportUrl(
  wid: string,
  file: string,
  opts: { from: string; to: string; pseudonymise: boolean },
): string {
  const q = new URLSearchParams();
  if (opts.from) q.set('from', opts.from);
  if (opts.to) q.set('to', opts.to);
  if (opts.pseudonymise) q.set('pseudonymise', 'true');
  const qs = q.toString();
  return `/api/workspaces/${wid}/research/${file}${qs ? `?${qs}` : ''}`;
}
