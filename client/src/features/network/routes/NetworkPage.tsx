import {
  canSeeSuggestions,
  TIERS,
  type ProposeConnectionInput,
  type WorkspaceDto,
} from '@coalesce/shared';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, useOutletContext } from 'react-router';
import { Badge, Button, Card, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useNow } from '../../../components/ui/useNow';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { useConnectionMutations } from '../../connections/api';
import { usePartners } from '../../partners/api';
import { useNetwork, useSuggestions } from '../api';
import { ACTOR_COLORS } from '../colors';
import { describeSuggestion } from '../describe';
import { TiesList } from '../components/TiesList';
import { capacityOf } from '../../workspaces/capacity';

// Cytoscape is large: load it only when someone opens the map.
const NetworkGraph = lazy(() => import('../components/NetworkGraph'));

const STEPS = 100;

export function NetworkPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t, tx, locale } = useI18n();
  const partners = usePartners(ws.id);
  const now = useNow(60_000);
  const [step, setStep] = useState(STEPS);
  const [playing, setPlaying] = useState(false);
  const [tier, setTier] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [proposedKeys, setProposedKeys] = useState<Set<string>>(new Set());
  const { propose } = useConnectionMutations(ws.id);

  const start = useMemo(() => {
    const times = (partners.data?.items ?? []).flatMap((p) =>
      p.joinedAt ? [Date.parse(p.joinedAt)] : [],
    );
    return times.length ? Math.min(...times) - 1000 : now - 86_400_000;
  }, [partners.data, now]);
  const at =
    step >= STEPS ? undefined : new Date(start + ((now - start) * step) / STEPS).toISOString();
  const network = useNetwork(ws.id, at);
  const seesSuggestions = canSeeSuggestions(capacityOf(ws));
  const suggestions = useSuggestions(ws.id, seesSuggestions);

  useEffect(() => {
    if (!playing) return;
    const id = setInterval(() => {
      setStep((s) => {
        if (s >= STEPS) {
          setPlaying(false);
          return STEPS;
        }
        return Math.min(STEPS, s + 2);
      });
    }, 250);
    return () => clearInterval(id);
  }, [playing]);

  const shown = useMemo(() => {
    if (!network.data || !tier) return network.data;
    const nodes = network.data.nodes.filter((n) => n.tier === tier);
    const ids = new Set(nodes.map((n) => n.id));
    return {
      ...network.data,
      nodes,
      edges: network.data.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    };
  }, [network.data, tier]);

  const names = new Map((partners.data?.items ?? []).map((p) => [p.id, p.name]));
  const node = shown?.nodes.find((n) => n.id === selected);
  const fmt = useDateFormat('date');
  const pct = (x: number) => `${Math.round(x * 100)}%`;

  return (
    <div className="grid gap-6 xl:grid-cols-[1fr_22rem]">
      <div className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">{t('network.title')}</h1>
          <label className="flex items-center gap-2 text-sm">
            {t('network.filterTier')}
            <select
              className="rounded-md border border-slate-300 px-2 py-1"
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
        {shown && (
          <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
            <span data-testid="node-count" data-count={shown.nodes.length}>
              {t('network.partners', { n: shown.nodes.length })}
            </span>
            <span>{t('network.ties', { n: shown.edges.length })}</span>
            <span>{t('network.density', { value: shown.metrics.density.toFixed(2) })}</span>
            <span>{t('network.diversity', { value: shown.metrics.diversity.toFixed(2) })}</span>
            <span>{t('network.activeShare', { value: pct(shown.metrics.activeShare) })}</span>
          </p>
        )}
        {network.isError ? (
          <ErrorNote>{network.error.message}</ErrorNote>
        ) : !shown ? (
          <Spinner label={t('network.loading')} />
        ) : shown.nodes.length === 0 ? (
          <p className="rounded-lg bg-white p-8 text-center text-slate-500 ring-1 ring-slate-200">
            {t('network.empty')}
          </p>
        ) : (
          <Suspense fallback={<Spinner label={t('network.loading')} />}>
            <NetworkGraph network={shown} onSelect={setSelected} label={t('network.title')} />
          </Suspense>
        )}
        <div className="flex items-center gap-3">
          <Button
            variant="secondary"
            size="sm"
            onClick={() => (step >= STEPS && setStep(0), setPlaying((p) => !p))}
          >
            {playing ? t('network.pause') : t('network.play')}
          </Button>
          <label className="flex flex-1 items-center gap-3 text-sm">
            <span className="sr-only">{t('network.timeline')}</span>
            <input
              type="range"
              min={0}
              max={STEPS}
              value={step}
              aria-label={t('network.timeline')}
              aria-valuetext={at ? fmt.format(new Date(at)) : t('network.now')}
              data-testid="time-slider"
              onChange={(e) => setStep(Number(e.target.value))}
              className="flex-1"
            />
            <span className="w-40 text-right text-slate-600">
              {at ? t('network.at', { date: fmt.format(new Date(at)) }) : t('network.now')}
            </span>
          </label>
        </div>
        {shown && <TiesList network={shown} names={names} />}
        <p className="text-xs text-slate-500">{t('network.legend')}</p>
        <ul className="flex flex-wrap gap-2 text-xs">
          {Object.entries(ACTOR_COLORS).map(([k, c]) => (
            <li key={k} className="flex items-center gap-1">
              <span className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: c }} />
              {tx(`partners.actorTypes.${k}`)}
            </li>
          ))}
        </ul>
      </div>
      <aside className="space-y-4">
        {node && (
          <Card>
            <h2 className="text-sm font-semibold text-slate-500">{t('network.selected')}</h2>
            <p className="text-lg font-semibold">{node.name}</p>
            <div className="my-2 flex flex-wrap gap-1">
              <Badge>{tx(`partners.actorTypes.${node.actorType}`)}</Badge>
              <Badge tone="brand">{tx(`partners.tiers.${node.tier}`)}</Badge>
            </div>
            <p className="text-sm">{t('network.degree', { n: node.metrics.degree })}</p>
            <p className="text-sm">
              {t('network.betweenness', { n: node.metrics.betweenness.toFixed(1) })}
            </p>
            <Link
              className="mt-2 inline-block text-sm font-medium text-brand-700 underline"
              to={`../partners/${node.id}`}
            >
              {t('network.openProfile')}
            </Link>
          </Card>
        )}
        {seesSuggestions && (
          <Card>
            <h2 className="mb-2 font-semibold">{t('network.suggestions')}</h2>
            {suggestions.data?.items.length ? (
              <ul className="space-y-3" data-testid="suggestions">
                {suggestions.data.items.map((s) => {
                  const k = `${s.fromPartnerId}~${s.toPartnerId}`;
                  return (
                    <li key={k} className="text-sm">
                      <p className="font-medium">
                        {names.get(s.fromPartnerId) ?? '…'} ↔ {names.get(s.toPartnerId) ?? '…'}
                      </p>
                      <p className="text-slate-600">{describeSuggestion(s, names, tx, locale)}</p>
                      <Button
                        size="sm"
                        variant="secondary"
                        className="mt-1"
                        disabled={proposedKeys.has(k)}
                        onClick={() =>
                          propose.mutate(
                            {
                              fromPartnerId: s.fromPartnerId,
                              toPartnerId: s.toPartnerId,
                              // The code, not this reader's sentence: each reader sees the
                              // reason in their own language.
                              reasonCode: s.reason.code,
                              reasonParams: s.reason
                                .params as ProposeConnectionInput['reasonParams'],
                            },
                            { onSuccess: () => setProposedKeys((x) => new Set(x).add(k)) },
                          )
                        }
                      >
                        {proposedKeys.has(k) ? t('network.proposed') : t('network.proposeThis')}
                      </Button>
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className="text-sm text-slate-500">{t('network.noSuggestions')}</p>
            )}
          </Card>
        )}
      </aside>
    </div>
  );
}
