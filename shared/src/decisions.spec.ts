import { describe, expect, it } from 'vitest';
import {
  adviceInputSchema,
  decideInputSchema,
  DEFAULT_POLICY,
  effectiveVotes,
  defaultPoliciesForStage,
  policyPutSchema,
  policySchema,
  voteInputSchema,
} from './decisions.js';
import { STAGES } from './domain.js';

const UUID = '5f0c6f5e-8d1b-4c47-9a44-3c1f4c7f2b10';
const issuePaths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.success ? [] : result.error!.issues.map((i) => i.path.join('.'));

describe('policySchema', () => {
  it('fills the defaults', () => {
    expect(policySchema.parse({ rule: 'weighted' })).toEqual({
      rule: 'weighted',
      electorate: 'core',
      votingHours: 168,
      quorum: 0.5,
      supportThreshold: 0.5,
      silenceIsConsent: false,
      deciders: [],
      consultationHours: 48,
    });
    expect(policySchema.parse({ rule: 'consensus' })).toEqual(DEFAULT_POLICY);
  });

  it.each([
    ['rule missing', {}, 'rule'],
    ['unknown rule', { rule: 'majority' }, 'rule'],
    ['unknown electorate', { rule: 'consensus', electorate: 'broad' }, 'electorate'],
    ['votingHours 0', { rule: 'consensus', votingHours: 0 }, 'votingHours'],
    ['votingHours negative', { rule: 'consensus', votingHours: -1 }, 'votingHours'],
    ['votingHours absurd', { rule: 'consensus', votingHours: 1e12 }, 'votingHours'],
    ['quorum above 1', { rule: 'weighted', quorum: 1.01 }, 'quorum'],
    ['quorum below 0', { rule: 'weighted', quorum: -0.1 }, 'quorum'],
    ['supportThreshold 1', { rule: 'weighted', supportThreshold: 1 }, 'supportThreshold'],
    ['supportThreshold negative', { rule: 'weighted', supportThreshold: -0.1 }, 'supportThreshold'],
    ['deciders not uuids', { rule: 'autonomous', deciders: ['x'] }, 'deciders.0'],
    ['too many deciders', { rule: 'autonomous', deciders: Array(201).fill(UUID) }, 'deciders'],
    ['consultationHours 0', { rule: 'autonomous', consultationHours: 0 }, 'consultationHours'],
    [
      'consultation longer than the vote (autonomous)',
      { rule: 'autonomous', votingHours: 24 },
      'consultationHours',
    ],
    [
      'silenceIsConsent not boolean',
      { rule: 'consensus', silenceIsConsent: 'yes' },
      'silenceIsConsent',
    ],
  ])('rejects %s', (_name, input, path) => {
    expect(issuePaths(policySchema.safeParse(input))).toContain(path);
  });

  it.each([
    ['fractional hours', { rule: 'autonomous', votingHours: 1.5, consultationHours: 0.5 }],
    [
      'consultation equal to the vote',
      { rule: 'autonomous', votingHours: 48, consultationHours: 48 },
    ],
    [
      'consultation longer than the vote outside autonomous',
      { rule: 'consensus', votingHours: 24 },
    ],
    ['quorum bounds', { rule: 'weighted', quorum: 0, supportThreshold: 0 }],
    ['quorum 1', { rule: 'weighted', quorum: 1, supportThreshold: 0.99 }],
    ['deciders', { rule: 'autonomous', deciders: [UUID] }],
  ])('accepts %s', (_name, input) => {
    expect(policySchema.safeParse(input).success).toBe(true);
  });
});

describe('policyPutSchema', () => {
  it('takes an optional stage next to the policy', () => {
    expect(policyPutSchema.parse({ rule: 'consensus' }).stage).toBeUndefined();
    expect(
      policyPutSchema.parse({ stage: 'dynamic_experimentation', rule: 'autonomous' }),
    ).toMatchObject({
      stage: 'dynamic_experimentation',
      rule: 'autonomous',
      consultationHours: 48,
    });
  });
  it('rejects an unknown stage and keeps the consultation check', () => {
    expect(issuePaths(policyPutSchema.safeParse({ stage: 'stage5', rule: 'consensus' }))).toContain(
      'stage',
    );
    expect(
      issuePaths(
        policyPutSchema.safeParse({ rule: 'autonomous', votingHours: 10, consultationHours: 11 }),
      ),
    ).toEqual(['consultationHours']);
  });
});

