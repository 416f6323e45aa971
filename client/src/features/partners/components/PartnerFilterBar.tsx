import { ACTOR_TYPES, PARTNER_STATUSES, TIERS } from '@coalesce/shared';
import { useI18n } from '../../../i18n/i18n';
import type { PartnerFilters } from '../api';
import { FilterSelect } from './FilterSelect';

export function PartnerFilterBar({
  filters,
  set,
}: {
  filters: PartnerFilters;
  set(key: keyof PartnerFilters): (value: string) => void;
}) {
  const { t, tx } = useI18n();
  return (
    <div className="flex flex-wrap gap-3">
      <FilterSelect
        label={t('partners.tier')}
        value={filters.tier ?? ''}
        onChange={set('tier')}
        options={TIERS.map((x) => ({ value: x, label: tx(`partners.tiers.${x}`) }))}
      />
      <FilterSelect
        label={t('partners.actorType')}
        value={filters.actorType ?? ''}
        onChange={set('actorType')}
        options={ACTOR_TYPES.map((x) => ({ value: x, label: tx(`partners.actorTypes.${x}`) }))}
      />
      <FilterSelect
        label={t('partners.status')}
        value={filters.status ?? ''}
        onChange={set('status')}
        options={PARTNER_STATUSES.map((x) => ({ value: x, label: tx(`partners.statuses.${x}`) }))}
      />
    </div>
  );
}
