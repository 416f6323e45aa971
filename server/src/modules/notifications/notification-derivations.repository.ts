import type { EntityManager } from 'typeorm';

/** The catch-up mark as numbers (see NotificationCursorEntity). */
export interface NotificationCursor {
  seq: number;
  seenSeq: number;
  safeSeq: number;
  markSeq: number;
  /** Milliseconds since `markAt`, by the database's clock. */
  markAgeMs: number;
}

interface CursorRow {
  seq: string;
  seenSeq: string;
  safeSeq: string;
  markSeq: string;
  markAgeMs: string;
}

const CURSOR_SELECT = `SELECT seq, "seenSeq", "safeSeq", "markSeq",
    (extract(epoch FROM now() - "markAt") * 1000)::bigint AS "markAgeMs"
  FROM notification_cursor WHERE id = 1`;

const toCursor = (r: CursorRow): NotificationCursor => ({
  seq: Number(r.seq),
  seenSeq: Number(r.seenSeq),
  safeSeq: Number(r.safeSeq),
  markSeq: Number(r.markSeq),
  markAgeMs: Number(r.markAgeMs),
});

/** SQL of the derivation bookkeeping (tables `notification_cursor`, `notification_derivations`). */
export const notificationDerivations = {
  /**
   * Inside the deriving transaction: marks the event derived. False when it already was (by
   * another instance or path), or when the mark has passed it (its row may be forgotten by
   * now): the caller then creates nothing. A concurrent claim of the same seq waits for the
   * first transaction and, if that commits, answers false.
   */
  async claim(manager: EntityManager, seq: number): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO notification_derivations (seq)
         SELECT $1::bigint WHERE $1::bigint > (SELECT seq FROM notification_cursor WHERE id = 1)
       ON CONFLICT DO NOTHING RETURNING seq`,
      [seq],
    )) as unknown[];
    return rows.length > 0;
  },

  /** Which of `seqs` are marked derived. */
  async derivedAmong(manager: EntityManager, seqs: number[]): Promise<Set<number>> {
    if (!seqs.length) return new Set();
    const rows = (await manager.query(
      'SELECT seq FROM notification_derivations WHERE seq = ANY($1::bigint[])',
      [seqs],
    )) as { seq: string }[];
    return new Set(rows.map((r) => Number(r.seq)));
  },

  async read(manager: EntityManager): Promise<NotificationCursor | null> {
    const [row] = (await manager.query(CURSOR_SELECT)) as CursorRow[];
    return row ? toCursor(row) : null;
  },

  /** Inside a transaction: the mark, locked; null while another instance holds it. */
  async lock(manager: EntityManager): Promise<NotificationCursor | null> {
    const [row] = (await manager.query(`${CURSOR_SELECT} FOR UPDATE SKIP LOCKED`)) as CursorRow[];
    return row ? toCursor(row) : null;
  },

  /**
   * Inside the transaction that locked it: moves the mark and forgets the derivation rows the
   * previous mark covered. Forgetting lags one move behind so that a claim racing this move
   * sees either the row or a mark past its seq (a round that read the old mark would otherwise
   * find neither and derive again). `newMark` starts a settling period at `markSeq` (now).
   */
  async save(
    manager: EntityManager,
    next: { previousSeq: number; seq: number; seenSeq: number; safeSeq: number; newMark?: number },
  ): Promise<void> {
    await manager.query(
      `UPDATE notification_cursor
          SET seq = $1, "seenSeq" = $2, "safeSeq" = $3,
              "markSeq" = coalesce($4, "markSeq"),
              "markAt" = CASE WHEN $4::bigint IS NULL THEN "markAt" ELSE now() END
        WHERE id = 1`,
      [next.seq, next.seenSeq, next.safeSeq, next.newMark ?? null],
    );
    await manager.query('DELETE FROM notification_derivations WHERE seq <= $1', [next.previousSeq]);
  },
};
