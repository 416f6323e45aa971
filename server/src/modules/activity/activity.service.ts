import { Injectable } from '@nestjs/common';
import {
  type ActivityEventDto,
  type ActivityEventType,
  type ActivityQuery,
  type Page,
} from '@coalesce/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { EventBus } from '../../common/events/event-bus';
import { mapPage } from '../../common/pagination/cursor';
import type { ActivityEventEntity } from './activity.entity';
import { ActivityRepository, type ReplayRow } from './activity.repository';
import { clock } from '../../common/clock/clock';

/** What a service records about a change it makes. */
export interface RecordEventInput {
  workspaceId: string;
  type: ActivityEventType;
  actorId: string | null;
  subjectType: string;
  subjectId?: string | null;
  payload?: Record<string, unknown>;
  /** Partners involved (subject and payload), for the `?partnerId=` filter. */
  partnerIds?: (string | null | undefined)[];
}

export function toActivityEventDto(e: ActivityEventEntity): ActivityEventDto {
  return {
    id: e.id,
    seq: Number(e.seq),
    workspaceId: e.workspaceId,
    type: e.type,
    actorId: e.actorId,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    partnerIds: e.partnerIds,
    payload: e.payload,
    createdAt: e.createdAt.toISOString(),
  };
}

@Injectable()
export class ActivityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly repository: ActivityRepository,
  ) {}

  /**
   * Appends an event IN THE CALLER'S TRANSACTION (pass its manager): the event exists exactly
   * when the change does. After commit it is published as `activity.recorded` (socket.io push,
   * notifications…); a rollback publishes nothing.
   */
  async record(manager: EntityManager, input: RecordEventInput): Promise<ActivityEventDto> {
    const partnerIds = [...new Set(input.partnerIds?.filter((p): p is string => !!p) ?? [])];
    const dto = toActivityEventDto(
      await this.repository.append(manager, {
        workspaceId: input.workspaceId,
        type: input.type,
        actorId: input.actorId,
        subjectType: input.subjectType,
        subjectId: input.subjectId ?? null,
        payload: input.payload ?? {},
        partnerIds,
        createdAt: clock.simulated(),
      }),
    );
    this.bus.emitAfterCommit(manager, 'activity.recorded', dto);
    return dto;
  }

  /** The highest seq of a workspace's log (0 when empty): an export's snapshot bound. */
  async lastSeq(workspaceId: string): Promise<number> {
    return this.repository.maxSeq(workspaceId);
  }

  /**
   * Events of every workspace after `afterSeq`, oldest first, at most `limit` (one range read of
   * the seq index): what a consumer that follows the whole log (notification catch-up) reads.
   * A seq missing between two returned events is a transaction still open or rolled back.
   */
  async eventsAfter(afterSeq: number, limit: number): Promise<ActivityEventDto[]> {
    return (await this.repository.after(afterSeq, limit)).map(toActivityEventDto);
  }

  /** The highest seq committed in any workspace (0 when the log is empty). */
  async maxSeq(): Promise<number> {
    return this.repository.maxSeq();
  }

  /**
   * Every event of a workspace up to `untilSeq`, oldest first, read in keyset batches so a
   * log of any size streams in bounded memory (each batch is one indexed range query).
   */
  async *streamAll(
    workspaceId: string,
    opts: { untilSeq: number; batchSize?: number },
  ): AsyncGenerator<ActivityEventDto[]> {
    const batchSize = opts.batchSize ?? 1000;
    let after = '0';
    for (;;) {
      const rows = await this.repository.range(workspaceId, after, opts.untilSeq, batchSize);
      if (!rows.length) return;
      yield rows.map(toActivityEventDto);
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1]!.seq;
    }
  }

  /**
   * Events of some types about one subject, oldest first (e.g. who proposed, who voted). Inside
   * a transaction pass its manager (the embedded database runs one transaction at a time).
   */
  async eventsAbout(
    workspaceId: string,
    subjectId: string,
    types: ActivityEventType[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ActivityEventDto[]> {
    const rows = await this.repository.about(manager, workspaceId, subjectId, types);
    return rows.map(toActivityEventDto);
  }

  /**
   * The newest event of `type` about each of `subjectIds` (one indexed query per call), e.g.
   * the `partner.added` that made each partner active. Subjects without one are absent.
   */
  async latestAbout(
    workspaceId: string,
    subjectIds: readonly string[],
    type: ActivityEventType,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, ActivityEventDto>> {
    if (!subjectIds.length) return new Map();
    const rows = await this.repository.latestAbout(manager, workspaceId, subjectIds, type);
    return new Map(rows.map((r) => [r.subjectId!, toActivityEventDto(r)]));
  }

  /**
   * A version of the workspace's log that changes whenever an event of it commits: the last seq
   * and the number of events (a transaction that took a lower seq but committed later still
   * changes the count), optionally over some `types` only. Views derived from those events may
   * be cached under it.
   */
  async logVersion(workspaceId: string, types?: readonly string[]): Promise<string> {
    const row = await this.repository.version(workspaceId, types);
    return `${row?.last ?? 0}:${row?.count ?? 0}`;
  }

  /**
   * The events of `types` (up to `until` when given), oldest first, with only the fields a
   * replay needs (`payloadKeys`: only those keys of the payload). One query.
   */
  async replay(
    workspaceId: string,
    opts: {
      types: readonly string[];
      /** Only events created at or before; all when left out. */
      until?: Date;
      payloadKeys?: readonly string[];
    },
  ): Promise<ReplayRow[]> {
    return this.repository.replay(workspaceId, opts);
  }

  /**
   * Newest first by seq; `type` is an exact type or a prefix (`member` → `member.*`); `kind` a
   * feed group (`decisions` → proposal/vote/advice/policy/partner events, see shared).
   */
  async list(workspaceId: string, q: ActivityQuery): Promise<Page<ActivityEventDto>> {
    return mapPage(await this.repository.page(workspaceId, q), toActivityEventDto);
  }
}
