import type { ConnectionDto as Connection } from '@coalesce/shared';

/**
 * The sides of an open connection the reader may answer now: their own partner's side, and, for
 * a coordinator, any side nobody represents (answered on its behalf). Each side answers once.
 */
export function answerableSides(
  c: Connection,
  me: { partnerId: string | null; coordinator: boolean },
  hasRepresentative: (partnerId: string) => boolean | undefined,
): { partnerId: string; onBehalf: boolean }[] {
  if (c.status !== 'proposed') return [];
  const answered = new Set(c.responses.map((r) => r.partnerId));
  return [c.fromPartnerId, c.toPartnerId].flatMap(
    (side): { partnerId: string; onBehalf: boolean }[] => {
      if (answered.has(side)) return [];
      if (side === me.partnerId) return [{ partnerId: side, onBehalf: false }];
      // `undefined`: not known (an older server) — then only representatives answer.
      if (me.coordinator && hasRepresentative(side) === false)
        return [{ partnerId: side, onBehalf: true }];
      return [];
    },
  );
}
