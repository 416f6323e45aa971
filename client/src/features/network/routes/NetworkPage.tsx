import { canSeeSuggestions, type WorkspaceDto } from '@coalesce/shared';
import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useOutletContext } from 'react-router';
import { ErrorNote, Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { NetworkLegend } from '../components/NetworkLegend';
import { NetworkMetrics } from '../components/NetworkMetrics';
import { NetworkToolbar } from '../components/NetworkToolbar';
import { PartnerTable } from '../components/PartnerTable';
import { SelectedPartner } from '../components/SelectedPartner';
import { Suggestions } from '../components/Suggestions';
import { TiesList } from '../components/TiesList';
import { Timeline } from '../components/Timeline';
import { PerceivedTies, TieLayerToggle } from '../components/TieLayers';
import { layeredEdges, type TieLayer } from '../layers';
import { perceivedQuery } from '../../surveys/api';
import { useNetworkReplay } from '../hooks/useNetworkReplay';
import { useNetworkView } from '../hooks/useNetworkView';
import { filterByTier } from '../tierFilter';
import { capacityOf } from '../../workspaces/capacity';

// Cytoscape and its layout are large: load them only when someone opens the map.
const NetworkGraph = lazy(() => import('../components/NetworkGraph'));

export function NetworkPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t } = useI18n();
  const { now, timeline, network, before, beforeDate, names } = useNetworkReplay(ws.id);
  const { view, setView } = useNetworkView();
  const [tier, setTier] = useState('');
  const [layer, setLayer] = useState<TieLayer>('logged');
  const perceived = useQuery({
    ...perceivedQuery(ws.id, timeline.at),
    enabled: layer !== 'logged',
  });
  const [selected, setSelected] = useState<string | null>(null);
  const hintId = useId();
  const shown = useMemo(() => filterByTier(network.data, tier), [network.data, tier]);
  const node = shown?.nodes.find((n) => n.id === selected);
  const drawn = useMemo(
    () => shown && { ...shown, edges: layeredEdges(shown, perceived.data, layer) },
    [shown, perceived.data, layer],
  );

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="min-w-0 space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">{t('network.title')}</h1>
          <NetworkToolbar view={view} onView={setView} tier={tier} onTier={setTier} />
        </div>
        <TieLayerToggle layer={layer} onLayer={setLayer} />
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
              network={drawn ?? shown}
              selected={selected}
              onSelect={setSelected}
              label={t('network.title')}
              hintId={hintId}
            />
          </Suspense>
        )}
        <Timeline timeline={timeline} now={now} />
        {shown && (
          <PerceivedTies wid={ws.id} network={shown} perceived={perceived.data} layer={layer} />
        )}
        {shown && <TiesList network={shown} names={names} />}
        <NetworkLegend hintId={view === 'map' ? hintId : undefined} />
      </div>
      <aside className="min-w-0 space-y-4">
        <SelectedPartner node={node} />
        {network.data && (
          <NetworkMetrics
            metrics={network.data.metrics}
            before={before.data?.metrics}
            beforeDate={beforeDate}
          />
        )}
        {canSeeSuggestions(capacityOf(ws)) && <Suggestions ws={ws} names={names} />}
      </aside>
    </div>
  );
}
