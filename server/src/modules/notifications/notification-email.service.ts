import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import type { Locale } from '@coalesce/shared';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { logger, requestContext } from '../../common/logging/logger';
import { InvitationsService } from '../invitations/invitations.service';
import { PartnersService } from '../partners/partners.service';
import { UsersService } from '../users/users.service';
import { InvitationEmailsRepository } from './invitation-emails.repository';
import { renderInvitationEmail, renderNotificationEmail } from './notification-email.util';
import type { NotificationEntity } from './notifications.entity';
import { NotificationsRepository } from './notifications.repository';
import { emailBackoffMs } from './notifications.util';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per notification (`<id@coalesce>`), so a repeated delivery can be recognised. */
  messageId: string;
}

/** A way to send one email. The SMTP one is used when SMTP_URL is set; tests may pass their own. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void | Promise<void>;
}
/** `Mailer | null`: null (no SMTP_URL) turns the email channel off. */
export const MAILER = Symbol('MAILER');

/** Sends through the SMTP server of `SMTP_URL` (smtp:// or smtps://, credentials in the URL). */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;
  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(url);
  }
  async send(m: MailMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: m.to,
      subject: m.subject,
      text: m.text,
      messageId: m.messageId,
    });
  }
  close(): void {
    this.transport.close();
  }
}

export const mailerFromConfig = (config: AppConfig): Mailer | null =>
  config.mail.smtpUrl ? new SmtpMailer(config.mail.smtpUrl, config.mail.from) : null;

/** Retry policy of the email outbox. */
export interface EmailRetryOptions {
  maxAttempts: number;
  /** Backoff after the first failure; ×4 after each further one. */
  baseBackoffMs: number;
  /** A claimed email whose sender died is retried after this. */
  leaseMs: number;
  sendTimeoutMs: number;
}
export const DEFAULT_EMAIL_RETRY: EmailRetryOptions = {
  maxAttempts: 5,
  baseBackoffMs: 2_000,
  leaseMs: 120_000,
  sendTimeoutMs: 30_000,
};

const BATCH = 20;

/**
 * The email channel. Notifications with `emailStatus = 'pending'` are its outbox, written in the
 * same transaction as the notification; this sender claims them (FOR UPDATE SKIP LOCKED, so
 * instances never send one twice at a time), sends, and records `sent`, or schedules a retry
 * with backoff, up to `maxAttempts` (then `failed`, logged). It runs after commit and on a
 * timer, never in a request: a slow or broken SMTP server never delays or fails an API call.
 * Delivery is at least once: a sender that dies between sending and recording sends again
 * after its lease (with the same Message-ID).
 */
