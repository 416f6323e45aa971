import type { PerceivedNetworkDto } from '@coalesce/shared';
import { describe, expect, it } from 'vitest';
import { layeredEdges, shownDifferences } from './layers';

const node = (id: string) => ({
  id,
  name: id,
  kind: 'organisation' as const,
  tier: 'core' as const,
  actorType: 'other' as const,
  metrics: { degree: 0, betweenness: 0 },
});
const network = {
  nodes: ['a', 'b', 'c'].map(node),
  edges: [{ source: 'a', target: 'b', kinds: ['connection' as const], weight: 1 }],
};
const perceived: PerceivedNetworkDto = {
  wave: null,
  edges: [
    { source: 'b', target: 'c', level: 'collaboration', reciprocal: false },
    { source: 'a', target: 'x', level: 'awareness', reciprocal: true },
  ],
  differences: [
    { source: 'a', target: 'b', kind: 'connection_not_valued' },
    { source: 'b', target: 'c', kind: 'collaborating_without_experiment' },
  ],
};

describe('map layers', () => {
  it('logged: only the logged ties, nothing marked', () => {
    expect(layeredEdges(network, perceived, 'logged')).toEqual([
      { ...network.edges[0], layer: 'logged', difference: false },
    ]);
  });

  it('perceived: only ties between partners shown, weighted by level', () => {
    expect(layeredEdges(network, perceived, 'perceived')).toEqual([
      { source: 'b', target: 'c', kinds: [], weight: 2, layer: 'perceived', difference: false },
    ]);
  });

  it('both: the differences are marked on either layer', () => {
    const edges = layeredEdges(network, perceived, 'both');
    expect(edges.map((e) => [e.layer, e.source, e.target, e.difference])).toEqual([
      ['logged', 'a', 'b', true],
      ['perceived', 'b', 'c', true],
    ]);
    expect(shownDifferences({ nodes: [node('a'), node('b')] }, perceived)).toHaveLength(1);
  });

  it('without a wave, perceived draws nothing', () => {
    expect(layeredEdges(network, undefined, 'perceived')).toEqual([]);
  });
});
