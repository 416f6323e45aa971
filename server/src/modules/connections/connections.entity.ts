import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ConnectionStatus } from '@coalesce/shared';

/** Name of the unique index that allows one open or accepted connection per unordered pair. */
export const OPEN_PAIR_INDEX = 'connections_open_pair';

/** A broker's proposal to tie two partners; each side answers once. */
@Entity('connections')
@Index(['workspaceId', 'createdAt', 'id'])
// Unique on (workspaceId, least(from, to), greatest(from, to)) WHERE status IN ('proposed',
// 'accepted'), created by hand in the migration (TypeORM cannot describe an expression index).
@Index(OPEN_PAIR_INDEX, { synchronize: false })
// The expiry sweeper looks for the oldest open ones.
@Index('connections_open_by_created', ['createdAt'], { where: `"status" = 'proposed'` })
export class ConnectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  workspaceId: string;

  @Column('uuid')
  fromPartnerId: string;

  @Column('uuid')
  toPartnerId: string;

  /** The broker's own words ('' when the connection was proposed from a suggestion alone). */
  @Column('text')
  reason: string;

  /**
   * A generated reason (a broker suggestion's code, e.g. `shared_target_group`) that each reader
   * sees phrased in their language; null when the broker wrote the reason.
   */
  @Column('varchar', { length: 60, nullable: true })
  reasonCode: string | null;

  @Column('jsonb', { nullable: true })
  reasonParams: Record<string, unknown> | null;

  @Column('varchar', { length: 20 })
  status: ConnectionStatus;

  /** The broker (user) who proposed it. */
  @Column('uuid')
  proposedBy: string;

  /** Millisecond precision: it is a pagination key. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  /** When it became accepted, declined or expired. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;
}

/** Name of the unique index that allows one answer per side. */
export const ONE_RESPONSE_PER_SIDE_INDEX = 'connection_responses_side';

/** One side's answer; at most one per side (unique). */
@Entity('connection_responses')
@Index(ONE_RESPONSE_PER_SIDE_INDEX, ['connectionId', 'partnerId'], { unique: true })
export class ConnectionResponseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  workspaceId: string;

  @Column('uuid')
  connectionId: string;

  /** The side that answered (fromPartnerId or toPartnerId). */
  @Column('uuid')
  partnerId: string;

  @Column('boolean')
  accept: boolean;

  @Column('text', { nullable: true })
  note: string | null;

  /** The representative (user) who answered for the side, or the coordinator on its behalf. */
  @Column('uuid')
  respondedBy: string;

  /** A coordinator answered for a side that had no representative. */
  @Column('boolean', { default: false })
  onBehalf: boolean;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  respondedAt: Date;
}