@Injectable()
export class NotificationEmailService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  retry: EmailRetryOptions = DEFAULT_EMAIL_RETRY;

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly users: UsersService,
    private readonly invitationEmails: InvitationEmailsRepository,
    private readonly invitations: InvitationsService,
    private readonly partners: PartnersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(MAILER) private readonly mailer: Mailer | null,
  ) {}

  get enabled(): boolean {
    return !!this.mailer;
  }

  onApplicationBootstrap(): void {
    if (!this.mailer) return;
    // Retries and leftovers of a previous run (or another instance) are picked up at start,
    // then when the next one falls due (see `later`).
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.mailer?.close();
  }

  /** Sends what is due, now; calls while a run is going coalesce into one more run. */
  kick(): void {
    if (!this.mailer || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    // The outbox run sends everyone's due emails: its lines belong to no request.
    this.running = requestContext
      .detached(async () => {
        await this.flush();
        if (!this.again) await this.later();
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'email outbox');
        this.wakeAt(Date.now());
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /**
   * Sleeps until the outbox's next email falls due (a retry's backoff, a lease that runs out):
   * not on a fixed beat, so an idle server does not query the outbox every second. No sooner
   * than DEADLINE_POLL_MS (at least 250 ms), no later than SWEEP_IDLE_MS (what another instance
   * queues is usually kicked there; this catches what it left when it crashed).
   */
  private async later(): Promise<void> {
    const [notifications, invitations] = await Promise.all([
      this.repository.nextEmailDue(),
      this.invitationEmails.nextDue(),
    ]);
    const due = Math.min(notifications ?? Infinity, invitations ?? Infinity);
    this.wakeAt(due);
  }

  private wakeAt(due: number): void {
    if (this.stopped) return;
    const now = Date.now();
    const { deadlinePollMs, sweepIdleMs } = this.config.scheduler;
    const at = Math.min(Math.max(due, now + Math.max(250, deadlinePollMs)), now + sweepIdleMs);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), at - now);
    this.timer.unref();
  }

  /** Resolves when no run is going (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async flush(): Promise<void> {
    await this.flushNotifications();
    await this.flushInvitations();
  }

  /** Emails to invited addresses without an account (see InvitationEmailEntity). */
  private async flushInvitations(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const batch = await this.invitationEmails.claim(this.retry.leaseMs / 1000, BATCH);
      if (!batch.length) return;
      await Promise.all(
        batch.map(async (row) => {
          const inv = await this.invitations.pendingEmailOf(row.invitationId);
          if (!inv) return this.invitationEmails.finish(row.invitationId, 'skipped');
          try {
            const partnerName = inv.partnerId
              ? (await this.partners.findInWorkspace(inv.workspaceId, [inv.partnerId]))[0]?.name
              : undefined;
            const { subject, text } = renderInvitationEmail(
              { ...inv, partnerName },
              this.config.http.publicUrl,
            );
            await this.timed(
              this.mailer!.send({
                to: inv.email,
                subject,
                text,
                messageId: `<invitation-${row.invitationId}@coalesce>`,
              }),
            );
            await this.invitationEmails.finish(row.invitationId, 'sent');
          } catch (err) {
            const error = err instanceof Error ? err.message : String(err);
            if (row.attempts >= this.retry.maxAttempts) {
              logger.error(
                { invitationId: row.invitationId, attempts: row.attempts, error },
                'invitation email failed; giving up',
              );
              return this.invitationEmails.finish(row.invitationId, 'failed');
            }
            const delay = emailBackoffMs(row.attempts, this.retry.baseBackoffMs);
            logger.warn(
              { invitationId: row.invitationId, attempts: row.attempts, retryInMs: delay, error },
              'invitation email failed; will retry',
            );
            await this.invitationEmails.retryIn(row.invitationId, delay / 1000);
          }
        }),
      );
    }
  }

  private async flushNotifications(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const batch = await this.claim();
      if (!batch.length) return;
      const users = await this.users.findByIds(batch.map((n) => n.userId));
      await Promise.all(
        batch.map(async (n) => {
          const user = users.get(n.userId);
          if (!user) return this.finish(n, 'failed', 'user no longer exists');
          try {
            await this.send(n, user.email, user.locale);
            await this.finish(n, 'sent');
          } catch (err) {
            await this.finish(n, 'retry', err instanceof Error ? err.message : String(err));
          }
        }),
      );
    }
  }

  private claim(): Promise<NotificationEntity[]> {
    return this.repository.claimEmails(this.retry.leaseMs / 1000, BATCH);
  }

  private async send(n: NotificationEntity, to: string, locale: Locale): Promise<void> {
    const { subject, text } = renderNotificationEmail(n, locale, this.config.http.publicUrl);
    await this.timed(this.mailer!.send({ to, subject, text, messageId: `<${n.id}@coalesce>` }));
  }

  /** A send that gives up after `sendTimeoutMs` (a hung SMTP server must not hold the outbox). */
  private async timed(sending: Promise<void>): Promise<void> {
    let timeout: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        sending,
        new Promise((_, reject) => {
          timeout = setTimeout(
            () => reject(new Error('SMTP send timed out')),
            this.retry.sendTimeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timeout);
    }
  }

  private async finish(
    n: NotificationEntity,
    outcome: 'sent' | 'retry' | 'failed',
    error?: string,
  ): Promise<void> {
    if (outcome === 'sent') {
      await this.repository.emailSent(n.id);
      return;
    }
    const giveUp = outcome === 'failed' || n.emailAttempts >= this.retry.maxAttempts;
    if (giveUp) {
      logger.error(
        { notificationId: n.id, attempts: n.emailAttempts, error },
        'notification email failed; giving up',
      );
      await this.repository.emailFailed(n.id);
      return;
    }
    const delay = emailBackoffMs(n.emailAttempts, this.retry.baseBackoffMs);
    logger.warn(
      { notificationId: n.id, attempts: n.emailAttempts, retryInMs: delay, error },
      'notification email failed; will retry',
    );
    await this.repository.emailRetryIn(n.id, delay / 1000);
  }
}
