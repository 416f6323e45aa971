import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The catch-up mark of notification derivation (one row, id 1). Every event with
 * `seq <= seq` has been derived (or needs nothing); above it, `notification_derivations` says
 * which events are done. A hole in the log's seqs is an open transaction or a rolled-back one:
 * holes at or below `safeSeq` are final (they were holes `NOTIFICATION_SETTLE_MS` ago), higher
 * ones hold the mark until they fill or settle. `markSeq`/`markAt`: the highest seq when the
 * current settling period began. `seenSeq`: the highest seq at the previous catch-up, which
 * derives only events at or below it, leaving fresh ones to the after-commit fast path.
 */
@Entity('notification_cursor')
export class NotificationCursorEntity {
  @PrimaryColumn('smallint')
  id: number;

  @Column('bigint', { default: 0 })
  seq: string;

  @Column('bigint', { default: 0 })
  seenSeq: string;

  @Column('bigint', { default: 0 })
  safeSeq: string;

  @Column('bigint', { default: 0 })
  markSeq: string;

  @Column('timestamptz', { default: () => 'now()' })
  markAt: Date;
}

/**
 * An event above the mark whose notifications exist: inserted in the same transaction as
 * them, so an event is derived exactly once whichever instance or path (after-commit or
 * catch-up) gets there first. Rows at or below the mark are deleted as it advances.
 */
@Entity('notification_derivations')
export class NotificationDerivationEntity {
  @PrimaryColumn('bigint')
  seq: string;
}
