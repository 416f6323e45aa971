import {
  canAnswerOnBehalf,
  respondingSide,
  type Capacity,
  type ConnectionDto as Connection,
} from '@coalesce/shared';

/**
 * The sides of an open connection the reader may answer now: their own partner's side, and, for
 * a coordinator, any side nobody represents (answered on its behalf). Each side answers once.
 * The rules are the server's (`respondingSide`, `canAnswerOnBehalf` in @coalesce/shared).
 */
export function answerableSides(
  c: Connection,
  me: Pick<Capacity, 'role' | 'partnerId'>,
  hasRepresentative: (partnerId: string) => boolean | undefined,
): { partnerId: string; onBehalf: boolean }[] {
  if (c.status !== 'proposed') return [];
  const answered = new Set(c.responses.map((r) => r.partnerId));
  const own = respondingSide(me, c);
  return [c.fromPartnerId, c.toPartnerId].flatMap(
    (side): { partnerId: string; onBehalf: boolean }[] => {
      if (answered.has(side)) return [];
      if (side === own) return [{ partnerId: side, onBehalf: false }];
      // `undefined`: not known (an older server) — then only representatives answer.
      const represented = hasRepresentative(side);
      if (represented !== undefined && canAnswerOnBehalf(me, represented))
        return [{ partnerId: side, onBehalf: true }];
      return [];
    },
  );
}
