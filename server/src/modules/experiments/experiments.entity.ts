import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Barrier, ExperimentStatus } from '@coalesce/shared';

/** An experiment (pilot, offer for citizens) that partners of a workspace run together. */
@Entity('experiments')
@Index(['workspaceId', 'createdAt', 'id'])
// GIN index on partnerIds (`?partnerId=`), created by hand in the migration.
@Index('experiments_partner_ids', { synchronize: false })
export class ExperimentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  workspaceId: string;

  @Column('varchar', { length: 200 })
  title: string;

  @Column('text', { default: '' })
  hypothesis: string;

  @Column('text', { default: '' })
  description: string;

  @Column('varchar', { length: 20 })
  status: ExperimentStatus;

  /** One of `partnerIds` (checked by the service). */
  @Column('uuid', { nullable: true })
  leadPartnerId: string | null;

  @Column('uuid', { array: true, default: () => "'{}'" })
  partnerIds: string[];

  @Column('varchar', { length: 200, array: true, default: () => "'{}'" })
  targetGroups: string[];

  @Column('varchar', { length: 20, array: true, default: () => "'{}'" })
  barriers: Barrier[];

  @Column('uuid', { array: true, default: () => "'{}'" })
  principleIds: string[];

  @Column('varchar', { length: 200, array: true, default: () => "'{}'" })
  neededExpertise: string[];

  /** `YYYY-MM-DD` (a calendar day, no time zone). */
  @Column('date', { nullable: true })
  startDate: string | null;

  @Column('date', { nullable: true })
  endDate: string | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  /** Millisecond precision: it is a pagination key. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** The last change of any kind (a learning included): drives the network's `activeShare`. */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  statusChangedAt: Date;
}

/** What was learned, with evidence; append-only. */
@Entity('experiment_learnings')
@Index(['experimentId', 'createdAt'])
export class ExperimentLearningEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  workspaceId: string;

  @Column('uuid')
  experimentId: string;

  @Column('text')
  text: string;

  @Column('varchar', { length: 2000, nullable: true })
  evidenceUrl: string | null;

  @Column('uuid')
  authorId: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
