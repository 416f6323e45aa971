import type {
  ElectorateMember,
  Policy,
  ProposalPreviewWarningDto,
  ProposalViewerDto,
} from '@coalesce/shared';
import {
  isOpenAt,
  quorumReached,
  type Actor,
  type ProposalSnapshot,
} from './proposals.engine.util';

/**
 * Whether the caller may take part in the decision of a proposal, and if not why, so the client
 * can say it in words ("Core partners decide on broad admissions in this stage"). `canVote`
 * means "may cast the decisive act": a vote, or on an autonomous proposal the decision (by a
 * decider's representative, or a coordinator when the policy names no deciders). The first
 * reason that applies wins: observer, closed, is_candidate, then by rule.
 */
export function proposalViewer(
  now: Date,
  proposal: Pick<ProposalSnapshot, 'status' | 'closesAt' | 'policy' | 'electorate'> & {
    candidatePartnerId: string;
  },
  actor: Actor,
): ProposalViewerDto {
  const partnerId = actor.role === 'observer' ? null : actor.partnerId;
  const no = (reason: ProposalViewerDto['reason']): ProposalViewerDto => ({
    partnerId: actor.partnerId,
    canVote: false,
    reason,
  });
  if (actor.role === 'observer') return no('observer');
  if (!isOpenAt(now, proposal)) return no('closed');
  if (partnerId !== null && partnerId === proposal.candidatePartnerId) return no('is_candidate');
  if (proposal.policy.rule === 'autonomous') {
    const deciders = proposal.policy.deciders;
    const decides =
      deciders.length > 0
        ? partnerId !== null && deciders.includes(partnerId)
        : actor.role === 'coordinator';
    return decides
      ? { partnerId: actor.partnerId, canVote: true, reason: 'ok' }
      : no('autonomous_not_decider');
  }
  if (partnerId === null) return no('no_partner');
  if (!proposal.electorate.some((m) => m.partnerId === partnerId)) return no('not_in_electorate');
  return { partnerId, canVote: true, reason: 'ok' };
}

/**
 * What stands in the way of a proposal before it opens (pure; the preview's warnings):
 * - EMPTY_ELECTORATE: nobody (or only weight 0) in the electorate: opening is refused (409);
 * - ZERO_WEIGHT: partners of weight 0: their votes do not move a weighted tally;
 * - UNREPRESENTED: partners nobody can vote for. Consensus needs every one of them unless
 *   silence is consent; weighted needs the represented weight to reach the quorum; autonomous
 *   needs one represented decider when deciders are named (else the coordinators decide).
 * `representatives` counts, per partner, the members who can act for it (observers excluded).
 */
export function proposalWarnings(input: {
  policy: Pick<Policy, 'rule' | 'quorum' | 'silenceIsConsent' | 'deciders'>;
  electorate: ElectorateMember[];
  representatives: ReadonlyMap<string, number>;
}): ProposalPreviewWarningDto[] {
  const { policy, electorate, representatives } = input;
  const represented = (id: string) => (representatives.get(id) ?? 0) > 0;
  const totalWeight = electorate.reduce((sum, m) => sum + m.weight, 0);
  const warnings: ProposalPreviewWarningDto[] = [];
  if (!(totalWeight > 0)) {
    return [
      {
        code: 'EMPTY_ELECTORATE',
        partnerIds: electorate.map((m) => m.partnerId),
        blocksAcceptance: true,
      },
    ];
  }
  const zero = electorate.filter((m) => m.weight === 0).map((m) => m.partnerId);
  if (zero.length && policy.rule === 'weighted') {
    warnings.push({ code: 'ZERO_WEIGHT', partnerIds: zero, blocksAcceptance: false });
  }
  if (policy.rule === 'autonomous') {
    const missing = policy.deciders.filter((id) => !represented(id));
    if (missing.length) {
      warnings.push({
        code: 'UNREPRESENTED',
        partnerIds: missing,
        blocksAcceptance: missing.length === policy.deciders.length,
      });
    }
    return warnings;
  }
  const unrepresented = electorate.filter((m) => !represented(m.partnerId));
  if (unrepresented.length) {
    const representedWeight = electorate
      .filter((m) => represented(m.partnerId))
      .reduce((sum, m) => sum + m.weight, 0);
    const blocksAcceptance =
      policy.rule === 'consensus'
        ? !policy.silenceIsConsent
        : !quorumReached(representedWeight, totalWeight, policy.quorum);
    warnings.push({
      code: 'UNREPRESENTED',
      partnerIds: unrepresented.map((m) => m.partnerId),
      blocksAcceptance,
    });
  }
  return warnings;
}
