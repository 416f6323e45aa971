import type { PartnerStatus, Tier } from '@coalesce/shared';
import type { PartnerFilters } from './api';

/** The filters with one changed; choosing "all" (an empty value) drops that filter. */
export function withFilter(
  filters: PartnerFilters,
  key: keyof PartnerFilters,
  value: string,
): PartnerFilters {
  return { ...filters, [key]: value || undefined };
}

/** Core partners stand out; active ones read as settled, candidates as pending, the rest as gone. */
export function tierTone(tier: Tier): 'brand' | 'slate' {
  return tier === 'core' ? 'brand' : 'slate';
}

export function statusTone(status: PartnerStatus): 'brand' | 'amber' | 'rose' {
  return status === 'active' ? 'brand' : status === 'candidate' ? 'amber' : 'rose';
}
