import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * rate-limiter-flexible's PostgreSQL store (its own layout, created by our migrations): one row
 * per key with the points used in the current window; rows expired over an hour are purged
 * every five minutes by the library.
 */
@Entity('rate_limits')
export class RateLimitEntity {
  @PrimaryColumn('varchar', { length: 255 })
  key: string;

  @Column('integer', { default: 0 })
  points: number;

  @Column('bigint', { nullable: true })
  expire: string | null;
}
