import { DEFAULT_POLICY, PROPOSAL_STATUSES, VOTE_CHOICES, type Policy } from '@coalesce/shared';
import fc from 'fast-check';
import {
  buildElectorate,
  canAdvise,
  canDecide,
  canVote,
  canWithdraw,
  castVote,
  computeClosesAt,
  computeTally,
  consultationEndsAt,
  evaluateAtDeadline,
  evaluateOnVote,
  isDue,
  proposalTransition,
  validateVoteReason,
  weightedOutcome,
  type Actor,
  type Closing,
  type CurrentVote,
  type ProposalSnapshot,
} from './proposals.engine.util';

// Tables read as: electorate "A:1 B:2" (partner:weight), votes "A:y B:n C:a" (yes/no/abstain).
const el = (spec: string) =>
  spec
    .split(' ')
    .filter(Boolean)
    .map((entry) => {
      const [partnerId, weight] = entry.split(':');
      return { partnerId: partnerId!, weight: Number(weight) };
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
const pol = (over: Partial<Policy> = {}): Policy => ({ ...DEFAULT_POLICY, ...over });
const FOUR = 'A:1 B:1 C:1 D:1';

describe('computeTally', () => {
  it('counts choices and weights, lists missing partners in electorate order', () => {
    expect(computeTally(el('A:1 B:2 C:0.5 D:3 E:0'), vs('B:y C:n E:a'))).toEqual({
      yes: 1,
      no: 1,
      abstain: 1,
      yesWeight: 2,
      noWeight: 0.5,
      abstainWeight: 0,
      votedWeight: 2.5,
      totalWeight: 6.5,
      missing: ['A', 'D'],
    });
  });
  it('ignores votes from outside the electorate and keeps the last vote of a partner', () => {
    const tally = computeTally(el('A:1 B:1'), vs('X:y A:n A:y'));
    expect(tally).toMatchObject({ yes: 1, no: 0, yesWeight: 1, votedWeight: 1, missing: ['B'] });
  });
  it('castVote replaces the partner’s current vote', () => {
    expect(castVote(vs('A:y B:n'), { partnerId: 'A', choice: 'no' })).toEqual(vs('B:n A:n'));
  });
});

describe('consensus', () => {
  const consensus = pol({ rule: 'consensus' });
  const silence = pol({ rule: 'consensus', silenceIsConsent: true });

  it.each<[string, string, string, Closing | null]>([
    ['all yes', 'A:1 B:1 C:1', 'A:y B:y C:y', { status: 'accepted', reason: 'unanimous' }],
    ['yes and abstains', 'A:1 B:1 C:1', 'A:a B:y C:a', { status: 'accepted', reason: 'unanimous' }],
    ['a no blocks', 'A:1 B:1 C:1', 'A:y B:n C:y', { status: 'rejected', reason: 'blocked' }],
    ['abstains only', 'A:1 B:1', 'A:a B:a', { status: 'rejected', reason: 'no_support' }],
    ['a missing vote keeps it open', 'A:1 B:1 C:1', 'A:y B:y', null],
    ['a no does not close it early', 'A:1 B:1 C:1', 'A:n', null],
    ['weights play no part', 'A:5 B:0', 'A:y', null],
    [
      'a zero-weight partner must agree too',
      'A:5 B:0',
      'A:y B:n',
      {
        status: 'rejected',
        reason: 'blocked',
      },
    ],
  ])('on vote: %s', (_name, electorate, votes, expected) => {
    const result = evaluateOnVote(el(electorate), vs(votes), consensus);
    expect(result).toEqual(expected === null ? { closed: false } : { closed: true, ...expected });
  });

  it.each<[string, Policy, string, string, Closing]>([
    [
      'missing, no `no`, silence',
      silence,
      FOUR,
      'A:y B:a',
      {
        status: 'accepted',
        reason: 'silence_is_consent',
      },
    ],
    [
      'missing, only abstains, silence',
      silence,
      FOUR,
      'A:a',
      {
        status: 'accepted',
        reason: 'silence_is_consent',
      },
    ],
    [
      'nobody voted, silence',
      silence,
      FOUR,
      '',
      { status: 'accepted', reason: 'silence_is_consent' },
    ],
    [
      'missing, a `no`, silence',
      silence,
      FOUR,
      'A:y B:n',
      { status: 'rejected', reason: 'blocked' },
    ],
    [
      'missing, no `no`, no silence',
      consensus,
      FOUR,
      'A:y B:y C:y',
      {
        status: 'expired',
        reason: 'votes_missing',
      },
    ],
    [
      'nobody voted, no silence',
      consensus,
      FOUR,
      '',
      { status: 'expired', reason: 'votes_missing' },
    ],
    [
      'missing, a `no`, no silence',
      consensus,
      FOUR,
      'A:n',
      { status: 'rejected', reason: 'blocked' },
    ],
    [
      'all voted, abstains only, silence',
      silence,
      'A:1 B:1',
      'A:a B:a',
      {
        status: 'rejected',
        reason: 'no_support',
      },
    ],
    ['all voted yes', consensus, 'A:1 B:1', 'A:y B:y', { status: 'accepted', reason: 'unanimous' }],
  ])('at the deadline: %s', (_name, policy, electorate, votes, expected) => {
    expect(evaluateAtDeadline(el(electorate), vs(votes), policy)).toEqual(expected);
  });

  it.each<[string, 'yes' | 'no' | 'abstain', string | undefined, boolean]>([
    ['no without reason', 'no', undefined, false],
    ['no with a blank reason', 'no', '   ', false],
    ['no with a reason', 'no', 'conflicts with principle 3', true],
    ['yes without reason', 'yes', undefined, true],
    ['abstain without reason', 'abstain', undefined, true],
  ])('a `no` needs a reason: %s', (_name, choice, reason, ok) => {
    const result = validateVoteReason('consensus', { choice, reason });
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result).toMatchObject({ error: 'invalid', path: ['reason'] });
  });

  it('other rules take a `no` without reason', () => {
    expect(validateVoteReason('weighted', { choice: 'no' }).ok).toBe(true);
    expect(validateVoteReason('autonomous', { choice: 'no' }).ok).toBe(true);
  });
});

describe('weighted', () => {
  const w = (over: Partial<Policy> = {}) => pol({ rule: 'weighted', ...over });

  // At the deadline: quorum unmet → expired; met but support not → rejected; else accepted.
  it.each<[string, Policy, string, string, Closing['status']]>([
    ['quorum met exactly (P = q·W), all yes', w(), FOUR, 'A:y B:y', 'accepted'],
    ['quorum unmet', w(), FOUR, 'A:y', 'expired'],
    ['nobody voted', w(), FOUR, '', 'expired'],
    ['tie is not accepted', w(), FOUR, 'A:y B:n', 'rejected'],
    ['majority yes', w(), FOUR, 'A:y B:n C:y', 'accepted'],
    ['majority no', w(), FOUR, 'A:y B:n C:n', 'rejected'],
    ['abstain counts for quorum only', w(), FOUR, 'A:y B:a', 'accepted'],
    ['abstains only: no yes and no no', w(), FOUR, 'A:a B:a C:a', 'rejected'],
    ['abstain alone cannot reach quorum', w(), FOUR, 'A:a', 'expired'],
    [
      'support strictly greater: 3/5 vs s = 0.6',
      w({ supportThreshold: 0.6 }),
      'A:3 B:2',
      'A:y B:n',
      'rejected',
    ],
    ['support above s = 0.6', w({ supportThreshold: 0.6 }), 'A:3.1 B:2', 'A:y B:n', 'accepted'],
    ['s = 0: any yes weight wins', w({ supportThreshold: 0 }), 'A:1 B:9', 'A:y B:n', 'accepted'],
    ['s = 0: no yes weight at all', w({ supportThreshold: 0 }), 'A:1 B:9', 'B:n', 'rejected'],
    ['quorum 0: nobody voted', w({ quorum: 0 }), FOUR, '', 'rejected'],
    ['quorum 1: one missing', w({ quorum: 1 }), FOUR, 'A:y B:y C:y', 'expired'],
    ['quorum 1: all voted', w({ quorum: 1 }), FOUR, 'A:y B:y C:y D:n', 'accepted'],
    ['weights decide: heavy yes', w(), 'A:3 B:1 C:1', 'A:y B:n C:n', 'accepted'],
    ['weights decide: heavy no', w(), 'A:3 B:1 C:1', 'A:n B:y C:y', 'rejected'],
    ['zero-weight yes does not count', w(), 'A:1 B:1 Z:0', 'Z:y', 'expired'],
    ['zero-weight voter on top of a tie', w(), 'A:1 B:1 Z:0', 'A:y B:n Z:y', 'rejected'],
    // 0.1 + 0.2 = 0.30000000000000004 in floating point: still exactly P = q·W and a tie.
    ['fractional quorum at the boundary', w(), 'A:0.1 B:0.2 C:0.3', 'A:y B:y', 'accepted'],
    // 0.1 + 0.7 = 0.7999999999999999 < 0.5 · 1.6 = 0.8: met only thanks to the tolerance.
    [
      'fractional quorum just below in floating point',
      w(),
      'A:0.1 B:0.7 C:0.2 D:0.6',
      'A:y B:y',
      'accepted',
    ],
    ['fractional tie stays a tie', w(), 'A:0.1 B:0.2 C:0.3', 'A:y B:y C:n', 'rejected'],
    [
      'fractional quorum 0.7 of 1.0 reached by 0.1+0.6',
      w({ quorum: 0.7 }),
      'A:0.1 B:0.6 C:0.3',
      'A:y B:y',
      'accepted',
    ],
  ])('at the deadline: %s', (_name, policy, electorate, votes, status) => {
    expect(evaluateAtDeadline(el(electorate), vs(votes), policy).status).toBe(status);
    expect(weightedOutcome(computeTally(el(electorate), vs(votes)), policy).status).toBe(status);
  });

  it('names the reason', () => {
    expect(evaluateAtDeadline(el(FOUR), vs('A:y'), w())).toEqual({
      status: 'expired',
      reason: 'quorum_not_reached',
    });
    expect(evaluateAtDeadline(el(FOUR), vs('A:n B:n'), w())).toEqual({
      status: 'rejected',
      reason: 'support_not_reached',
    });
    expect(evaluateAtDeadline(el(FOUR), vs('A:y B:y'), w())).toEqual({
      status: 'accepted',
      reason: 'support_reached',
    });
  });

  // Early close: certain whatever the missing partners still do (yes, no, abstain or nothing).
  it.each<[string, Policy, string, string, Closing['status'] | null]>([
    ['3 of 4 yes: even a last no leaves 3/4', w(), FOUR, 'A:y B:y C:y', 'accepted'],
    ['2 of 4 yes: two no would tie', w(), FOUR, 'A:y B:y', null],
    ['2 of 4 no: two yes would only tie', w(), FOUR, 'A:n B:n', 'rejected'],
    ['no + abstain: two yes would win', w(), FOUR, 'A:n B:a', null],
    ['quorum not yet reached', w({ quorum: 0.6 }), 'A:1 B:1 C:1 D:1 E:1', 'A:y B:y', null],
    [
      'quorum reached, support certain',
      w({ quorum: 0.6 }),
      'A:1 B:1 C:1 D:1 E:1',
      'A:y B:y C:y',
      'accepted',
    ],
    ['heavy partner says yes', w(), 'A:3 B:1 C:1', 'A:y', 'accepted'],
    ['heavy partner says no', w(), 'A:3 B:1 C:1', 'A:n', 'rejected'],
    ['heavy partner abstains: the others decide', w(), 'A:3 B:1 C:1', 'A:a', null],
    ['missing zero-weight partners cannot change it', w(), 'A:1 B:1 Z:0', 'A:y B:y', 'accepted'],
    ['all voted: closes with the deadline outcome (tie)', w(), 'A:1 B:1', 'A:y B:n', 'rejected'],
    ['all abstained: closes rejected', w(), 'A:1 B:1', 'A:a B:a', 'rejected'],
    [
      'high threshold: 3 of 4 yes is not enough if one no could come',
      w({ supportThreshold: 0.75 }),
      FOUR,
      'A:y B:y C:y',
      null,
    ],
    [
      'high threshold: with quorum met, one no makes it certainly rejected',
      w({ supportThreshold: 0.75 }),
      FOUR,
      'A:n B:a',
      'rejected',
    ],
    ['quorum 0: one yes, missing could still tie', w({ quorum: 0 }), FOUR, 'A:y', null],
    [
      'high threshold: one no but quorum not yet met',
      w({ supportThreshold: 0.75 }),
      FOUR,
      'A:n',
      null,
    ],
  ])('on vote: %s', (_name, policy, electorate, votes, status) => {
    const result = evaluateOnVote(el(electorate), vs(votes), policy);
    if (status === null) expect(result).toEqual({ closed: false });
    else expect(result).toMatchObject({ closed: true, status });
  });
});

describe('autonomous', () => {
  const T0 = new Date('2030-01-01T00:00:00.000Z');
  const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
  const autonomous = (deciders: string[] = []): ProposalSnapshot => ({
    status: 'open',
    policy: pol({ rule: 'autonomous', deciders, consultationHours: 48, votingHours: 168 }),
    electorate: el('A:1 B:1'),
    consultationEndsAt: at(48),
    closesAt: at(168),
  });
  const member = (partnerId: string | null): Actor => ({ role: 'member', partnerId });
  const coordinator = (partnerId: string | null = null): Actor => ({
    role: 'coordinator',
    partnerId,
  });
  const observer: Actor = { role: 'observer', partnerId: 'D' };

  it.each<[string, ProposalSnapshot, number, Actor, string]>([
    ['member during consultation', autonomous(), 1, member('A'), 'ok'],
    ['member without partner during consultation', autonomous(), 47.9, member(null), 'ok'],
    ['coordinator during consultation', autonomous(), 0, coordinator(), 'ok'],
    ['observer', autonomous(), 1, observer, 'forbidden'],
    ['at the end of the consultation', autonomous(), 48, member('A'), 'conflict'],
    ['after the consultation', autonomous(), 100, member('A'), 'conflict'],
    ['after closesAt', autonomous(), 168, member('A'), 'conflict'],
    ['closed proposal', { ...autonomous(), status: 'withdrawn' }, 1, member('A'), 'conflict'],
    [
      'consensus proposal',
      { ...autonomous(), policy: pol(), consultationEndsAt: null },
      1,
      member('A'),
      'conflict',
    ],
    [
      'observer on a consensus proposal (403 first)',
      { ...autonomous(), policy: pol() },
      1,
      observer,
      'forbidden',
    ],
  ])('advice: %s', (_name, proposal, hours, actor, expected) => {
    const result = canAdvise(at(hours), proposal, actor);
    expect(result.ok ? 'ok' : result.error).toBe(expected);
  });

  it.each<[string, ProposalSnapshot, number, Actor, string, string | null]>([
    ['decider after consultation', autonomous(['D']), 49, member('D'), 'ok', null],
    [
      'decider right at the end of the consultation',
      autonomous(['D']),
      48,
      member('D'),
      'ok',
      null,
    ],
    ['decider just before closesAt', autonomous(['D']), 167.99, member('D'), 'ok', null],
    [
      'decider during consultation',
      autonomous(['D']),
      47,
      member('D'),
      'conflict',
      'consultation_running',
    ],
    ['decider at closesAt', autonomous(['D']), 168, member('D'), 'conflict', 'closed'],
    [
      'decider on a closed proposal',
      { ...autonomous(['D']), status: 'expired' },
      100,
      member('D'),
      'conflict',
      'closed',
    ],
    ['second decider', autonomous(['D', 'E']), 50, member('E'), 'ok', null],
    ['non-decider', autonomous(['D']), 50, member('A'), 'forbidden', 'not_decider'],
    [
      'non-decider during consultation (403 before 409)',
      autonomous(['D']),
      1,
      member('A'),
      'forbidden',
      'not_decider',
    ],
    [
      'coordinator when deciders are named',
      autonomous(['D']),
      50,
      coordinator(),
      'forbidden',
      'not_decider',
    ],
    ['coordinator representing a decider', autonomous(['D']), 50, coordinator('D'), 'ok', null],
    ['coordinator when deciders are empty', autonomous([]), 50, coordinator(), 'ok', null],
    [
      'member when deciders are empty',
      autonomous([]),
      50,
      member('A'),
      'forbidden',
      'not_coordinator',
    ],
    ['observer representing a decider', autonomous(['D']), 50, observer, 'forbidden', 'observer'],
    [
      'coordinator on a consensus proposal',
      { ...autonomous(), policy: pol(), consultationEndsAt: null },
      50,
      coordinator(),
      'conflict',
      'not_autonomous',
    ],
  ])('decide: %s', (_name, proposal, hours, actor, expected, reason) => {
    const result = canDecide(at(hours), proposal, actor);
    expect(result.ok ? 'ok' : result.error).toBe(expected);
    if (!result.ok) expect(result.reason).toBe(reason);
  });

  it('expires undecided at the deadline and never closes on a vote', () => {
    const p = autonomous(['D']);
    expect(evaluateAtDeadline(p.electorate, vs('A:y B:y'), p.policy)).toEqual({
      status: 'expired',
      reason: 'undecided',
    });
    expect(evaluateOnVote(p.electorate, vs('A:y B:y'), p.policy)).toEqual({ closed: false });
    expect(isDue(at(167.99), p)).toBe(false);
    expect(isDue(at(168), p)).toBe(true);
    expect(isDue(at(200), { ...p, status: 'accepted' })).toBe(false);
  });
});

describe('canVote', () => {
  const T0 = new Date('2030-01-01T00:00:00.000Z');
  const open = (over: Partial<ProposalSnapshot> = {}): ProposalSnapshot => ({
    status: 'open',
    policy: pol(),
    electorate: el('A:1 B:1 Z:0'),
    consultationEndsAt: null,
    closesAt: new Date(T0.getTime() + 1000),
    ...over,
  });
  const rep = (partnerId: string | null): Actor => ({ role: 'member', partnerId });
  const yes = { choice: 'yes' as const };
  const bareNo = { choice: 'no' as const };

  it.each<
    [
      string,
      ProposalSnapshot,
      Actor,
      { choice: 'yes' | 'no'; reason?: string },
      string,
      string | null,
    ]
  >([
    ['electorate partner', open(), rep('A'), yes, 'ok', null],
    ['zero-weight electorate partner', open(), rep('Z'), yes, 'ok', null],
    [
      'coordinator representing an electorate partner',
      open(),
      { role: 'coordinator', partnerId: 'A' },
      yes,
      'ok',
      null,
    ],
    ['observer', open(), { role: 'observer', partnerId: 'A' }, yes, 'forbidden', 'observer'],
    ['no partner', open(), rep(null), yes, 'forbidden', 'no_partner'],
    ['not in electorate', open(), rep('X'), yes, 'forbidden', 'not_in_electorate'],
    [
      'not in electorate, closed (403 before 409)',
      open({ status: 'accepted' }),
      rep('X'),
      yes,
      'forbidden',
      'not_in_electorate',
    ],
    ['consensus no without reason', open(), rep('A'), bareNo, 'invalid', 'reason_required'],
    ['consensus no with reason', open(), rep('A'), { choice: 'no', reason: 'why' }, 'ok', null],
    [
      'consensus no without reason, closed (400 before 409)',
      open({ status: 'rejected' }),
      rep('A'),
      bareNo,
      'invalid',
      'reason_required',
    ],
    [
      'weighted no without reason',
      open({ policy: pol({ rule: 'weighted' }) }),
      rep('A'),
      bareNo,
      'ok',
      null,
    ],
    ['closed', open({ status: 'expired' }), rep('A'), yes, 'conflict', 'closed'],
    ['past closesAt, not yet swept', open({ closesAt: T0 }), rep('A'), yes, 'conflict', 'closed'],
    [
      'autonomous',
      open({ policy: pol({ rule: 'autonomous' }) }),
      rep('A'),
      yes,
      'conflict',
      'autonomous_rule',
    ],
    [
      'autonomous, outside the electorate',
      open({ policy: pol({ rule: 'autonomous' }) }),
      rep('X'),
      yes,
      'forbidden',
      'not_in_electorate',
    ],
  ])('%s', (_name, proposal, actor, vote, expected, reason) => {
    const result = canVote(T0, proposal, actor, vote);
    expect(result.ok ? 'ok' : result.error).toBe(expected);
    if (!result.ok) expect(result.reason).toBe(reason);
    if (!result.ok && result.error === 'invalid') expect(result.path).toEqual(['reason']);
  });
});

describe('withdraw', () => {
  const now = new Date('2030-01-01T00:00:00.000Z');
  const p = { status: 'open' as const, closesAt: new Date(now.getTime() + 1), proposedBy: 'u1' };
  it.each<
    [
      string,
      typeof p | { status: 'accepted'; closesAt: Date; proposedBy: string },
      string,
      'member' | 'coordinator',
      string,
    ]
  >([
    ['proposer', p, 'u1', 'member', 'ok'],
    ['coordinator', p, 'u2', 'coordinator', 'ok'],
    ['someone else', p, 'u2', 'member', 'forbidden'],
    ['proposer of a closed one', { ...p, status: 'accepted' }, 'u1', 'member', 'conflict'],
    ['someone else, closed (403 first)', { ...p, status: 'accepted' }, 'u2', 'member', 'forbidden'],
  ])('%s', (_name, proposal, userId, role, expected) => {
    const result = canWithdraw(now, proposal, { userId, role });
    expect(result.ok ? 'ok' : result.error).toBe(expected);
  });
});

describe('deadlines', () => {
  const now = new Date('2030-01-01T00:00:00.000Z');
  const plus = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
  const autonomous = pol({ rule: 'autonomous', consultationHours: 48, votingHours: 168 });

  it('defaults closesAt to now + votingHours, fractions allowed', () => {
    expect(computeClosesAt(now, pol())).toEqual({
      ok: true,
      closesAt: plus(168),
      consultationEndsAt: null,
    });
    expect(computeClosesAt(now, pol({ votingHours: 1.5 }))).toMatchObject({ closesAt: plus(1.5) });
    expect(computeClosesAt(now, autonomous, null)).toEqual({
      ok: true,
      closesAt: plus(168),
      consultationEndsAt: plus(48),
    });
  });

  it.each<[string, Policy, Date, string | null]>([
    ['in the future', pol(), plus(1), null],
    ['now', pol(), now, 'closes_at_not_future'],
    ['in the past', pol(), plus(-1), 'closes_at_not_future'],
    ['not a date', pol(), new Date('nonsense'), 'closes_at_not_future'],
    ['autonomous, after the consultation', autonomous, plus(48.01), null],
    [
      'autonomous, at the end of the consultation',
      autonomous,
      plus(48),
      'closes_at_within_consultation',
    ],
    ['autonomous, during the consultation', autonomous, plus(10), 'closes_at_within_consultation'],
    ['autonomous, beyond votingHours is the proposer’s choice', autonomous, plus(500), null],
  ])('a requested closesAt %s', (_name, policy, requested, reason) => {
    const result = computeClosesAt(now, policy, requested);
    if (reason === null) expect(result).toMatchObject({ ok: true, closesAt: requested });
    else expect(result).toMatchObject({ ok: false, error: 'invalid', reason, path: ['closesAt'] });
  });

  it('a consultation only for autonomous proposals', () => {
    expect(consultationEndsAt(now, pol({ rule: 'autonomous', consultationHours: 0.5 }))).toEqual(
      plus(0.5),
    );
    expect(consultationEndsAt(now, pol({ rule: 'weighted' }))).toBeNull();
  });
});

describe('state machine', () => {
  const allowed = new Set(['open>accepted', 'open>rejected', 'open>withdrawn', 'open>expired']);
  const pairs = PROPOSAL_STATUSES.flatMap((from) =>
    PROPOSAL_STATUSES.map((to) => [from, to] as const),
  );
  it.each(pairs)('%s → %s', (from, to) => {
    const result = proposalTransition(from, to);
    expect(result.ok).toBe(allowed.has(`${from}>${to}`));
    if (!result.ok)
      expect(result).toMatchObject({ error: 'conflict', reason: 'invalid_transition' });
  });
});

describe('buildElectorate', () => {
  const partners = [
    { id: 'c2', tier: 'core' as const, status: 'active' as const, weight: 2 },
    { id: 'b1', tier: 'broad' as const, status: 'active' as const, weight: 1 },
    { id: 'c1', tier: 'core' as const, status: 'active' as const, weight: 0 },
    { id: 'c3', tier: 'core' as const, status: 'left' as const, weight: 5 },
    { id: 'c4', tier: 'core' as const, status: 'candidate' as const, weight: 5 },
    { id: 'b2', tier: 'broad' as const, status: 'rejected' as const, weight: 5 },
  ];
  it('core: active core partners, zero weights included, sorted by id', () => {
    expect(buildElectorate(partners, 'core')).toEqual({
      ok: true,
      electorate: [
        { partnerId: 'c1', weight: 0 },
        { partnerId: 'c2', weight: 2 },
      ],
      totalWeight: 2,
    });
  });
  it('all: active partners of both tiers', () => {
    expect(buildElectorate(partners, 'all')).toMatchObject({
      ok: true,
      electorate: [{ partnerId: 'b1' }, { partnerId: 'c1' }, { partnerId: 'c2' }],
      totalWeight: 3,
    });
  });
  it.each([
    ['no partners', []],
    [
      'only zero weights',
      [{ id: 'c1', tier: 'core' as const, status: 'active' as const, weight: 0 }],
    ],
    ['only broad partners for a core electorate', partners.filter((p) => p.tier === 'broad')],
  ])('W = 0 cannot open: %s', (_name, input) => {
    expect(buildElectorate(input, 'core')).toMatchObject({
      ok: false,
      error: 'conflict',
      reason: 'zero_weight',
    });
  });
  it('a negative weight is a bug, not an input', () => {
    expect(() =>
      buildElectorate([{ id: 'x', tier: 'core', status: 'active', weight: -1 }], 'core'),
    ).toThrow(RangeError);
  });
});

describe('early close never contradicts the deadline (property)', () => {
  const IDS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
  // Exact binary fractions, decimals that do not add up exactly in floating point, and anything.
  const weight = fc.oneof(
    fc.constantFrom(0, 0.1, 0.2, 0.3, 0.5, 1, 1.5, 2, 3),
    fc.double({ min: 0, max: 10, noNaN: true }),
  );
  const maybeChoice = fc.constantFrom('yes', 'no', 'abstain', null);
  const scenario = fc
    .record({
      weights: fc.array(weight, { minLength: 1, maxLength: IDS.length }),
      rule: fc.constantFrom('consensus' as const, 'weighted' as const),
      quorum: fc.oneof(
        fc.constantFrom(0, 0.5, 1, 1 / 3),
        fc.double({ min: 0, max: 1, noNaN: true }),
      ),
      supportThreshold: fc.oneof(
        fc.constantFrom(0, 0.5, 2 / 3),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      ),
      silenceIsConsent: fc.boolean(),
      sequence: fc.array(fc.record({ voter: fc.nat(), choice: fc.constantFrom(...VOTE_CHOICES) }), {
        minLength: 1,
        maxLength: 14,
      }),
      samples: fc.array(fc.array(maybeChoice, { minLength: IDS.length, maxLength: IDS.length }), {
        minLength: 1,
        maxLength: 8,
      }),
    })
    .filter((s) => s.weights.reduce((a, b) => a + b, 0) > 0);

  /** The missing partners act as `choices` says (null: stays silent); the cast votes stand. */
  const complete = (votes: CurrentVote[], missing: string[], choices: (string | null)[]) => {
    let result = votes;
    missing.forEach((partnerId, i) => {
      const choice = choices[i % choices.length];
      if (choice) result = castVote(result, { partnerId, choice: choice as CurrentVote['choice'] });
    });
    return result;
  };
  const EXTREMES: (string | null)[][] = [[null], ['yes'], ['no'], ['abstain']];

  it('every completion of the missing votes ends the same way at the deadline', () => {
    let closings = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        const electorate = s.weights.map((w, i) => ({ partnerId: IDS[i]!, weight: w }));
        const policy = pol({
          rule: s.rule,
          quorum: s.quorum,
          supportThreshold: s.supportThreshold,
          silenceIsConsent: s.silenceIsConsent,
        });
        let votes: CurrentVote[] = [];
        for (const step of s.sequence) {
          const partnerId = IDS[step.voter % electorate.length]!;
          votes = castVote(votes, { partnerId, choice: step.choice });
          const early = evaluateOnVote(electorate, votes, policy);
          const { missing } = computeTally(electorate, votes);
          const completions = [...EXTREMES, ...s.samples].map((c) => complete(votes, missing, c));
          const finals = completions.map((c) => evaluateAtDeadline(electorate, c, policy));
          if (early.closed) {
            closings += 1;
            for (const final of finals)
              expect(final).toEqual({ status: early.status, reason: early.reason });
            return; // a closed proposal takes no more votes
          }
          // ...and it closes as soon as it is certain: open means some completion still differs.
          const statuses = new Set(finals.map((f) => f.status));
          if (policy.rule === 'weighted') expect(statuses.size).toBeGreaterThan(1);
          else expect(missing.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
    // Guard against a vacuous property: plenty of runs must actually close early.
    expect(closings).toBeGreaterThan(500);
  });
});
