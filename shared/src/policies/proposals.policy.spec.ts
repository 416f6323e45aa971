import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Policy } from '../decisions.js';
import {
  canAdvise,
  canDecide,
  canPropose,
  canVote,
  canWithdraw,
  type PolicyCheck,
  type ProposalSnapshot,
} from './proposals.policy.js';

// The server's proposals.engine.util.spec.ts covers these exhaustively (through the engine's
// re-exports); these are the cases the client's hints depend on.

const T0 = new Date('2026-01-01T00:00:00Z');
const hours = (h: number) => new Date(T0.getTime() + h * 3_600_000);

function proposal(policy: Partial<Policy>, over: Partial<ProposalSnapshot> = {}): ProposalSnapshot {
  const p: Policy = { ...DEFAULT_POLICY, ...policy };
  return {
    status: 'open',
    policy: p,
    electorate: [
      { partnerId: 'a', weight: 1 },
      { partnerId: 'b', weight: 1 },
    ],
    consultationEndsAt: p.rule === 'autonomous' ? hours(24) : null,
    closesAt: hours(48),
    ...over,
  };
}

const reason = (c: PolicyCheck) => (c.ok ? 'ok' : c.reason);

describe('proposal policy', () => {
  it('votes: a representative of an electorate partner, while open, not on autonomous', () => {
    const p = proposal({ rule: 'consensus' });
    const yes = { choice: 'yes' as const };
    expect(reason(canVote(hours(1), p, { role: 'member', partnerId: 'a' }, yes))).toBe('ok');
    expect(reason(canVote(hours(1), p, { role: 'observer', partnerId: 'a' }, yes))).toBe(
      'observer',
    );
    expect(reason(canVote(hours(1), p, { role: 'coordinator', partnerId: null }, yes))).toBe(
      'no_partner',
    );
    expect(reason(canVote(hours(1), p, { role: 'member', partnerId: 'z' }, yes))).toBe(
      'not_in_electorate',
    );
    expect(reason(canVote(hours(49), p, { role: 'member', partnerId: 'a' }, yes))).toBe('closed');
    const auto = proposal({ rule: 'autonomous', deciders: [] });
    expect(reason(canVote(hours(1), auto, { role: 'member', partnerId: 'a' }, yes))).toBe(
      'autonomous_rule',
    );
  });

  it('a consensus no needs a reason', () => {
    const p = proposal({ rule: 'consensus' });
    const actor = { role: 'member' as const, partnerId: 'a' };
    expect(reason(canVote(hours(1), p, actor, { choice: 'no', reason: ' ' }))).toBe(
      'reason_required',
    );
    expect(reason(canVote(hours(1), p, actor, { choice: 'no', reason: 'why' }))).toBe('ok');
  });

  it('advice: anyone but observers, during the consultation of an autonomous proposal', () => {
    const p = proposal({ rule: 'autonomous', deciders: [] });
    expect(reason(canAdvise(hours(1), p, { role: 'member' }))).toBe('ok');
    expect(reason(canAdvise(hours(1), p, { role: 'observer' }))).toBe('observer');
    expect(reason(canAdvise(hours(25), p, { role: 'member' }))).toBe('consultation_over');
  });

  it('decides: named deciders only, else a coordinator; after the consultation', () => {
    const named = proposal({ rule: 'autonomous', deciders: ['b'] });
    expect(reason(canDecide(hours(25), named, { role: 'member', partnerId: 'b' }))).toBe('ok');
    expect(reason(canDecide(hours(25), named, { role: 'coordinator', partnerId: null }))).toBe(
      'not_decider',
    );
    expect(reason(canDecide(hours(1), named, { role: 'member', partnerId: 'b' }))).toBe(
      'consultation_running',
    );
    const none = proposal({ rule: 'autonomous', deciders: [] });
    expect(reason(canDecide(hours(25), none, { role: 'coordinator', partnerId: null }))).toBe('ok');
    expect(reason(canDecide(hours(25), none, { role: 'member', partnerId: 'a' }))).toBe(
      'not_coordinator',
    );
  });

  it('withdraws: the proposer or a coordinator, while open', () => {
    const p = { ...proposal({ rule: 'consensus' }), proposedBy: 'u1' };
    expect(reason(canWithdraw(hours(1), p, { userId: 'u1', role: 'member' }))).toBe('ok');
    expect(reason(canWithdraw(hours(1), p, { userId: 'u2', role: 'coordinator' }))).toBe('ok');
    expect(reason(canWithdraw(hours(1), p, { userId: 'u2', role: 'member' }))).toBe('not_proposer');
    expect(reason(canWithdraw(hours(49), p, { userId: 'u1', role: 'member' }))).toBe('closed');
  });

  it('proposes: coordinators, brokers, representatives of an active partner; no observer', () => {
    expect(canPropose({ role: 'coordinator', broker: false, partnerId: null }, null)).toBe(true);
    expect(canPropose({ role: 'member', broker: true, partnerId: null }, null)).toBe(true);
    expect(canPropose({ role: 'member', broker: false, partnerId: 'a' }, 'active')).toBe(true);
    expect(canPropose({ role: 'member', broker: false, partnerId: 'a' }, 'candidate')).toBe(false);
    expect(canPropose({ role: 'member', broker: false, partnerId: null }, null)).toBe(false);
    expect(canPropose({ role: 'observer', broker: true, partnerId: 'a' }, 'active')).toBe(false);
  });
});
