import fc from 'fast-check';
import { STAGE_STATEMENT_IDS, TIE_LEVELS, type SurveyTie } from '@coalesce/shared';
import {
  networkScores,
  partnerScores,
  perceivedTies,
  scoreChange,
  stageProfile,
  tieDifferences,
  type ResponseInput,
} from './surveys.scores.util';

const roster = ['a', 'b', 'c', 'd'].map((id) => ({ partnerId: id, name: id.toUpperCase() }));

/** A tie with trust items t and value items v (each 1–4). */
const tie = (
  partnerId: string,
  level: SurveyTie['level'],
  t: [number, number, number],
  v: [number, number, number],
): SurveyTie => ({
  partnerId,
  worksWith: true,
  level,
  trust: { reliability: t[0], missionSupport: t[1], openness: t[2] },
  value: { influence: v[0], involvement: v[1], resourceContribution: v[2] },
});
const none = (partnerId: string): SurveyTie => ({ partnerId, worksWith: false });
const answer = (partnerId: string, ties: SurveyTie[], stage: Record<string, number> = {}) => ({
  partnerId,
  ties,
  stage,
});

describe('survey scores, against hand-computed values', () => {
  // A rates B (trust 4,4,4 = 4; value 3,3,3 = 3) and C (trust 2,2,2; value 1,2,3 = 2)
  // B rates A (trust 3,3,3; value 4,4,4) and C (trust 4,3,2 = 3; value 2,2,2)
  // C rates A (trust 1,2,3 = 2; value 2,2,2) and not B
  // D rates C (trust 4,4,4; value 4,4,4), not A, not B
  const responses: ResponseInput[] = [
    answer('a', [
      tie('b', 'collaboration', [4, 4, 4], [3, 3, 3]),
      tie('c', 'awareness', [2, 2, 2], [1, 2, 3]),
      none('d'),
    ]),
    answer('b', [
      tie('a', 'coordination', [3, 3, 3], [4, 4, 4]),
      tie('c', 'cooperation', [4, 3, 2], [2, 2, 2]),
      none('d'),
    ]),
    answer('c', [tie('a', 'cooperation', [1, 2, 3], [2, 2, 2]), none('b'), none('d')]),
    answer('d', [none('a'), none('b'), tie('c', 'collaboration', [4, 4, 4], [4, 4, 4])]),
  ];

  it('per partner: the mean others gave, only with at least three raters', () => {
    const byId = new Map(partnerScores(roster, responses).map((s) => [s.partnerId, s]));
    // C is rated by A (2), B (3), D (4): trust mean 3; value A 2, B 2, D 4 → 8/3.
    expect(byId.get('c')!.trust).toEqual({ value: 3, raters: 3 });
    expect(byId.get('c')!.value).toEqual({ value: 2.667, raters: 3 });
    // A is rated by B and C only: two raters, no score shown.
    expect(byId.get('a')!.trust).toEqual({ value: null, raters: 2 });
    expect(byId.get('d')!.value).toEqual({ value: null, raters: 0 });
  });

  it('per network: density, reciprocity, mean trust and value', () => {
    const s = networkScores(roster, responses);
    // Pairs reported: a-b, a-c, b-c, c-d = 4 of 6.
    expect(s.density).toBe(0.667);
    // All four answered; a-b and a-c mutual, b-c and c-d one-sided → 2/4.
    expect(s.reciprocity).toBe(0.5);
    // Trust over 6 reported ties: 4, 2, 3, 3, 2, 4 → 18/6 = 3.
    expect(s.trust).toBe(3);
    // Value: 3, 2, 4, 2, 2, 4 → 17/6.
    expect(s.value).toBe(2.833);
    expect(s.respondents).toBe(4);
    expect(s.rosterSize).toBe(4);
  });

  it('network scores are withheld with fewer than three respondents', () => {
    const s = networkScores(roster, responses.slice(0, 2));
    expect(s).toEqual({
      respondents: 2,
      rosterSize: 4,
      density: null,
      reciprocity: null,
      trust: null,
      value: null,
    });
  });

  it('ignores self-ratings and partners not on the roster', () => {
    const s = partnerScores(roster, [
      answer('a', [tie('a', 'collaboration', [4, 4, 4], [4, 4, 4])]),
      answer('x', [tie('b', 'collaboration', [4, 4, 4], [4, 4, 4])]),
    ]);
    expect(s.every((p) => p.trust.raters === 0)).toBe(true);
  });

  it('stage profile: per partner mean per stage, then the mean over partners', () => {
    const p = stageProfile(roster, [
      answer('a', [], { vision_forming: 4, creative_dynamics: 2, experiments_evidence: 1 }),
      answer('b', [], { vision_forming: 3, experiments_evidence: 2 }),
      answer('c', [], { core_partnership_forming: 2, experiments_evidence: 3 }),
    ]);
    // Stage 1: A (4+2)/2 = 3, B 3, C 2 → 8/3.
    expect(p.byStage.hypothesis_vision).toEqual({ value: 2.667, raters: 3 });
    // Stage 3: 1, 2, 3 → 2.
    expect(p.byStage.dynamic_experimentation).toEqual({ value: 2, raters: 3 });
    expect(p.byStage.catalysing_initiating).toEqual({ value: null, raters: 0 });
    expect(p.strongest).toBe('hypothesis_vision');
  });

  it('change since the previous wave', () => {
    const now = networkScores(roster, responses);
    const before = networkScores(roster, responses.slice(0, 3));
    // Before: pairs a-b, a-c, b-c of 6 = 0.5; trust 4,2,3,3,2 = 2.8.
    expect(before.density).toBe(0.5);
    expect(scoreChange(now, before)).toEqual({
      density: 0.167,
      reciprocity: -0.167,
      trust: 0.2,
      value: 0.233,
    });
    expect(scoreChange(now, networkScores(roster, [])).trust).toBeNull();
  });

  it('perceived ties take the closest level reported and mark mutual ones', () => {
    expect(perceivedTies(roster, responses)).toEqual([
      { source: 'a', target: 'b', level: 'collaboration', reciprocal: true },
      { source: 'a', target: 'c', level: 'cooperation', reciprocal: true },
      { source: 'b', target: 'c', level: 'cooperation', reciprocal: false },
      { source: 'c', target: 'd', level: 'collaboration', reciprocal: false },
    ]);
  });

  it('differences: collaborating without an experiment; a connection no one values', () => {
    const perceived = perceivedTies(roster, responses);
    const diff = tieDifferences(
      [
        { source: 'b', target: 'a', kinds: ['experiment'] },
        { source: 'd', target: 'a', kinds: ['connection'] },
        { source: 'd', target: 'b', kinds: ['connection'] },
      ],
      perceived,
      new Set(['a', 'b', 'c', 'd']),
    );
    expect(diff).toEqual([
      { source: 'a', target: 'd', kind: 'connection_not_valued' },
      { source: 'b', target: 'd', kind: 'connection_not_valued' },
      { source: 'c', target: 'd', kind: 'collaborating_without_experiment' },
    ]);
    // Without D's answer nobody can say D does not value its connections.
    const unanswered = tieDifferences(
      [{ source: 'd', target: 'a', kinds: ['connection'] }],
      perceived,
      new Set(['a']),
    );
    expect(unanswered.filter((d) => d.kind === 'connection_not_valued')).toEqual([]);
  });
});

