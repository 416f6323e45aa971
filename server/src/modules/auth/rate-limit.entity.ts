import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One counted attempt (sliding-window log), shared by every instance through the database. */
@Entity('rate_limit_hits')
@Index(['key', 'at'])
export class RateLimitHitEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column('varchar', { length: 300 })
  key: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
