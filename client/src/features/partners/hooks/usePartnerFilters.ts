import { useState } from 'react';
import type { PartnerFilters } from '../api';
import { withFilter } from '../filters';

/** The list's filters, and a setter per filter for its select. */
export function usePartnerFilters() {
  const [filters, setFilters] = useState<PartnerFilters>({});
  const set = (key: keyof PartnerFilters) => (value: string) =>
    setFilters((f) => withFilter(f, key, value));
  return { filters, set };
}
