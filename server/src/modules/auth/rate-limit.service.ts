import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RateLimitedError } from '../../common/errors/domain-error';

/**
 * Sliding-window limits kept in PostgreSQL, so every instance sees the same counts.
 * `check` refuses (429 + Retry-After) once `limit` hits fall inside the window.
 */
@Injectable()
export class RateLimitService {
  constructor(private readonly dataSource: DataSource) {}

  async check(key: string, limit: number, windowSeconds: number): Promise<void> {
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM rate_limit_hits
        WHERE "key" = $1 AND "at" > now() - make_interval(secs => $2)`,
      [key, windowSeconds],
    );
    const n = rows[0]?.n ?? 0;
    if (n < limit) return;
    // The window frees a slot when the (n - limit + 1)-th oldest hit leaves it.
    const freed: { s: number }[] = await this.dataSource.query(
      `SELECT ceil(extract(epoch FROM ("at" + make_interval(secs => $2) - now())))::int AS s
         FROM rate_limit_hits
        WHERE "key" = $1 AND "at" > now() - make_interval(secs => $2)
        ORDER BY "at" ASC OFFSET $3 LIMIT 1`,
      [key, windowSeconds, n - limit],
    );
    throw new RateLimitedError(Math.max(1, freed[0]?.s ?? windowSeconds));
  }

  async hit(key: string, windowSeconds: number): Promise<void> {
    await this.dataSource.query(`INSERT INTO rate_limit_hits ("key") VALUES ($1)`, [key]);
    await this.dataSource.query(
      `DELETE FROM rate_limit_hits WHERE "key" = $1 AND "at" < now() - make_interval(secs => $2)`,
      [key, windowSeconds],
    );
  }

  async reset(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit_hits WHERE "key" = $1`, [key]);
  }
}
