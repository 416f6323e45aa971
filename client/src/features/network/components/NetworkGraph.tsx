import type { NetworkDto } from '@coalesce/shared';
import cytoscape, { type Core } from 'cytoscape';
import { useEffect, useRef } from 'react';
import { ACTOR_COLORS } from '../colors';

/**
 * The network drawn with cytoscape (canvas, so it also renders where WebGL is missing). Nodes keep
 * their positions while the time slider adds and removes partners, so growth is visible.
 */
export default function NetworkGraph({
  network,
  onSelect,
  label,
}: {
  network: NetworkDto;
  onSelect(id: string | null): void;
  label: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const select = useRef(onSelect);
  useEffect(() => {
    select.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    if (!el.current) return;
    const instance = cytoscape({
      container: el.current,
      minZoom: 0.2,
      maxZoom: 3,
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(color)',
            label: 'data(name)',
            'font-size': 10,
            color: '#0f172a',
            'text-valign': 'bottom',
            'text-margin-y': 4,
            width: 'data(size)',
            height: 'data(size)',
            'border-width': 'data(border)',
            'border-color': '#0f172a',
          },
        },
        { selector: 'node:selected', style: { 'border-color': '#f59e0b', 'border-width': 4 } },
        {
          selector: 'edge',
          style: {
            width: 'data(width)',
            'line-color': 'data(color)',
            'curve-style': 'haystack',
            opacity: 0.7,
          },
        },
      ],
    });
    instance.on('tap', 'node', (e) => select.current(e.target.id()));
    instance.on('tap', (e) => {
      if (e.target === instance) select.current(null);
    });
    cy.current = instance;
    return () => {
      instance.destroy();
      cy.current = null;
    };
  }, []);

  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    const maxB = Math.max(1, ...network.nodes.map((n) => n.metrics.betweenness));
    const nodeIds = new Set(network.nodes.map((n) => n.id));
    const edgeId = (e: { source: string; target: string }) => `${e.source}~${e.target}`;
    const edgeIds = new Set(network.edges.map(edgeId));
    c.batch(() => {
      c.elements().forEach((ele) => {
        if (!(ele.isNode() ? nodeIds : edgeIds).has(ele.id())) ele.remove();
      });
      let added = false;
      for (const n of network.nodes) {
        const data = {
          id: n.id,
          name: n.name,
          color: ACTOR_COLORS[n.actorType] ?? '#64748b',
          size: 18 + 34 * (n.metrics.betweenness / maxB),
          border: n.tier === 'core' ? 4 : 1,
        };
        const existing = c.getElementById(n.id);
        if (existing.nonempty()) existing.data(data);
        else {
          c.add({ group: 'nodes', data });
          added = true;
        }
      }
      for (const e of network.edges) {
        const id = edgeId(e);
        const data = {
          id,
          source: e.source,
          target: e.target,
          width: 1 + Math.min(6, e.weight * 1.5),
          color: e.kinds.includes('connection') ? '#0f766e' : '#94a3b8',
        };
        const existing = c.getElementById(id);
        if (existing.nonempty()) existing.data(data);
        else {
          c.add({ group: 'edges', data });
          added = true;
        }
      }
      if (added)
        c.layout({ name: 'cose', animate: false, randomize: false, fit: true, padding: 30 }).run();
    });
  }, [network]);

  return (
    <div
      ref={el}
      role="img"
      aria-label={label}
      className="h-[60vh] w-full rounded-lg bg-white ring-1 ring-slate-200"
      data-testid="network-canvas"
    />
  );
}
