import type { NetworkDto, NetworkNodeDto, Tier } from '@coalesce/shared';
import { describe, expect, it } from 'vitest';
import { filterByTier } from './tierFilter';

const node = (id: string, tier: Tier): NetworkNodeDto => ({
  id,
  name: id,
  kind: 'organisation',
  tier,
  actorType: 'education',
  metrics: { degree: 0, betweenness: 0 },
});
const tie = (source: string, target: string) => ({
  source,
  target,
  kinds: ['connection' as const],
  weight: 1,
});
const network = {
  nodes: [node('a', 'core'), node('b', 'core'), node('c', 'broad')],
  edges: [tie('a', 'b'), tie('a', 'c')],
  metrics: {} as NetworkDto['metrics'],
} satisfies NetworkDto;

describe('filterByTier', () => {
  it('returns the network untouched for every tier, or when there is none yet', () => {
    expect(filterByTier(network, '')).toBe(network);
    expect(filterByTier(undefined, 'core')).toBeUndefined();
  });

  it('keeps the tier’s partners and only the ties between two of them', () => {
    const core = filterByTier(network, 'core');
    expect(core.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(core.edges).toEqual([tie('a', 'b')]);
    expect(core.metrics).toBe(network.metrics);
  });
});
