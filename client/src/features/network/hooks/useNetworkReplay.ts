import { useMemo } from 'react';
import { useNow } from '../../../components/ui/useNow';
import { usePartners } from '../../partners/api';
import { useNetwork } from '../api';
import { TREND_DAYS } from '../trend';
import { useTimeline } from './useTimeline';

/**
 * The network at the replay slider's moment, and as it stood `TREND_DAYS` earlier so the
 * metrics can show which way they moved.
 */
export function useNetworkReplay(wid: string) {
  const partners = usePartners(wid);
  const now = useNow(60_000);
  const joined = useMemo(
    () => (partners.data?.items ?? []).map((p) => p.joinedAt),
    [partners.data],
  );
  const timeline = useTimeline(joined, now);
  const network = useNetwork(wid, timeline.at);
  const beforeMs = timeline.atMs - TREND_DAYS * 86_400_000;
  const before = useNetwork(wid, new Date(beforeMs).toISOString());
  const names = new Map((partners.data?.items ?? []).map((p) => [p.id, p.name]));
  return { now, timeline, network, before, beforeDate: new Date(beforeMs), names };
}