describe('survey scores: property', () => {
  const ids = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
  const item = fc.integer({ min: 1, max: 4 });
  const triple = fc.tuple(item, item, item);
  const tieArb = fc.oneof(
    fc
      .record({
        partnerId: fc.constantFrom(...ids),
        level: fc.constantFrom(...TIE_LEVELS),
        t: triple,
        v: triple,
      })
      .map((x) => tie(x.partnerId, x.level, x.t, x.v)),
    fc.constantFrom(...ids).map(none),
  );
  const responsesArb = fc.uniqueArray(
    fc.record({
      partnerId: fc.constantFrom(...ids),
      ties: fc.uniqueArray(tieArb, { selector: (t) => t.partnerId, maxLength: 6 }),
      stage: fc.dictionary(fc.constantFrom(...STAGE_STATEMENT_IDS), item),
    }),
    { selector: (r) => r.partnerId, maxLength: 6 },
  );
  const rosterArb = fc
    .uniqueArray(fc.constantFrom(...ids), { minLength: 0, maxLength: 6 })
    .map((xs) => xs.map((partnerId) => ({ partnerId, name: partnerId })));

  it('a score never uses fewer than three raters', () => {
    fc.assert(
      fc.property(rosterArb, responsesArb, (r, responses) => {
        for (const p of partnerScores(r, responses)) {
          for (const s of [p.trust, p.value]) {
            expect(s.value === null || s.raters >= 3).toBe(true);
            if (s.raters >= 3) expect(s.value).not.toBeNull();
            if (s.value !== null) expect(s.value).toBeGreaterThanOrEqual(1);
            if (s.value !== null) expect(s.value).toBeLessThanOrEqual(4);
          }
        }
        const n = networkScores(r, responses);
        if (n.respondents < 3) {
          expect([n.density, n.reciprocity, n.trust, n.value]).toEqual([null, null, null, null]);
        }
        if (n.density !== null) expect(n.density).toBeLessThanOrEqual(1);
        for (const s of Object.values(stageProfile(r, responses).byStage)) {
          expect(s.value === null || s.raters >= 3).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
