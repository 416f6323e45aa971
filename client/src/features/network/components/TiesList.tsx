import type { NetworkDto as Network } from '@coalesce/shared';
import { useI18n } from '../../../i18n/i18n';

/**
 * The map's ties as text: the canvas cannot be read by a screen reader (or a test), this list
 * can. It follows the same filters and time as the map.
 */
export function TiesList({ network, names }: { network: Network; names: Map<string, string> }) {
  const { t } = useI18n();
  const nodeNames = new Map(network.nodes.map((n) => [n.id, n.name]));
  const name = (id: string) => nodeNames.get(id) ?? names.get(id) ?? '…';
  return (
    <details className="text-sm" data-testid="ties">
      <summary className="cursor-pointer text-slate-600">
        {t('coalition.ties.title')} ({network.edges.length})
      </summary>
      {network.edges.length === 0 ? (
        <p className="mt-1 text-slate-500">{t('coalition.ties.none')}</p>
      ) : (
        <ul className="mt-1 space-y-0.5">
          {network.edges.map((e) => (
            <li key={`${e.source}~${e.target}`}>
              {name(e.source)} ↔ {name(e.target)}{' '}
              <span className="text-slate-500">
                ({e.kinds.map((k) => t(`coalition.ties.${k}`)).join(', ')})
              </span>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
