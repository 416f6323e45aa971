import type { NetworkDto } from '@coalesce/shared';

/**
 * The network restricted to one tier: its partners and only the ties between two of them.
 * An empty tier means every tier, and returns the network as it is.
 */
export function filterByTier<T extends NetworkDto | undefined>(network: T, tier: string): T {
  if (!network || !tier) return network;
  const nodes = network.nodes.filter((n) => n.tier === tier);
  const ids = new Set(nodes.map((n) => n.id));
  const edges = network.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return { ...network, nodes, edges };
}
