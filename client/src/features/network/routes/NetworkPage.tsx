import { canSeeSuggestions, TIERS, type WorkspaceDto } from '@coalesce/shared';
import { clsx } from 'clsx';
import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { useOutletContext, useSearchParams } from 'react-router';
import { ErrorNote, Spinner } from '../../../components/ui/ui';
import { useNow } from '../../../components/ui/useNow';
import { useI18n } from '../../../i18n/i18n';
import { usePartners } from '../../partners/api';
import { useNetwork } from '../api';
import { ACTOR_COLORS } from '../colors';
import { NetworkMetrics } from '../components/NetworkMetrics';
import { PartnerTable } from '../components/PartnerTable';
import { SelectedPartner } from '../components/SelectedPartner';
import { Suggestions } from '../components/Suggestions';
import { TiesList } from '../components/TiesList';
import { Timeline } from '../components/Timeline';
import { useTimeline } from '../hooks/useTimeline';
import { TREND_DAYS } from '../trend';
import { capacityOf } from '../../workspaces/capacity';

// Cytoscape and its layout are large: load them only when someone opens the map.
const NetworkGraph = lazy(() => import('../components/NetworkGraph'));

export function NetworkPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t, tx } = useI18n();
  const partners = usePartners(ws.id);
  const now = useNow(60_000);
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'table' ? 'table' : 'map';
  const [tier, setTier] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const hintId = useId();
  const joined = useMemo(
    () => (partners.data?.items ?? []).map((p) => p.joinedAt),
    [partners.data],
  );
  const timeline = useTimeline(joined, now);
  const network = useNetwork(ws.id, timeline.at);
  const beforeMs = timeline.atMs - TREND_DAYS * 86_400_000;
  const before = useNetwork(ws.id, new Date(beforeMs).toISOString());

  const shown = useMemo(() => {
    if (!network.data || !tier) return network.data;
    const nodes = network.data.nodes.filter((n) => n.tier === tier);
    const ids = new Set(nodes.map((n) => n.id));
    const edges = network.data.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
    return { ...network.data, nodes, edges };
  }, [network.data, tier]);
  const names = new Map((partners.data?.items ?? []).map((p) => [p.id, p.name]));
  const node = shown?.nodes.find((n) => n.id === selected);
  const setView = (v: 'map' | 'table') =>
    setParams((p) => (v === 'table' ? p.set('view', 'table') : p.delete('view'), p), {
      replace: true,
    });

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="min-w-0 space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">{t('network.title')}</h1>
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
                  onClick={() => setView(v)}
                  className={clsx(
                    'min-h-9 px-3 text-sm font-medium first:rounded-l-md last:rounded-r-md',
                    view === v
                      ? 'bg-brand-700 text-white'
                      : 'bg-white text-slate-700 hover:bg-slate-50',
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
                onChange={(e) => setTier(e.target.value)}
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
        </div>
        {shown && (
          <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
            <span data-testid="node-count" data-count={shown.nodes.length}>
              {t('network.partners', { n: shown.nodes.length })}
            </span>
            <span>{t('network.ties', { n: shown.edges.length })}</span>
          </p>
        )}
        {network.isError ? (
          <ErrorNote>{network.error.message}</ErrorNote>
        ) : !shown ? (
          <Spinner label={t('network.loading')} />
        ) : shown.nodes.length === 0 ? (
          <p className="rounded-lg bg-white p-8 text-center text-slate-600 ring-1 ring-slate-200">
            {t('network.empty')}
          </p>
        ) : view === 'table' ? (
          <PartnerTable
            nodes={shown.nodes}
            selected={selected}
            onShow={(id) => (setSelected(id), setView('map'))}
          />
        ) : (
          <Suspense fallback={<Spinner label={t('network.loading')} />}>
            <NetworkGraph
              network={shown}
              selected={selected}
              onSelect={setSelected}
              label={t('network.title')}
              hintId={hintId}
            />
          </Suspense>
        )}
        <Timeline timeline={timeline} now={now} />
        {shown && <TiesList network={shown} names={names} />}
        <p className="text-xs text-slate-600">
          {view === 'map' && <span id={hintId}>{t('network.keyboardHint')} </span>}
          {t('network.legend')}
        </p>
        <ul
          className="flex flex-wrap gap-x-3 gap-y-1 text-xs"
          aria-label={t('network.legendTitle')}
        >
          {Object.entries(ACTOR_COLORS).map(([k, c]) => (
            <li key={k} className="flex items-center gap-1">
              <span
                className="h-2.5 w-2.5 rounded-full"
                style={{ backgroundColor: c }}
                aria-hidden
              />
              {tx(`partners.actorTypes.${k}`)}
            </li>
          ))}
        </ul>
      </div>
      <aside className="min-w-0 space-y-4">
        <SelectedPartner node={node} />
        {network.data && (
          <NetworkMetrics
            metrics={network.data.metrics}
            before={before.data?.metrics}
            beforeDate={new Date(beforeMs)}
          />
        )}
        {canSeeSuggestions(capacityOf(ws)) && <Suggestions ws={ws} names={names} />}
      </aside>
    </div>
  );
}
