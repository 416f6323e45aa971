import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A vote reminder that was sent: one per (proposal, electorate partner), ever. Inserted with
 * ON CONFLICT DO NOTHING in the same transaction as its notifications, so a reminder goes out
 * exactly once across restarts and instances.
 */
@Entity('vote_reminders')
export class VoteReminderEntity {
  @PrimaryColumn('uuid')
  proposalId: string;

  @PrimaryColumn('uuid')
  partnerId: string;

  @Column('uuid')
  workspaceId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  sentAt: Date;
}
