import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ActivityEventType } from '@coalesce/shared';

/**
 * The append-only event log. Rows are only ever inserted, in the same transaction as the
 * change they describe; `seq` orders them globally.
 */
@Entity('activity_events')
@Index(['workspaceId', 'seq'])
// Views cached under the version of some event types (the network's `logVersion`) count and
// take the max seq of those types on every request: an index-only scan instead of the log.
@Index(['workspaceId', 'type', 'seq'])
// Notifications look up a subject's history (who proposed, who voted).
@Index(['workspaceId', 'subjectId'])
// GIN index on partnerIds, created by hand in the migration (TypeORM cannot describe it).
@Index('activity_events_partner_ids', { synchronize: false })
export class ActivityEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' })
  seq: string;

  @Column('uuid')
  workspaceId: string;

  @Column('varchar', { length: 100 })
  type: ActivityEventType;

  @Column('uuid', { nullable: true })
  actorId: string | null;

  @Column('varchar', { length: 50 })
  subjectType: string;

  @Column('uuid', { nullable: true })
  subjectId: string | null;

  /** Partners the event involves, for `?partnerId=`. */
  @Column('uuid', { array: true, default: () => "'{}'" })
  partnerIds: string[];

  @Column('jsonb', { default: () => "'{}'" })
  payload: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
