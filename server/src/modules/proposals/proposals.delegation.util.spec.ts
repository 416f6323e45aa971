import { DEFAULT_POLICY, VOTE_CHOICES, type ElectorateMember, type Policy } from '@coalesce/shared';
import fc from 'fast-check';
import {
  buildElectorate,
  computeTally,
  effectiveVotes,
  evaluateAtDeadline,
  evaluateOnVote,
  partnersOwingVote,
  withDelegates,
  type CurrentVote,
} from './proposals.engine.util';

// Electorate "A:1>B B:2" (partner:weight, `>X` delegates to X); votes "A:y B:n" (yes/no/abstain).
const el = (spec: string): ElectorateMember[] =>
  spec
    .split(' ')
    .filter(Boolean)
    .map((entry) => {
      const [head, delegateTo] = entry.split('>');
      const [partnerId, weight] = head!.split(':');
      return {
        partnerId: partnerId!,
        weight: Number(weight),
        ...(delegateTo ? { delegateTo } : {}),
      };
    });
const CHOICE = { y: 'yes', n: 'no', a: 'abstain' } as const;
const vs = (spec: string): CurrentVote[] =>
  spec
    .split(' ')
    .filter(Boolean)
    .map((entry) => {
      const [partnerId, c] = entry.split(':');
      return { partnerId: partnerId!, choice: CHOICE[c as keyof typeof CHOICE] };
    });

const consensus: Policy = { ...DEFAULT_POLICY, rule: 'consensus' };
const weighted: Policy = {
  ...DEFAULT_POLICY,
  rule: 'weighted',
  quorum: 0.5,
  supportThreshold: 0.5,
};

