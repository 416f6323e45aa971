import type { ConnectionStatus } from '@coalesce/shared';

/** The rule lives in @coalesce/shared, so the client's hints follow the same function. */
export {
  canProposeConnections,
  PROPOSE_CONNECTIONS_DENIED as PROPOSE_DENIED,
  respondingSide,
} from '@coalesce/shared';

/** One decline closes it as `declined`; an accept from both sides makes it `accepted`. */
export function connectionStatusAfter(
  c: { fromPartnerId: string; toPartnerId: string },
  responses: readonly { partnerId: string; accept: boolean }[],
): ConnectionStatus {
  if (responses.some((r) => !r.accept)) return 'declined';
  const accepted = new Set(responses.filter((r) => r.accept).map((r) => r.partnerId));
  return accepted.has(c.fromPartnerId) && accepted.has(c.toPartnerId) ? 'accepted' : 'proposed';
}
