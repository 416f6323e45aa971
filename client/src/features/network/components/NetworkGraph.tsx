import type { NetworkEdgeDto, NetworkNodeDto } from '@coalesce/shared';
import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ACTOR_COLORS } from '../colors';
import { countLabelOverlaps } from '../overlaps';

cytoscape.use(fcose);

/** Names on a phone are drawn at 17 px; zoomed out to this they are 11 px, the desktop's size. */
const PHONE_FONT = 17;
const MIN_READABLE_ZOOM = 11 / PHONE_FONT;

export interface GraphProps {
  /** Edges may come from the survey layer (dashed) and mark a difference (red). */
  network: {
    nodes: NetworkNodeDto[];
    edges: (NetworkEdgeDto & { layer?: 'logged' | 'perceived'; difference?: boolean })[];
  };
  selected: string | null;
  onSelect(id: string | null): void;
  label: string;
  /** The id of the text that says how to use the map from the keyboard. */
  hintId: string;
}

// fcose (force-directed, compound spring embedder) with the labels counted as part of each node:
// names no longer run into each other. Small networks settle in a few milliseconds.
const layoutOptions = (randomize: boolean) => ({
  name: 'fcose',
  quality: 'default',
  randomize,
  animate: false,
  fit: true,
  padding: 30,
  nodeDimensionsIncludeLabels: true,
  nodeSeparation: 90,
  nodeRepulsion: () => 9000,
  idealEdgeLength: () => 90,
  packComponents: true,
});

/**
 * The network drawn with cytoscape (canvas, so it also renders where WebGL is missing). Nodes keep
 * their positions while the time slider adds and removes partners, so growth is visible. The
 * canvas takes keyboard focus: arrow keys walk through the partners (by name), Escape clears.
 */
export default function NetworkGraph({ network, selected, onSelect, label, hintId }: GraphProps) {
  const el = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const select = useRef(onSelect);
  const [overlaps, setOverlaps] = useState<number | null>(null);
  useEffect(() => {
    select.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    if (!el.current) return;
    // The whole network is fitted into the box, so on a phone it is drawn small: larger type
    // there keeps the names readable after the zoom-out.
    const narrow = el.current.clientWidth < 520;
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
            'font-size': narrow ? PHONE_FONT : 11,
            color: '#0f172a',
            'text-valign': 'bottom',
            'text-margin-y': 4,
            'text-wrap': 'wrap',
            'text-max-width': narrow ? '120px' : '110px',
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.85,
            'text-background-padding': '1px',
            width: 'data(size)',
            height: 'data(size)',
            'border-width': 'data(border)',
            'border-color': '#0f172a',
          },
        },
        {
          selector: 'node:selected',
          style: { 'border-color': '#b45309', 'border-width': 5, 'font-weight': 'bold' },
        },
        {
          selector: 'edge',
          style: {
            width: 'data(width)',
            'line-color': 'data(color)',
            'line-style': 'data(lineStyle)' as never,
            'curve-style': 'bezier',
            opacity: 0.7,
          },
        },
      ],
    });
    instance.on('tap', 'node', (e) => select.current((e.target as NodeSingular).id()));
    instance.on('tap', (e) => {
      if (e.target === instance) select.current(null);
    });
    cy.current = instance;
    // The box changes size with the window or a rotated phone: redraw to the new size.
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      instance.destroy();
      cy.current = null;
    };
  }, []);

  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    const maxB = Math.max(1, ...network.nodes.map((n) => n.metrics.betweenness));
    const nodeIds = new Set(network.nodes.map((n) => n.id));
    const edgeId = (e: { source: string; target: string; layer?: string }) =>
      `${e.layer === 'perceived' ? 'p:' : ''}${e.source}~${e.target}`;
    const edgeIds = new Set(network.edges.map(edgeId));
    const first = c.nodes().empty();
    let added = false;
    c.batch(() => {
      c.elements().forEach((ele) => {
        if (!(ele.isNode() ? nodeIds : edgeIds).has(ele.id())) ele.remove();
      });
      const centre = c.nodes().empty()
        ? { x: 0, y: 0 }
        : {
            x: c.nodes().boundingBox().x1 + c.nodes().boundingBox().w / 2,
            y: c.nodes().boundingBox().y1 + c.nodes().boundingBox().h / 2,
          };
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
          // A newcomer starts near the middle, spread a little, and the layout finds its place.
          c.add({
            group: 'nodes',
            data,
            position: {
              x: centre.x + Math.random() * 60 - 30,
              y: centre.y + Math.random() * 60 - 30,
            },
          });
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
          color: e.difference
            ? '#dc2626'
            : e.layer === 'perceived'
              ? '#6366f1'
              : e.kinds.includes('connection')
                ? '#0f766e'
                : '#94a3b8',
          lineStyle: e.layer === 'perceived' ? 'dashed' : 'solid',
        };
        const existing = c.getElementById(id);
        if (existing.nonempty()) existing.data(data);
        else {
          c.add({ group: 'edges', data });
          added = true;
        }
      }
    });
    if (added || first) {
      c.layout(layoutOptions(first) as cytoscape.LayoutOptions).run();
      // Fitting a wide network into a phone shrinks the names below reading size: stop at a
      // readable zoom, centred, and let people pan to the rest.
      if (c.zoom() < MIN_READABLE_ZOOM && (el.current?.clientWidth ?? 1000) < 520) {
        c.zoom(MIN_READABLE_ZOOM);
        c.center();
      }
    }
    setOverlaps(countLabelOverlaps(c.nodes().map((n) => n.boundingBox({ includeLabels: true }))));
  }, [network]);

  // The selection follows the page (the table, the keyboard, a tap).
  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    c.nodes(':selected').unselect();
    if (selected) c.getElementById(selected).select();
  }, [selected, network]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const order = [...network.nodes].sort((a, b) => a.name.localeCompare(b.name));
    if (order.length === 0) return;
    const i = order.findIndex((n) => n.id === selected);
    const pick = (j: number) => order[(j + order.length) % order.length]!.id;
    let next: string | null | undefined;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = pick(i + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = pick(i < 0 ? -1 : i - 1);
    else if (e.key === 'Home') next = pick(0);
    else if (e.key === 'End') next = pick(-1);
    else if (e.key === 'Escape') next = null;
    if (next === undefined) return;
    e.preventDefault();
    onSelect(next);
  };

  return (
    <div
      ref={el}
      role="application"
      aria-label={label}
      aria-describedby={hintId}
      tabIndex={0}
      onKeyDown={onKeyDown}
      className="h-[50vh] min-h-72 w-full overflow-hidden rounded-lg bg-white ring-1 ring-slate-200 sm:h-[60vh]"
      data-testid="network-canvas"
      data-overlaps={overlaps ?? undefined}
    />
  );
}
