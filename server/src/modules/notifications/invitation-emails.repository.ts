import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { InvitationEmailEntity } from './invitation-email.entity';

/** Raw SQL over `invitation_emails`, the outbox of emails to invited addresses without an account. */
@Injectable()
export class InvitationEmailsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Queues the invitation's email, once (a second derivation finds it there). */
  async enqueue(manager: EntityManager, invitationId: string, workspaceId: string): Promise<void> {
    await manager.query(
      `INSERT INTO invitation_emails ("invitationId", "workspaceId") VALUES ($1, $2)
       ON CONFLICT ("invitationId") DO NOTHING`,
      [invitationId, workspaceId],
    );
  }

  /** When the next row falls due (ms since the epoch; null: none waits). */
  async nextDue(): Promise<number | null> {
    const [row] = (await this.dataSource.query(
      `SELECT extract(epoch FROM min("nextAt")) * 1000 AS at FROM invitation_emails
        WHERE status IN ('pending', 'sending')`,
    )) as { at: string | null }[];
    return row?.at == null ? null : Math.ceil(Number(row.at));
  }

  /** As NotificationsRepository.claimEmails: due rows, leased, attempt counted, SKIP LOCKED. */
  async claim(leaseSeconds: number, limit: number): Promise<InvitationEmailEntity[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE invitation_emails SET status = 'sending', attempts = attempts + 1,
              "nextAt" = now() + make_interval(secs => $1)
        WHERE "invitationId" IN (SELECT "invitationId" FROM invitation_emails
                      WHERE status IN ('pending', 'sending') AND "nextAt" <= now()
                      ORDER BY "nextAt" LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [leaseSeconds, limit],
    )) as [InvitationEmailEntity[], number];
    return rows;
  }

  /** Ends a claimed row as sent, failed or skipped (no-op unless it is still `sending`). */
  async finish(invitationId: string, status: 'sent' | 'failed' | 'skipped'): Promise<void> {
    await this.dataSource.query(
      `UPDATE invitation_emails SET status = $2::varchar, "nextAt" = NULL,
              "sentAt" = CASE WHEN $2::varchar = 'sent' THEN now() END
        WHERE "invitationId" = $1 AND status = 'sending'`,
      [invitationId, status],
    );
  }

  /** Puts a claimed row back, due in `delaySeconds`. */
  async retryIn(invitationId: string, delaySeconds: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE invitation_emails SET status = 'pending', "nextAt" = now() + make_interval(secs => $2)
        WHERE "invitationId" = $1 AND status = 'sending'`,
      [invitationId, delaySeconds],
    );
  }
}
