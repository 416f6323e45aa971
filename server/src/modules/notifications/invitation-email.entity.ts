import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EmailStatus } from './notifications.entity';

/**
 * The email to the address of an email-bound invitation nobody has an account for yet (one per
 * invitation): the outbox entry, sent like notification emails. An existing account gets the
 * `invited` notification (and its email) instead. `skipped`: the invitation was answered,
 * revoked or expired before it went out.
 */
@Entity('invitation_emails')
@Index('invitation_emails_due', ['nextAt'], { where: `"status" IN ('pending', 'sending')` })
export class InvitationEmailEntity {
  @PrimaryColumn('uuid')
  invitationId: string;

  @Column('uuid')
  workspaceId: string;

  @Column('varchar', { length: 10, default: 'pending' })
  status: EmailStatus | 'skipped';

  @Column('int', { default: 0 })
  attempts: number;

  @Column('timestamptz', { nullable: true, default: () => 'now()' })
  nextAt: Date | null;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
