import { canAnswerOnBehalf, respondingSide, type ConnectionStatus } from '@coalesce/shared';
import type { Membership } from '../../common/auth/auth.types';

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

/**
 * The side a response is for, and whether it is given on that side's behalf. `requested` is the
 * body's `partnerId`. A representative answers for their own side (naming it or not); a
 * coordinator may answer for a side nobody represents (`unrepresented`), which is recorded as
 * `onBehalf`. 403 when the caller may answer for no side at all; 400 naming `partnerId` when it
 * is not one of the two sides; 403 when that side is not theirs to answer.
 */
export function answeringSide(
  m: Pick<Membership, 'role' | 'partnerId'>,
  c: { fromPartnerId: string; toPartnerId: string },
  requested: string | undefined,
  unrepresented: ReadonlySet<string>,
):
  | { ok: true; side: string; onBehalf: boolean }
  | { ok: false; error: 'forbidden' | 'invalid'; message: string } {
  const own = respondingSide(m, c);
  if (requested === undefined) {
    return own
      ? { ok: true, side: own, onBehalf: false }
      : {
          ok: false,
          error: 'forbidden',
          message:
            m.role === 'coordinator'
              ? 'Name the side you answer for (partnerId): a coordinator answers only for a side without representative'
              : 'Only a representative of one of the two partners can respond',
        };
  }
  const side = requested.toLowerCase();
  if (side !== c.fromPartnerId && side !== c.toPartnerId) {
    return { ok: false, error: 'invalid', message: 'must be one of the two partners' };
  }
  if (own === side) return { ok: true, side, onBehalf: false };
  if (canAnswerOnBehalf(m, !unrepresented.has(side))) {
    return { ok: true, side, onBehalf: true };
  }
  return {
    ok: false,
    error: 'forbidden',
    message:
      m.role === 'coordinator'
        ? 'This partner has a representative: they answer for it'
        : 'Only a representative of this partner can respond for it',
  };
}

/**
 * Who may try to respond at all (before the body is read, for the 403 → 400 precedence): a
 * representative of a side, or a coordinator while a side has no representative.
 */
export const mayRespondAtAll = (
  m: Pick<Membership, 'role' | 'partnerId'>,
  c: { fromPartnerId: string; toPartnerId: string },
  unrepresented: ReadonlySet<string>,
): boolean => respondingSide(m, c) !== null || (m.role === 'coordinator' && unrepresented.size > 0);
