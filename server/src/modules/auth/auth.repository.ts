import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A session that is neither revoked nor expired. */
export interface LiveSessionRow {
  id: string;
  userId: string;
  expiresAt: Date;
}

/** The auth module's raw SQL (tables `sessions`, `app_secrets`). */
@Injectable()
export class AuthRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The session by id or by the hash of its cookie token, if it is live at `now`. Read on every
   * request (one indexed lookup, no entity hydration), so a logout is a 401 at once everywhere.
   */
  async liveSession(
    where: { id: string } | { tokenHash: string },
    now: Date,
  ): Promise<LiveSessionRow | null> {
    const rows = (await this.dataSource.query(
      `SELECT id, "userId", "expiresAt" FROM sessions
        WHERE ${'id' in where ? 'id' : '"tokenHash"'} = $1
          AND "revokedAt" IS NULL AND "expiresAt" > $2`,
      ['id' in where ? where.id : where.tokenHash, now],
    )) as LiveSessionRow[];
    const row = rows[0];
    return row ? { ...row, expiresAt: new Date(row.expiresAt) } : null;
  }

  /** Which of `ids` (uuids) are live sessions at `now`. */
  async liveSessionIds(ids: string[], now: Date): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM sessions WHERE id = ANY($1::uuid[]) AND "revokedAt" IS NULL
         AND "expiresAt" > $2`,
      [ids, now],
    );
    return rows.map((r) => r.id);
  }
}
