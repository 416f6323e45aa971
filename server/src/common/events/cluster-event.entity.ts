import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A CLUSTER_EVENT (a revocation) as published, kept for a few minutes: the PostgreSQL path beside
 * Redis. Every instance reads the recent ones every second, so an event Redis lost on its way to
 * one instance (that instance's subscription still up, the publisher's connection down or
 * partitioned) still arrives. See RedisEventRelay.
 */
@Entity('cluster_events')
@Index('cluster_events_at', ['at'])
export class ClusterEventEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('varchar', { length: 64 })
  name!: string;

  @Column('jsonb')
  payload!: unknown;

  /** The publishing instance (it delivered the event to itself already). */
  @Column('uuid')
  origin!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
