import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationKind } from '@coalesce/shared';

/** Where a notification's email stands (null: no email for it). */
export type EmailStatus = 'pending' | 'sending' | 'sent' | 'failed';

/**
 * One notification of one user. Derivation is idempotent: at most one row per user, event and
 * kind. A row with an email to send is also the email outbox entry (`emailStatus`).
 */
@Entity('notifications')
@Index('notifications_user_event_kind', ['userId', 'eventId', 'kind'], { unique: true })
@Index('notifications_user_created', ['userId', 'createdAt', 'id'])
@Index('notifications_user_unread', ['userId'], { where: `"readAt" IS NULL AND "inApp"` })
@Index('notifications_email_due', ['emailNextAt'], {
  where: `"emailStatus" IN ('pending', 'sending')`,
})
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @Column('uuid')
  workspaceId: string;

  @Column('varchar', { length: 40 })
  kind: NotificationKind;

  @Column('varchar', { length: 50 })
  subjectType: string;

  @Column('uuid', { nullable: true })
  subjectId: string | null;

  /** The activity event it was derived from; null for reminders (deduplicated elsewhere). */
  @Column('uuid', { nullable: true })
  eventId: string | null;

  @Column('jsonb', { default: () => "'{}'" })
  payload: Record<string, unknown>;

  /** False when the user turned this kind off in-app but still wants its email. */
  @Column('boolean', { default: true })
  inApp: boolean;

  @Column('timestamptz', { nullable: true })
  readAt: Date | null;

  /** Millisecond precision: it is a pagination key. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column('varchar', { length: 10, nullable: true })
  emailStatus: EmailStatus | null;

  @Column('int', { default: 0 })
  emailAttempts: number;

  /** When the outbox may (re)try: after a backoff, or when a sender's lease ran out. */
  @Column('timestamptz', { nullable: true })
  emailNextAt: Date | null;

  @Column('timestamptz', { nullable: true })
  emailedAt: Date | null;
}
