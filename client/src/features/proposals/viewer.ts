import type { ProposalDto as Proposal } from '@coalesce/shared';

type Tx = (key: string, params?: Record<string, string | number>) => string;

/**
 * Why the reader cannot vote, from the server's `viewer.reason` and the proposal's policy, e.g.
 * "Core partners decide on broad admissions in this stage." Null when there is nothing to explain
 * (they can vote, the proposal is closed, or the server did not say).
 */
export function explainViewer(
  p: Pick<Proposal, 'viewer' | 'status' | 'tier' | 'policy'>,
  partnerNames: Map<string, string>,
  tx: Tx,
  /** A coordinator can link herself to a partner: tell her so, not to ask a coordinator. */
  coordinator = false,
): string | null {
  const v = p.viewer;
  if (!v || v.canVote || p.status !== 'open') return null;
  const partner = (v.partnerId && partnerNames.get(v.partnerId)) || '…';
  const tier = tx(`coalition.viewer.tiers.${p.tier}`);
  switch (v.reason) {
    case 'no_partner':
      return tx(
        coordinator ? 'coalition.viewer.noPartnerCoordinator' : 'coalition.viewer.no_partner',
      );
    case 'observer':
      return tx('coalition.viewer.observer');
    case 'is_candidate':
      return tx('coalition.viewer.is_candidate', { partner });
    case 'not_in_electorate':
      return p.policy.electorate === 'core'
        ? tx('coalition.viewer.notInCore', { tier })
        : tx('coalition.viewer.notInAll', { partner });
    case 'autonomous_not_decider': {
      const deciders = p.policy.deciders.map((d) => partnerNames.get(d) ?? '…');
      return deciders.length
        ? tx('coalition.viewer.decidersDecide', { deciders: deciders.join(', '), tier })
        : tx('coalition.viewer.coordinatorsDecide', { tier });
    }
    default:
      return null;
  }
}
