import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NotificationEntity } from './notifications.entity';

/** The notifications module's raw SQL over `notifications`: unread counts and the email outbox. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Unread in-app notifications per user (users without any are absent). */
  async unreadCounts(userIds: string[]): Promise<Map<string, number>> {
    const rows: { userId: string; n: string }[] = await this.dataSource.query(
      `SELECT "userId", count(*) AS n FROM notifications
        WHERE "userId" = ANY($1) AND "readAt" IS NULL AND "inApp" GROUP BY "userId"`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.userId, Number(r.n)]));
  }

  /** When the next email of the outbox falls due (ms since the epoch; null: none waits). */
  async nextEmailDue(): Promise<number | null> {
    const [row] = (await this.dataSource.query(
      `SELECT extract(epoch FROM min("emailNextAt")) * 1000 AS at FROM notifications
        WHERE "emailStatus" IN ('pending', 'sending')`,
    )) as { at: string | null }[];
    return row?.at == null ? null : Math.ceil(Number(row.at));
  }

  /**
   * Claims up to `limit` due emails (pending, or sending with a lapsed lease) for `leaseSeconds`
   * and counts the attempt. FOR UPDATE SKIP LOCKED: instances never claim one at the same time.
   */
  async claimEmails(leaseSeconds: number, limit: number): Promise<NotificationEntity[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE notifications SET "emailStatus" = 'sending', "emailAttempts" = "emailAttempts" + 1,
              "emailNextAt" = now() + make_interval(secs => $1)
        WHERE id IN (SELECT id FROM notifications
                      WHERE "emailStatus" IN ('pending', 'sending') AND "emailNextAt" <= now()
                      ORDER BY "emailNextAt" LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [leaseSeconds, limit],
    )) as [NotificationEntity[], number];
    return rows;
  }

  /** Records a claimed email as sent (no-op unless it is still `sending`). */
  async emailSent(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET "emailStatus" = 'sent', "emailedAt" = now(), "emailNextAt" = NULL
        WHERE id = $1 AND "emailStatus" = 'sending'`,
      [id],
    );
  }

  /** Gives a claimed email up (no-op unless it is still `sending`). */
  async emailFailed(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET "emailStatus" = 'failed', "emailNextAt" = NULL
        WHERE id = $1 AND "emailStatus" = 'sending'`,
      [id],
    );
  }

  /** Puts a claimed email back in the outbox, due in `delaySeconds`. */
  async emailRetryIn(id: string, delaySeconds: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET "emailStatus" = 'pending',
              "emailNextAt" = now() + make_interval(secs => $2)
        WHERE id = $1 AND "emailStatus" = 'sending'`,
      [id, delaySeconds],
    );
  }
}
