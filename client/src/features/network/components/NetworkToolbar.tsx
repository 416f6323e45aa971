import { TIERS } from '@coalesce/shared';
import { clsx } from 'clsx';
import { useI18n } from '../../../i18n/i18n';
import type { NetworkView } from '../hooks/useNetworkView';

/** Switch between map and table, and narrow the network to one tier. */
export function NetworkToolbar({
  view,
  onView,
  tier,
  onTier,
}: {
  view: NetworkView;
  onView(view: NetworkView): void;
  tier: string;
  onTier(tier: string): void;
}) {
  const { t, tx } = useI18n();
  return (
    <div className="flex flex-wrap items-center gap-3">
      <div
        role="group"
        aria-label={t('network.view')}
        className="inline-flex rounded-md ring-1 ring-slate-300"
      >
        {(['map', 'table'] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={view === v}
            onClick={() => onView(v)}
            className={clsx(
              'min-h-9 px-3 text-sm font-medium first:rounded-l-md last:rounded-r-md',
              view === v ? 'bg-brand-700 text-white' : 'bg-white text-slate-700 hover:bg-slate-50',
            )}
          >
            {t(v === 'map' ? 'network.viewMap' : 'network.viewTable')}
          </button>
        ))}
      </div>
      <label className="flex items-center gap-2 text-sm">
        {t('network.filterTier')}
        <select
          className="min-h-9 rounded-md border border-slate-300 bg-white px-2 py-1"
          value={tier}
          onChange={(e) => onTier(e.target.value)}
        >
          <option value="">{t('partners.all')}</option>
          {TIERS.map((x) => (
            <option key={x} value={x}>
              {tx(`partners.tiers.${x}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
