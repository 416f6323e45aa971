import type { NetworkDto, NetworkEdgeDto, PerceivedNetworkDto } from '@coalesce/shared';

/** Which ties the map draws: logged (connections, shared experiments), perceived, or both. */
export const TIE_LAYERS = ['logged', 'perceived', 'both'] as const;
export type TieLayer = (typeof TIE_LAYERS)[number];

/** An edge as the graph draws it: which layer it comes from and whether it marks a difference. */
export type LayeredEdge = NetworkEdgeDto & { layer: 'logged' | 'perceived'; difference: boolean };

const pair = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * The edges to draw for a layer, between the partners shown. Perceived ties are weighted by
 * their level (awareness 0.5 … collaboration 2); in "both", the ties where logged and perceived
 * disagree are marked (a perceived collaboration without a shared experiment, a logged
 * connection nobody reports working with).
 */
export function layeredEdges(
  network: Pick<NetworkDto, 'nodes' | 'edges'>,
  perceived: PerceivedNetworkDto | undefined,
  layer: TieLayer,
): LayeredEdge[] {
  const shown = new Set(network.nodes.map((n) => n.id));
  const diff = new Map(
    (perceived?.differences ?? []).map((d) => [pair(d.source, d.target), d.kind]),
  );
  const mark = layer === 'both';
  const logged: LayeredEdge[] =
    layer === 'perceived'
      ? []
      : network.edges.map((e) => ({
          ...e,
          layer: 'logged',
          difference: mark && diff.get(pair(e.source, e.target)) === 'connection_not_valued',
        }));
  const levels = ['awareness', 'cooperation', 'coordination', 'collaboration'];
  const felt: LayeredEdge[] =
    layer === 'logged'
      ? []
      : (perceived?.edges ?? [])
          .filter((e) => shown.has(e.source) && shown.has(e.target))
          .map((e) => ({
            source: e.source,
            target: e.target,
            kinds: [],
            // Thinner than logged ties: a perceived tie is an opinion, not a record.
            weight: (levels.indexOf(e.level) + 1) / 2,
            layer: 'perceived',
            difference:
              mark && diff.get(pair(e.source, e.target)) === 'collaborating_without_experiment',
          }));
  return [...logged, ...felt];
}

/** The differences between the partners shown. */
export function shownDifferences(
  network: Pick<NetworkDto, 'nodes'>,
  perceived: PerceivedNetworkDto | undefined,
): PerceivedNetworkDto['differences'] {
  const shown = new Set(network.nodes.map((n) => n.id));
  return (perceived?.differences ?? []).filter((d) => shown.has(d.source) && shown.has(d.target));
}
