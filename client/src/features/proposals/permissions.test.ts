import { DEFAULT_POLICY, type ProposalDto, type WorkspaceDto } from '@coalesce/shared';
import { describe, expect, it } from 'vitest';
import { proposalHints } from './permissions';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const iso = (h: number) => new Date(T0 + h * 3_600_000).toISOString();

const proposal = (over: Partial<ProposalDto> = {}): ProposalDto =>
  ({
    id: 'x',
    status: 'open',
    policy: { ...DEFAULT_POLICY, rule: 'autonomous', deciders: ['b'] },
    electorate: [{ partnerId: 'a', weight: 1 }],
    consultationEndsAt: iso(24),
    closesAt: iso(48),
    proposedBy: 'u1',
    ...over,
  }) as ProposalDto;

const ws = (over: Partial<WorkspaceDto>): WorkspaceDto =>
  ({ myRole: 'member', myBroker: false, myPartnerId: null, ...over }) as WorkspaceDto;

describe('proposal hints (the server rules, asked by the client)', () => {
  it('a coordinator is not a decider when deciders are named, and may withdraw', () => {
    const may = proposalHints(proposal(), ws({ myRole: 'coordinator' }), 'u9', T0 + 25 * 3.6e6);
    expect(may).toEqual({
      vote: false,
      advise: false,
      decide: false,
      withdraw: true,
      statement: false,
      // Autonomous proposals are decided, not voted on: nothing to remind about.
      remind: false,
      extend: true,
    });
  });

  it("the decider partner's representative decides only after the consultation", () => {
    const rep = ws({ myPartnerId: 'b' });
    expect(proposalHints(proposal(), rep, 'u2', T0 + 3.6e6).decide).toBe(false);
    expect(proposalHints(proposal(), rep, 'u2', T0 + 3.6e6).advise).toBe(true);
    expect(proposalHints(proposal(), rep, 'u2', T0 + 25 * 3.6e6).decide).toBe(true);
  });

  it('votes only in the electorate, on a voted rule, before closesAt; the proposer withdraws', () => {
    const voted = proposal({ policy: { ...DEFAULT_POLICY, rule: 'weighted', deciders: [] } });
    const me = ws({ myPartnerId: 'a' });
    expect(proposalHints(voted, me, 'u1', T0 + 3.6e6)).toMatchObject({
      vote: true,
      withdraw: true,
    });
    expect(proposalHints(voted, me, 'u1', T0 + 49 * 3.6e6)).toMatchObject({
      vote: false,
      withdraw: false,
    });
    expect(proposalHints(voted, ws({ myPartnerId: 'z' }), 'u2', T0).vote).toBe(false);
  });

  it('issue 16: the proposer reminds while open; only coordinators extend; a statement follows the closing', () => {
    const voted = proposal({ policy: { ...DEFAULT_POLICY, rule: 'consensus', deciders: [] } });
    const proposer = ws({ myPartnerId: 'a' });
    expect(proposalHints(voted, proposer, 'u1', T0)).toMatchObject({
      remind: true,
      extend: false,
      statement: false,
    });
    expect(proposalHints(voted, ws({ myPartnerId: 'a' }), 'u2', T0).remind).toBe(false);
    const closed = { ...voted, status: 'accepted' as const };
    expect(proposalHints(closed, proposer, 'u1', T0 + 49 * 3.6e6)).toMatchObject({
      remind: false,
      extend: false,
      statement: true,
    });
    expect(proposalHints(closed, ws({ myRole: 'coordinator' }), 'u9', T0).statement).toBe(true);
    expect(proposalHints(closed, ws({ myRole: 'observer' }), 'u1', T0).statement).toBe(false);
  });
});