describe('effective votes (delegation)', () => {
  it.each([
    // electorate, votes, expected effective "partner:choice(via)"
    ['A:1>B B:1', 'B:y', 'A:y(B) B:y'],
    ['A:1>B B:1', 'A:n B:y', 'A:n B:y'], // a direct vote wins over the delegate's
    ['A:1>B B:1', 'A:a', 'A:a'], // the delegate did not vote: nothing for it
    ['A:1>B B:1>C C:1', 'C:y', 'B:y(C) C:y'], // no chains: A does not get C's vote through B
    ['A:1>B B:1>A', 'A:y', 'A:y B:y(A)'], // mutual delegations: each counts once
    ['A:1>Z B:1', 'Z:y', ''], // a delegate outside the electorate carries nothing
    ['A:1>A B:1', 'A:y', 'A:y'], // a self-delegation is ignored
    ['A:1>C B:1>C C:1', 'C:n', 'A:n(C) B:n(C) C:n'], // one delegate for several
  ])('%s with %s → %s', (electorate, votes, expected) => {
    const got = effectiveVotes(el(electorate), vs(votes))
      .map((e) => `${e.partnerId}:${e.vote.choice[0]}${e.via ? `(${e.via})` : ''}`)
      .join(' ');
    expect(got).toBe(expected);
  });

  it.each([
    // electorate, votes, partners owing a vote (a vote reminder goes to them)
    ['A:1 B:1 C:1', '', 'A B C'],
    ['A:1>B B:1 C:1', 'B:y', 'C'], // A votes through B
    ['A:1>B B:1 C:1', 'A:n', 'B C'], // A's own vote carries nothing for B
    ['A:1>B B:1>C C:1', 'C:y', 'A'], // no chains
    ['A:1>Z B:1', 'Z:y', 'A B'], // a delegate outside the electorate carries nothing
    ['A:1 B:1', 'A:y B:a Z:n', ''], // an abstention is a vote; outsiders are ignored
  ])('%s with %s: %s owe a vote', (electorate, votes, expected) => {
    const e = el(electorate);
    const v = vs(votes);
    expect(partnersOwingVote(e, v).join(' ')).toBe(expected);
    expect(partnersOwingVote(e, v)).toEqual(computeTally(e, v).missing);
  });

  it.each([
    // electorate, votes, yes, no, abstain, yesWeight, votedWeight, missing
    ['A:1>B B:2', 'B:y', 2, 0, 0, 3, 3, ''],
    ['A:1>B B:2', 'A:n B:y', 1, 1, 0, 2, 3, ''],
    ['A:1>B B:2 C:4', 'B:a', 0, 0, 2, 0, 3, 'C'],
    ['A:1>B B:2>A', '', 0, 0, 0, 0, 0, 'A B'],
  ])('tally of %s with %s', (electorate, votes, yes, no, abstain, yesWeight, voted, missing) => {
    const t = computeTally(el(electorate), vs(votes));
    expect([t.yes, t.no, t.abstain, t.yesWeight, t.votedWeight, t.missing.join(' ')]).toEqual([
      yes,
      no,
      abstain,
      yesWeight,
      voted,
      missing,
    ]);
  });

  it('consensus closes once every partner has an effective vote, and a delegated no blocks', () => {
    expect(evaluateOnVote(el('A:1>B B:1 C:1'), vs('B:y C:y'), consensus)).toEqual({
      closed: true,
      status: 'accepted',
      reason: 'unanimous',
    });
    expect(evaluateOnVote(el('A:1>B B:1 C:1'), vs('B:n C:y'), consensus)).toMatchObject({
      closed: true,
      status: 'rejected',
      reason: 'blocked',
    });
    // A overrides its delegate's no with its own yes: B's no blocks once, not twice.
    expect(evaluateOnVote(el('A:1>B B:1 C:1'), vs('A:y B:n C:y'), consensus)).toMatchObject({
      closed: true,
      reason: 'blocked',
    });
    expect(computeTally(el('A:1>B B:1 C:1'), vs('A:y B:n C:y'))).toMatchObject({ yes: 2, no: 1 });
    expect(evaluateOnVote(el('A:1>B B:1 C:1'), vs('C:y'), consensus)).toEqual({ closed: false });
  });

  it('weighted outcomes count the delegated weight once, with the delegator’s weight', () => {
    // B (1) votes yes for itself and for A (3): 4 of 6 yes → accepted early.
    expect(evaluateOnVote(el('A:3>B B:1 C:2'), vs('B:y'), weighted)).toEqual({
      closed: true,
      status: 'accepted',
      reason: 'support_reached',
    });
    expect(evaluateAtDeadline(el('A:3>B B:1 C:2'), vs('B:y C:n A:n'), weighted)).toEqual({
      status: 'rejected',
      reason: 'support_not_reached',
    });
  });

  it('keeps a delegate in the snapshot only when it is another member of the electorate', () => {
    const members = el('A:1 B:1 C:1');
    const d = new Map([
      ['A', 'B'],
      ['B', 'Z'],
      ['C', 'C'],
    ]);
    expect(withDelegates(members, d)).toEqual([
      { partnerId: 'A', weight: 1, delegateTo: 'B' },
      { partnerId: 'B', weight: 1 },
      { partnerId: 'C', weight: 1 },
    ]);
    const built = buildElectorate(
      [
        { id: 'A', tier: 'core', status: 'active', weight: 1 },
        { id: 'B', tier: 'broad', status: 'active', weight: 1 },
      ],
      'core',
      new Map([['A', 'B']]),
    );
    // B is broad, outside a core electorate: A's delegation is not recorded.
    expect(built.ok && built.electorate).toEqual([{ partnerId: 'A', weight: 1 }]);
  });

  describe('properties', () => {
    const ids = ['P0', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6'];
    const arbCase = fc
      .record({
        size: fc.integer({ min: 1, max: ids.length }),
        weights: fc.array(fc.integer({ min: 0, max: 5 }), {
          minLength: ids.length,
          maxLength: ids.length,
        }),
        delegates: fc.array(fc.option(fc.constantFrom(...ids, 'OUT'), { nil: undefined }), {
          minLength: ids.length,
          maxLength: ids.length,
        }),
        votes: fc.array(
          fc.record({
            partnerId: fc.constantFrom(...ids, 'OUT'),
            choice: fc.constantFrom(...VOTE_CHOICES),
          }),
          { maxLength: 12 },
        ),
      })
      .map(({ size, weights, delegates, votes }) => {
        const members = ids.slice(0, size);
        const delegations = new Map<string, string>();
        members.forEach((m, i) => {
          const d = delegates[i];
          if (d) delegations.set(m, d);
        });
        const electorate = withDelegates(
          members.map((m, i) => ({ partnerId: m, weight: weights[i]! })),
          delegations,
        );
        return { electorate, votes: votes as CurrentVote[] };
      });

    it('delegation never lets a partner count twice: each electorate partner at most once, with its own weight', () => {
      fc.assert(
        fc.property(arbCase, ({ electorate, votes }) => {
          const eff = effectiveVotes(electorate, votes);
          const seen = new Set(eff.map((e) => e.partnerId));
          expect(seen.size).toBe(eff.length);
          for (const e of eff)
            expect(electorate.some((m) => m.partnerId === e.partnerId)).toBe(true);
          const t = computeTally(electorate, votes);
          const total = electorate.reduce((s, m) => s + m.weight, 0);
          expect(t.totalWeight).toBe(total);
          expect(t.yes + t.no + t.abstain + t.missing.length).toBe(electorate.length);
          expect(partnersOwingVote(electorate, votes)).toEqual(t.missing);
          expect(t.votedWeight).toBeLessThanOrEqual(total);
          expect(t.yesWeight + t.noWeight + t.abstainWeight).toBe(t.votedWeight);
        }),
        { numRuns: 500 },
      );
    });

    it('a direct vote always wins, and a delegated vote is the delegate’s own (no chains)', () => {
      fc.assert(
        fc.property(arbCase, ({ electorate, votes }) => {
          const own = new Map(votes.map((v) => [v.partnerId, v.choice]));
          for (const e of effectiveVotes(electorate, votes)) {
            if (own.has(e.partnerId)) {
              expect(e.via).toBeUndefined();
              expect(e.vote.choice).toBe(own.get(e.partnerId));
            } else {
              const m = electorate.find((x) => x.partnerId === e.partnerId)!;
              expect(e.via).toBe(m.delegateTo);
              expect(own.get(e.via!)).toBe(e.vote.choice);
            }
          }
        }),
        { numRuns: 500 },
      );
    });

    it('removing every delegation can only make partners missing, never change a direct vote', () => {
      fc.assert(
        fc.property(arbCase, ({ electorate, votes }) => {
          const plain = electorate.map(({ partnerId, weight }) => ({ partnerId, weight }));
          const without = computeTally(plain, votes);
          const withD = computeTally(electorate, votes);
          expect(withD.missing.every((p) => without.missing.includes(p))).toBe(true);
          expect(withD.votedWeight).toBeGreaterThanOrEqual(without.votedWeight);
        }),
        { numRuns: 300 },
      );
    });
  });
});
