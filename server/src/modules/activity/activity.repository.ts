import { Injectable } from '@nestjs/common';
import type { ActivityEventType } from '@coalesce/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { ActivityEventEntity } from './activity.entity';

/** A row of `activity_events` as `query()` returns it (timestamps may arrive as text). */
type EventRow = ActivityEventEntity & { createdAt: Date | string };

const toEntity = (r: EventRow): ActivityEventEntity => ({ ...r, createdAt: new Date(r.createdAt) });

/** What `append` writes: the event's fields, partners deduplicated by the caller. */
export interface AppendEventRow {
  workspaceId: string;
  type: ActivityEventType;
  actorId: string | null;
  subjectType: string;
  subjectId: string | null;
  payload: Record<string, unknown>;
  partnerIds: string[];
  /** Null: the database's now(). */
  createdAt: Date | null;
}

/** The activity module's raw SQL (table `activity_events`). */
@Injectable()
export class ActivityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends one event in the caller's transaction. Plain SQL: this runs inside every write's
   * transaction (votes included), where the query builder's per-call metadata work was a
   * measurable share of the cost.
   */
  async append(manager: EntityManager, e: AppendEventRow): Promise<ActivityEventEntity> {
    const [raw] = (await manager.query(
      `INSERT INTO activity_events
         ("workspaceId", type, "actorId", "subjectType", "subjectId", payload, "partnerIds", "createdAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE($8::timestamptz, now()))
       RETURNING *`,
      [
        e.workspaceId,
        e.type,
        e.actorId,
        e.subjectType,
        e.subjectId,
        JSON.stringify(e.payload),
        e.partnerIds,
        e.createdAt,
      ],
    )) as EventRow[];
    if (!raw) throw new Error('activity insert returned no row');
    return toEntity(raw);
  }

  /** The highest seq of one workspace's log, or of every workspace's; 0 when empty. */
  async maxSeq(workspaceId?: string): Promise<number> {
    const [row] = (await (workspaceId === undefined
      ? this.dataSource.query('SELECT coalesce(max(seq), 0) AS seq FROM activity_events')
      : this.dataSource.query(
          'SELECT coalesce(max(seq), 0) AS seq FROM activity_events WHERE "workspaceId" = $1',
          [workspaceId],
        ))) as { seq: string }[];
    return Number(row?.seq ?? 0);
  }

  /** Events of every workspace after `afterSeq`, oldest first, at most `limit`. */
  async after(afterSeq: number, limit: number): Promise<ActivityEventEntity[]> {
    const rows = (await this.dataSource.query(
      'SELECT * FROM activity_events WHERE seq > $1 ORDER BY seq ASC LIMIT $2',
      [afterSeq, limit],
    )) as EventRow[];
    return rows.map(toEntity);
  }

  /** The newest event of `type` about each of `subjectIds`. */
  async latestAbout(
    manager: EntityManager,
    workspaceId: string,
    subjectIds: readonly string[],
    type: ActivityEventType,
  ): Promise<ActivityEventEntity[]> {
    const rows = (await manager.query(
      `SELECT DISTINCT ON ("subjectId") * FROM activity_events
        WHERE "workspaceId" = $1 AND "subjectId" = ANY($2) AND type = $3
        ORDER BY "subjectId", seq DESC`,
      [workspaceId, [...new Set(subjectIds)], type],
    )) as EventRow[];
    return rows.map(toEntity);
  }

  /** The last seq and the number of events of a workspace, optionally of some types only. */
  async version(
    workspaceId: string,
    types?: readonly string[],
  ): Promise<{ last: string | null; count: string } | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT max("seq")::text AS "last", count(*)::text AS "count"
         FROM "activity_events"
        WHERE "workspaceId" = $1 ${types ? 'AND "type" = ANY($2)' : ''}`,
      types ? [workspaceId, types] : [workspaceId],
    )) as { last: string | null; count: string }[];
    return row;
  }
}
