import type { NetworkNodeDto } from '@coalesce/shared';
import { clsx } from 'clsx';
import { ArrowDown, ArrowUp, MapPin } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../i18n/i18n';

type Column = 'name' | 'actorType' | 'tier' | 'degree' | 'betweenness';
const numeric: Column[] = ['degree', 'betweenness'];

/**
 * The map as a table: one row per partner with its figures, sortable by every column. It is the
 * accessible alternative to the canvas, and "Show on the map" selects the partner there.
 */
export function PartnerTable({
  nodes,
  selected,
  onShow,
}: {
  nodes: NetworkNodeDto[];
  selected: string | null;
  onShow(id: string): void;
}) {
  const { t, tx, locale } = useI18n();
  const [sort, setSort] = useState<{ col: Column; desc: boolean }>({ col: 'degree', desc: true });
  const text = (n: NetworkNodeDto, c: Column) =>
    c === 'name'
      ? n.name
      : c === 'actorType'
        ? tx(`partners.actorTypes.${n.actorType}`)
        : tx(`partners.tiers.${n.tier}`);
  const value = (n: NetworkNodeDto, c: Column) =>
    c === 'degree' ? n.metrics.degree : c === 'betweenness' ? n.metrics.betweenness : 0;
  const rows = [...nodes].sort((a, b) => {
    const d = numeric.includes(sort.col)
      ? value(a, sort.col) - value(b, sort.col)
      : text(a, sort.col).localeCompare(text(b, sort.col), locale);
    return (sort.desc ? -d : d) || a.name.localeCompare(b.name, locale);
  });
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const columns: Column[] = ['name', 'actorType', 'tier', 'degree', 'betweenness'];
  return (
    <div className="scroll-cue overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
      <table className="w-full text-left text-sm" data-testid="network-table">
        <caption className="sr-only">{t('network.table.caption')}</caption>
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            {columns.map((c) => {
              const active = sort.col === c;
              return (
                <th
                  key={c}
                  scope="col"
                  aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : undefined}
                  className={clsx(
                    'align-bottom',
                    numeric.includes(c) ? 'text-right' : 'text-left',
                    (c === 'actorType' || c === 'tier') && 'hidden sm:table-cell',
                  )}
                >
                  <button
                    type="button"
                    className={clsx(
                      'inline-flex min-h-10 w-full items-center gap-1 px-3 py-2 text-left font-semibold text-slate-700 hover:bg-slate-100',
                      numeric.includes(c) && 'justify-end',
                    )}
                    onClick={() =>
                      setSort((s) => ({
                        col: c,
                        desc: s.col === c ? !s.desc : numeric.includes(c),
                      }))
                    }
                  >
                    {tx(`network.table.${c}`)}
                    {active &&
                      (sort.desc ? (
                        <ArrowDown className="h-3.5 w-3.5" aria-hidden />
                      ) : (
                        <ArrowUp className="h-3.5 w-3.5" aria-hidden />
                      ))}
                  </button>
                </th>
              );
            })}
            <td />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((n) => (
            <tr key={n.id} className={n.id === selected ? 'bg-amber-50' : undefined}>
              <th scope="row" className="px-3 py-2 font-medium">
                <Link className="text-brand-700 underline" to={`../partners/${n.id}`}>
                  {n.name}
                </Link>
                {/* On a phone the type and circle go under the name instead of in columns. */}
                <span className="block text-xs font-normal text-slate-600 sm:hidden">
                  {text(n, 'actorType')} · {text(n, 'tier')}
                </span>
              </th>
              <td className="hidden px-3 py-2 sm:table-cell">{text(n, 'actorType')}</td>
              <td className="hidden px-3 py-2 sm:table-cell">{text(n, 'tier')}</td>
              <td className="px-3 py-2 text-right tabular-nums">{n.metrics.degree}</td>
              <td className="px-3 py-2 text-right tabular-nums">
                {num.format(n.metrics.betweenness)}
              </td>
              <td className="px-3 py-1 text-right">
                <button
                  type="button"
                  className="inline-flex min-h-8 min-w-8 items-center justify-center rounded-md text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50"
                  onClick={() => onShow(n.id)}
                  aria-label={`${t('network.table.showOnMap')}: ${n.name}`}
                  title={t('network.table.showOnMap')}
                >
                  <MapPin className="h-4 w-4" aria-hidden />
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
