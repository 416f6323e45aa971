import type { NetworkDto } from '@coalesce/shared';
import { clsx } from 'clsx';
import { ArrowDownRight, ArrowRight, ArrowUpRight } from 'lucide-react';
import { Card } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { trendOf } from '../trend';

type Metrics = Pick<NetworkDto['metrics'], 'density' | 'diversity' | 'activeShare'> & {
  nodes: number;
  edges: number;
};

const rows: { key: keyof Metrics; format: 'count' | 'ratio' | 'percent' }[] = [
  { key: 'nodes', format: 'count' },
  { key: 'edges', format: 'count' },
  { key: 'density', format: 'ratio' },
  { key: 'diversity', format: 'ratio' },
  { key: 'activeShare', format: 'percent' },
];

const icons = { up: ArrowUpRight, down: ArrowDownRight, same: ArrowRight };

/**
 * Each figure of the network with one plain sentence on what it means and what a higher value
 * says, and how it moved since `beforeDate` (90 days earlier than the moment shown).
 */
export function NetworkMetrics({
  metrics,
  before,
  beforeDate,
}: {
  metrics: Metrics;
  before: Metrics | undefined;
  beforeDate: Date;
}) {
  const { t, tx, locale } = useI18n();
  const date = useDateFormat('date').format(beforeDate);
  const fmt = (v: number, f: 'count' | 'ratio' | 'percent') =>
    f === 'count'
      ? new Intl.NumberFormat(locale).format(v)
      : f === 'percent'
        ? new Intl.NumberFormat(locale, { style: 'percent' }).format(v)
        : new Intl.NumberFormat(locale, {
            minimumFractionDigits: 2,
            maximumFractionDigits: 2,
          }).format(v);
  return (
    <Card>
      <h2 className="mb-3 font-semibold">{t('network.metrics.title')}</h2>
      <dl className="space-y-3" data-testid="network-metrics">
        {rows.map(({ key, format }) => {
          const trend = before
            ? trendOf(metrics[key], before[key], format === 'count' ? 0.5 : 0.005)
            : null;
          const Icon = trend ? icons[trend] : null;
          return (
            <div key={key} data-metric={key}>
              <dt className="flex flex-wrap items-baseline justify-between gap-x-3">
                <span className="font-medium">{tx(`network.metrics.${key}.name`)}</span>
                <span className="text-lg font-semibold tabular-nums">
                  {fmt(metrics[key], format)}
                </span>
              </dt>
              <dd className="text-sm text-slate-600">
                {trend && before && Icon && (
                  <p
                    className={clsx(
                      'flex items-center gap-1 text-xs font-medium',
                      trend === 'up'
                        ? 'text-emerald-800'
                        : trend === 'down'
                          ? 'text-rose-800'
                          : 'text-slate-600',
                    )}
                    data-trend={trend}
                  >
                    <Icon className="h-3.5 w-3.5" aria-hidden />
                    {tx(`network.metrics.trend.${trend}`, {
                      before: fmt(before[key], format),
                      date,
                    })}
                  </p>
                )}
                <p>{tx(`network.metrics.${key}.explain`)}</p>
              </dd>
            </div>
          );
        })}
      </dl>
    </Card>
  );
}
