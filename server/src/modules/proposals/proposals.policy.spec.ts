import { DEFAULT_POLICY, type Policy } from '@coalesce/shared';
import { proposalViewer, proposalWarnings } from './proposals.policy';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';
const CANDIDATE = '44444444-4444-4444-8444-444444444444';
const NOW = new Date('2026-12-01T10:00:00Z');

const proposal = (policy: Partial<Policy> = {}, over: Record<string, unknown> = {}) => ({
  status: 'open' as const,
  closesAt: new Date('2026-12-08T10:00:00Z'),
  policy: { ...DEFAULT_POLICY, ...policy },
  electorate: [
    { partnerId: A, weight: 1 },
    { partnerId: B, weight: 2 },
  ],
  candidatePartnerId: CANDIDATE,
  ...over,
});

describe('proposalViewer', () => {
  it.each([
    ['a representative of an electorate partner', { role: 'member', partnerId: A }, 'ok', true],
    ['a coordinator representing one', { role: 'coordinator', partnerId: B }, 'ok', true],
    ['a member without partner', { role: 'member', partnerId: null }, 'no_partner', false],
    [
      'a coordinator without partner',
      { role: 'coordinator', partnerId: null },
      'no_partner',
      false,
    ],
    [
      'a partner outside the electorate',
      { role: 'member', partnerId: C },
      'not_in_electorate',
      false,
    ],
    ['the candidate', { role: 'member', partnerId: CANDIDATE }, 'is_candidate', false],
    ['an observer linked to a voter', { role: 'observer', partnerId: A }, 'observer', false],
  ] as const)('%s → %s', (_name, actor, reason, canVote) => {
    expect(proposalViewer(NOW, proposal(), actor)).toEqual({
      partnerId: actor.partnerId,
      canVote,
      reason,
    });
  });

  it('closed: by status, or once the deadline passed before the sweeper ran', () => {
    const rep = { role: 'member', partnerId: A } as const;
    expect(proposalViewer(NOW, proposal({}, { status: 'accepted' }), rep).reason).toBe('closed');
    expect(proposalViewer(new Date('2026-12-09T00:00:00Z'), proposal(), rep).reason).toBe('closed');
  });

  it('autonomous: the deciders act; without deciders the coordinators do', () => {
    const named = proposal({ rule: 'autonomous', deciders: [B] });
    expect(proposalViewer(NOW, named, { role: 'member', partnerId: B })).toEqual({
      partnerId: B,
      canVote: true,
      reason: 'ok',
    });
    expect(proposalViewer(NOW, named, { role: 'member', partnerId: A }).reason).toBe(
      'autonomous_not_decider',
    );
    expect(proposalViewer(NOW, named, { role: 'coordinator', partnerId: null }).reason).toBe(
      'autonomous_not_decider',
    );
    const unnamed = proposal({ rule: 'autonomous', deciders: [] });
    expect(proposalViewer(NOW, unnamed, { role: 'coordinator', partnerId: null }).canVote).toBe(
      true,
    );
    expect(proposalViewer(NOW, unnamed, { role: 'member', partnerId: A }).reason).toBe(
      'autonomous_not_decider',
    );
  });
});

describe('proposalWarnings', () => {
  const electorate = [
    { partnerId: A, weight: 1 },
    { partnerId: B, weight: 3 },
  ];
  const reps = (entries: [string, number][]) => new Map(entries);

  it('none when everyone is represented', () => {
    expect(
      proposalWarnings({
        policy: DEFAULT_POLICY,
        electorate,
        representatives: reps([
          [A, 1],
          [B, 2],
        ]),
      }),
    ).toEqual([]);
  });

  it('consensus: an unrepresented partner blocks unless silence is consent', () => {
    const representatives = reps([[B, 1]]);
    expect(proposalWarnings({ policy: DEFAULT_POLICY, electorate, representatives })).toEqual([
      { code: 'UNREPRESENTED', partnerIds: [A], blocksAcceptance: true },
    ]);
    expect(
      proposalWarnings({
        policy: { ...DEFAULT_POLICY, silenceIsConsent: true },
        electorate,
        representatives,
      }),
    ).toEqual([{ code: 'UNREPRESENTED', partnerIds: [A], blocksAcceptance: false }]);
  });

  it('weighted: blocks only when the represented weight cannot reach the quorum', () => {
    const weighted = { ...DEFAULT_POLICY, rule: 'weighted' as const, quorum: 0.5 };
    expect(
      proposalWarnings({ policy: weighted, electorate, representatives: reps([[B, 1]]) }),
    ).toEqual([{ code: 'UNREPRESENTED', partnerIds: [A], blocksAcceptance: false }]);
    expect(
      proposalWarnings({ policy: weighted, electorate, representatives: reps([[A, 1]]) }),
    ).toEqual([{ code: 'UNREPRESENTED', partnerIds: [B], blocksAcceptance: true }]);
  });

  it('weighted: partners of weight 0 are named', () => {
    const weighted = { ...DEFAULT_POLICY, rule: 'weighted' as const };
    expect(
      proposalWarnings({
        policy: weighted,
        electorate: [...electorate, { partnerId: C, weight: 0 }],
        representatives: reps([
          [A, 1],
          [B, 1],
          [C, 1],
        ]),
      }),
    ).toEqual([{ code: 'ZERO_WEIGHT', partnerIds: [C], blocksAcceptance: false }]);
  });

  it('autonomous: only the named deciders matter', () => {
    const autonomous = { ...DEFAULT_POLICY, rule: 'autonomous' as const, deciders: [A, B] };
    expect(
      proposalWarnings({ policy: autonomous, electorate, representatives: reps([[B, 1]]) }),
    ).toEqual([{ code: 'UNREPRESENTED', partnerIds: [A], blocksAcceptance: false }]);
    expect(proposalWarnings({ policy: autonomous, electorate, representatives: reps([]) })).toEqual(
      [{ code: 'UNREPRESENTED', partnerIds: [A, B], blocksAcceptance: true }],
    );
    expect(
      proposalWarnings({
        policy: { ...autonomous, deciders: [] },
        electorate,
        representatives: reps([]),
      }),
    ).toEqual([]);
  });

  it('an electorate without weight blocks everything', () => {
    expect(
      proposalWarnings({ policy: DEFAULT_POLICY, electorate: [], representatives: reps([]) }),
    ).toEqual([{ code: 'EMPTY_ELECTORATE', partnerIds: [], blocksAcceptance: true }]);
    expect(
      proposalWarnings({
        policy: DEFAULT_POLICY,
        electorate: [{ partnerId: A, weight: 0 }],
        representatives: reps([[A, 1]]),
      }),
    ).toEqual([{ code: 'EMPTY_ELECTORATE', partnerIds: [A], blocksAcceptance: true }]);
  });
});
