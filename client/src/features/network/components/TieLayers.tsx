import type { NetworkDto, PerceivedNetworkDto } from '@coalesce/shared';
import { clsx } from 'clsx';
import { Link } from 'react-router';
import { useI18n } from '../../../i18n/i18n';
import { shownDifferences, TIE_LAYERS, type TieLayer } from '../layers';

/** Logged ties, perceived ties (the survey wave in force at the slider's date), or both. */
export function TieLayerToggle({
  layer,
  onLayer,
}: {
  layer: TieLayer;
  onLayer(l: TieLayer): void;
}) {
  const { t } = useI18n();
  return (
    <div
      role="group"
      aria-label={t('surveys.map.layers')}
      className="inline-flex rounded-md ring-1 ring-slate-300"
    >
      {TIE_LAYERS.map((l) => (
        <button
          key={l}
          type="button"
          aria-pressed={layer === l}
          onClick={() => onLayer(l)}
          className={clsx(
            'min-h-9 px-3 text-sm font-medium first:rounded-l-md last:rounded-r-md',
            layer === l ? 'bg-indigo-700 text-white' : 'bg-white text-slate-700 hover:bg-slate-50',
          )}
        >
          {t(`surveys.map.${l}`)}
        </button>
      ))}
    </div>
  );
}

/**
 * The survey layer as text: which wave is in force, its perceived ties (level only, never a
 * rating) and where they differ from the logged ties.
 */
export function PerceivedTies({
  wid,
  network,
  perceived,
  layer,
}: {
  wid: string;
  network: NetworkDto;
  perceived: PerceivedNetworkDto | undefined;
  layer: TieLayer;
}) {
  const { t } = useI18n();
  if (layer === 'logged' || !perceived) return null;
  const names = new Map(network.nodes.map((n) => [n.id, n.name]));
  const shown = new Set(names.keys());
  const name = (id: string) => names.get(id) ?? '…';
  const edges = perceived.edges.filter((e) => shown.has(e.source) && shown.has(e.target));
  const differences = shownDifferences(network, perceived);
  return (
    <section
      className="space-y-2 rounded-lg bg-white p-4 text-sm ring-1 ring-slate-200"
      data-testid="perceived"
    >
      {perceived.wave ? (
        <p>
          <Link
            to={`/w/${wid}/surveys/${perceived.wave.id}`}
            className="text-brand-700 hover:underline"
          >
            {t('surveys.map.wave', { title: perceived.wave.title })}
          </Link>
        </p>
      ) : (
        <p className="text-slate-600">{t('surveys.map.noWave')}</p>
      )}
      <p className="flex flex-wrap gap-4 text-xs text-slate-600" aria-hidden>
        <span>
          <span className="mr-1 inline-block w-6 border-t-2 border-dashed border-indigo-500 align-middle" />
          {t('surveys.map.legendPerceived')}
        </span>
        {layer === 'both' && (
          <span>
            <span className="mr-1 inline-block w-6 border-t-2 border-red-600 align-middle" />
            {t('surveys.map.legendDifference')}
          </span>
        )}
      </p>
      {layer === 'both' && perceived.wave && (
        <div data-testid="differences">
          <h2 className="font-medium">{t('surveys.map.differences')}</h2>
          {differences.length === 0 ? (
            <p className="text-slate-500">{t('surveys.map.noDifferences')}</p>
          ) : (
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {differences.map((d) => (
                <li key={`${d.kind}:${d.source}:${d.target}`}>
                  {t(`surveys.map.${d.kind}`, { a: name(d.source), b: name(d.target) })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {perceived.wave && (
        <details data-testid="perceived-ties">
          <summary className="cursor-pointer text-slate-600">
            {t('surveys.map.perceivedList')} ({edges.length})
          </summary>
          <ul className="mt-1 space-y-0.5">
            {edges.map((e) => (
              <li key={`${e.source}~${e.target}`}>
                {t('surveys.map.perceivedTie', {
                  a: name(e.source),
                  b: name(e.target),
                  level: t(`surveys.levelShort.${e.level}`),
                  mutual: e.reciprocal ? t('surveys.map.mutual') : '',
                })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
