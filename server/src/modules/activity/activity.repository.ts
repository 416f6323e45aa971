import { Injectable } from '@nestjs/common';
import {
  ACTIVITY_EVENT_TYPES,
  ACTIVITY_KIND_PREFIXES,
  type ActivityEventType,
  type ActivityQuery,
  type Page,
} from '@coalesce/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { keysetPage } from '../../common/pagination/cursor';
import { ActivityEventEntity } from './activity.entity';

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

/** An event as a replay reads it (see `ActivityRepository.replay`). */
export interface ReplayRow {
  seq: number;
  type: string;
  subjectId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** The activity module's SQL and query builders (table `activity_events`). */
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

  /** A workspace's events with `after < seq <= until`, oldest first, at most `limit`. */
  range(
    workspaceId: string,
    after: string,
    until: number,
    limit: number,
  ): Promise<ActivityEventEntity[]> {
    return this.dataSource
      .getRepository(ActivityEventEntity)
      .createQueryBuilder('e')
      .where('e.workspaceId = :workspaceId', { workspaceId })
      .andWhere('e.seq > :after AND e.seq <= :until', { after, until })
      .orderBy('e.seq', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Events of some types about one subject, oldest first (at most 10,000). */
  about(
    manager: EntityManager,
    workspaceId: string,
    subjectId: string,
    types: ActivityEventType[],
  ): Promise<ActivityEventEntity[]> {
    return manager
      .getRepository(ActivityEventEntity)
      .createQueryBuilder('e')
      .where('e.workspaceId = :workspaceId AND e.subjectId = :subjectId', {
        workspaceId,
        subjectId,
      })
      .andWhere('e.type = ANY(:types)', { types })
      .orderBy('e.seq', 'ASC')
      .limit(10_000)
      .getMany();
  }

  /**
   * The events of `types` (up to `until` when given), oldest first, with only the fields a
   * replay needs (`payloadKeys`: only those keys of the payload). One query.
   */
  async replay(
    workspaceId: string,
    opts: { types: readonly string[]; until?: Date; payloadKeys?: readonly string[] },
  ): Promise<ReplayRow[]> {
    const qb = this.dataSource
      .getRepository(ActivityEventEntity)
      .createQueryBuilder('e')
      .select(['e.seq AS seq', 'e.type AS type', 'e.subjectId AS "subjectId"'])
      .addSelect(
        opts.payloadKeys
          ? `jsonb_strip_nulls(jsonb_build_object(${opts.payloadKeys
              .map((_, i) => `:key${i}::text, e.payload -> :key${i}::text`)
              .join(', ')}))`
          : 'e.payload',
        'payload',
      )
      .addSelect('e.createdAt', 'createdAt')
      .setParameters(Object.fromEntries((opts.payloadKeys ?? []).map((k, i) => [`key${i}`, k])))
      .where('e.workspaceId = :workspaceId', { workspaceId })
      .andWhere('e.type IN (:...types)', { types: [...opts.types] });
    if (opts.until) qb.andWhere('e.createdAt <= :until', { until: opts.until });
    const rows: (Omit<ReplayRow, 'seq'> & { seq: string })[] = await qb
      .orderBy('e.seq', 'ASC')
      .getRawMany();
    return rows.map((r) => ({ ...r, seq: Number(r.seq), createdAt: new Date(r.createdAt) }));
  }

  /**
   * A page of the workspace's log, newest first by seq; `type` is an exact type or a prefix
   * (`member` → `member.*`); `kind` a feed group (see shared `ACTIVITY_KIND_PREFIXES`).
   */
  page(workspaceId: string, q: ActivityQuery): Promise<Page<ActivityEventEntity>> {
    const qb = this.dataSource
      .getRepository(ActivityEventEntity)
      .createQueryBuilder('e')
      .where('e.workspaceId = :workspaceId', { workspaceId });
    if (q.type) {
      if ((ACTIVITY_EVENT_TYPES as readonly string[]).includes(q.type)) {
        qb.andWhere('e.type = :type', { type: q.type });
      } else {
        qb.andWhere('e.type LIKE :prefix', { prefix: `${q.type}.%` });
      }
    }
    if (q.kind) {
      qb.andWhere(`split_part(e.type, '.', 1) = ANY(:kindPrefixes)`, {
        kindPrefixes: [...ACTIVITY_KIND_PREFIXES[q.kind]],
      });
    }
    if (q.partnerId) qb.andWhere(':partnerId = ANY(e.partnerIds)', { partnerId: q.partnerId });
    return keysetPage(qb, {
      keys: [{ column: 'e.seq', kind: 'int', value: (e) => String(e.seq) }],
      direction: 'DESC',
      limit: q.limit,
      cursor: q.cursor,
    });
  }
}
