import type { ConnectionStatus } from '@coalesce/shared';
import type { Membership } from '../../common/auth/auth.types';

/** Proposing connections is the broker's act: the broker flag decides, not the role. */
export const canProposeConnections = (m: Pick<Membership, 'role' | 'broker'>): boolean =>
  m.broker && m.role !== 'observer';

export const PROPOSE_DENIED = 'Only brokers can propose connections';

/**
 * The side (partner id) the caller answers for: a member (not an observer) linked to one of the
 * two partners. Null when the caller represents neither.
 */
export function respondingSide(
  m: Pick<Membership, 'role' | 'partnerId'>,
  c: { fromPartnerId: string; toPartnerId: string },
): string | null {
  if (m.role === 'observer' || !m.partnerId) return null;
  return m.partnerId === c.fromPartnerId || m.partnerId === c.toPartnerId ? m.partnerId : null;
}

/** One decline closes it as `declined`; an accept from both sides makes it `accepted`. */
export function connectionStatusAfter(
  c: { fromPartnerId: string; toPartnerId: string },
  responses: readonly { partnerId: string; accept: boolean }[],
): ConnectionStatus {
  if (responses.some((r) => !r.accept)) return 'declined';
  const accepted = new Set(responses.filter((r) => r.accept).map((r) => r.partnerId));
  return accepted.has(c.fromPartnerId) && accepted.has(c.toPartnerId) ? 'accepted' : 'proposed';
}
