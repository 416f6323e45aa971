import {
  canAddStatement,
  canExtend,
  canRemind,
  canAdvise,
  canDecide,
  canVote,
  canWithdraw,
  type ProposalDto,
  type ProposalSnapshot,
  type WorkspaceDto,
} from '@coalesce/shared';

/** The proposal as the shared checks see it. */
export const snapshotOf = (p: ProposalDto): ProposalSnapshot => ({
  status: p.status,
  policy: p.policy,
  electorate: p.electorate,
  consultationEndsAt: p.consultationEndsAt ? new Date(p.consultationEndsAt) : null,
  closesAt: new Date(p.closesAt),
});

/** Which actions to offer on a proposal: exactly those the server's checks would accept now. */
export interface ProposalHints {
  vote: boolean;
  advise: boolean;
  decide: boolean;
  withdraw: boolean;
  statement: boolean;
  remind: boolean;
  extend: boolean;
}

export function proposalHints(
  p: ProposalDto,
  ws: WorkspaceDto,
  userId: string,
  now: number,
): ProposalHints {
  const at = new Date(now);
  const snapshot = snapshotOf(p);
  const actor = { role: ws.myRole, partnerId: ws.myPartnerId };
  return {
    // A `yes` needs no reason: this asks only who may vote, and whether voting is open.
    vote: canVote(at, snapshot, actor, { choice: 'yes' }).ok,
    advise: canAdvise(at, snapshot, actor).ok,
    decide: canDecide(at, snapshot, actor).ok,
    withdraw: canWithdraw(at, { ...snapshot, proposedBy: p.proposedBy }, { ...actor, userId }).ok,
    statement: canAddStatement({ ...snapshot, proposedBy: p.proposedBy }, { ...actor, userId }).ok,
    remind: canRemind(at, { ...snapshot, proposedBy: p.proposedBy }, { ...actor, userId }).ok,
    extend: canExtend(at, snapshot, actor).ok,
  };
}