describe('defaultPoliciesForStage', () => {
  it('stage 1: consensus for both tiers; later: core consensus, broad autonomous', () => {
    const rules = STAGES.map((stage) => {
      const { core, broad } = defaultPoliciesForStage(stage);
      return [stage, core.rule, broad.rule];
    });
    expect(rules).toEqual([
      ['hypothesis_vision', 'consensus', 'consensus'],
      ['catalysing_initiating', 'consensus', 'autonomous'],
      ['dynamic_experimentation', 'consensus', 'autonomous'],
      ['mainstreaming_sustaining', 'consensus', 'autonomous'],
    ]);
  });
  it('every default is itself a valid policy, and callers get their own copies', () => {
    for (const stage of STAGES) {
      const policies = defaultPoliciesForStage(stage);
      expect(policySchema.parse(policies.core)).toEqual(policies.core);
      expect(policySchema.parse(policies.broad)).toEqual(policies.broad);
    }
    defaultPoliciesForStage('hypothesis_vision').core.deciders.push(UUID);
    expect(defaultPoliciesForStage('hypothesis_vision').core.deciders).toEqual([]);
    expect(DEFAULT_POLICY.deciders).toEqual([]);
  });
});

describe('input schemas', () => {
  it('vote: a choice and an optional trimmed reason up to the text limit', () => {
    expect(voteInputSchema.parse({ choice: 'no', reason: '  because  ' })).toEqual({
      choice: 'no',
      reason: 'because',
    });
    expect(voteInputSchema.parse({ choice: 'yes' })).toEqual({ choice: 'yes' });
    expect(issuePaths(voteInputSchema.safeParse({ choice: 'maybe' }))).toEqual(['choice']);
    expect(
      issuePaths(voteInputSchema.safeParse({ choice: 'no', reason: 'x'.repeat(20_001) })),
    ).toEqual(['reason']);
  });
  it('decide: accepted or rejected, with a rationale', () => {
    expect(decideInputSchema.safeParse({ outcome: 'accepted', rationale: 'fits' }).success).toBe(
      true,
    );
    expect(issuePaths(decideInputSchema.safeParse({ outcome: 'expired', rationale: 'x' }))).toEqual(
      ['outcome'],
    );
    expect(
      issuePaths(decideInputSchema.safeParse({ outcome: 'rejected', rationale: '  ' })),
    ).toEqual(['rationale']);
  });
  it('advice: non-empty text up to the text limit', () => {
    expect(adviceInputSchema.parse({ text: ' ok ' })).toEqual({ text: 'ok' });
    expect(issuePaths(adviceInputSchema.safeParse({ text: '' }))).toEqual(['text']);
    expect(issuePaths(adviceInputSchema.safeParse({ text: 'x'.repeat(20_001) }))).toEqual(['text']);
  });
});

describe('effectiveVotes (issue 16)', () => {
  const electorate = [
    { partnerId: 'A', weight: 1, delegateTo: 'B' },
    { partnerId: 'B', weight: 1, delegateTo: 'C' },
    { partnerId: 'C', weight: 1 },
  ];
  it('a partner without its own vote takes its delegate’s own vote, one level only', () => {
    expect(effectiveVotes(electorate, [{ partnerId: 'C', choice: 'yes' }])).toEqual([
      { partnerId: 'B', vote: { partnerId: 'C', choice: 'yes' }, via: 'C' },
      { partnerId: 'C', vote: { partnerId: 'C', choice: 'yes' } },
    ]);
  });
  it('a direct vote wins over the delegate’s', () => {
    const votes = [
      { partnerId: 'A', choice: 'no' },
      { partnerId: 'B', choice: 'yes' },
    ];
    expect(
      effectiveVotes(electorate, votes).map((e) => [e.partnerId, e.vote.choice, e.via]),
    ).toEqual([
      ['A', 'no', undefined],
      ['B', 'yes', undefined],
    ]);
  });
});
