import type { AcceptedIntroduction } from './connections.repository';
import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  type ConnectionDto,
  type ConnectionListQuery,
  type ConnectionResponseDto,
  type Page,
  type ProposeConnection,
  type RespondConnection,
} from '@coalesce/shared';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Membership } from '../../common/auth/auth.types';
import { DomainError, forbidden, invalid } from '../../common/errors/domain-error';
import { creationKeys, keysetPage } from '../../common/pagination/cursor';
import { ActivityService } from '../activity/activity.service';
import { PartnersService } from '../partners/partners.service';
import {
  ConnectionEntity,
  ConnectionResponseEntity,
  ONE_RESPONSE_PER_SIDE_INDEX,
  OPEN_PAIR_INDEX,
} from './connections.entity';
import {
  canProposeConnections,
  answeringSide,
  connectionStatusAfter,
  mayRespondAtAll,
  PROPOSE_DENIED,
} from './connections.policy';
import { type ConnectionPair, ConnectionsRepository } from './connections.repository';
import { MembersService } from '../members/members.service';
import { findInWorkspace } from '../../common/database/workspace-row';
import { clock } from '../../common/clock/clock';
import { isUniqueViolation } from '../../common/database/unique-violation.util';

function toResponseDto(r: ConnectionResponseEntity): ConnectionResponseDto {
  return {
    partnerId: r.partnerId,
    accept: r.accept,
    note: r.note,
    respondedBy: r.respondedBy,
    respondedAt: r.respondedAt.toISOString(),
    onBehalf: r.onBehalf,
  };
}

function toConnectionDto(c: ConnectionEntity, responses: ConnectionResponseDto[]): ConnectionDto {
  return {
    id: c.id,
    workspaceId: c.workspaceId,
    fromPartnerId: c.fromPartnerId,
    toPartnerId: c.toPartnerId,
    reason: c.reason,
    reasonCode: c.reasonCode,
    reasonParams: c.reasonParams,
    status: c.status,
    responses,
    proposedBy: c.proposedBy,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
  };
}

const mayNotRespond = () =>
  forbidden('Only a representative of one of the two partners can respond');

const duplicatePair = () =>
  new DomainError(ErrorCode.CONFLICT, 'These partners already have an open or accepted connection');

@Injectable()
export class ConnectionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ConnectionsRepository,
    private readonly activity: ActivityService,
    private readonly partners: PartnersService,
    private readonly members: MembersService,
  ) {}

  // ---- helpers for other modules -------------------------------------------------------------

  /**
   * The pairs of the workspace's connections (optionally only accepted ones; suggestions want
   * every status, to leave settled pairs alone), in one lean query, in no particular order.
   */
  async pairs(
    workspaceId: string,
    opts: { acceptedOnly?: boolean } = {},
  ): Promise<ConnectionPair[]> {
    return this.repository.pairs(workspaceId, opts.acceptedOnly ?? false);
  }

  /** Accepted connections: who introduced whom, and when both said yes (participation). */
  async acceptedIntroductions(workspaceId: string): Promise<AcceptedIntroduction[]> {
    return this.repository.introductions(workspaceId);
  }

  // ---- endpoints -----------------------------------------------------------------------------

  /**
   * Brokers only (403, checked by the guard and here); both partners active in this workspace
   * (400 naming the field); an open or accepted connection for the pair → 409 (also under a
   * race: the partial unique index decides).
   */
  async propose(me: Membership, input: ProposeConnection): Promise<ConnectionDto> {
    if (!canProposeConnections(me)) throw forbidden(PROPOSE_DENIED);
    const fromPartnerId = input.fromPartnerId.toLowerCase();
    const toPartnerId = input.toPartnerId.toLowerCase();
    let id: string;
    try {
      id = await this.dataSource.transaction(async (manager) => {
        const names: string[] = [];
        for (const [field, pid] of [
          ['fromPartnerId', fromPartnerId],
          ['toPartnerId', toPartnerId],
        ] as const) {
          const [found] = await this.partners.assertAllInWorkspace(me.workspaceId, [pid], field, {
            manager,
            statuses: ['active'],
          });
          names.push(found!.name);
        }
        const open = await manager
          .getRepository(ConnectionEntity)
          .createQueryBuilder('c')
          .where('c.workspaceId = :wid', { wid: me.workspaceId })
          .andWhere(
            '((c.fromPartnerId = :a AND c.toPartnerId = :b) OR (c.fromPartnerId = :b AND c.toPartnerId = :a))',
            { a: fromPartnerId, b: toPartnerId },
          )
          .andWhere(`c.status IN ('proposed', 'accepted')`)
          .getExists();
        if (open) throw duplicatePair();
        const repo = manager.getRepository(ConnectionEntity);
        const saved = await repo.save(
          repo.create({
            workspaceId: me.workspaceId,
            fromPartnerId,
            toPartnerId,
            reason: input.reason ?? '',
            reasonCode: input.reasonCode ?? null,
            reasonParams: input.reasonCode ? (input.reasonParams ?? {}) : null,
            status: 'proposed',
            proposedBy: me.userId,
            closedAt: null,
            createdAt: clock.stamp(),
            updatedAt: clock.stamp(),
          }),
        );
        await this.activity.record(manager, {
          workspaceId: me.workspaceId,
          type: 'connection.proposed',
          actorId: me.userId,
          subjectType: 'connection',
          subjectId: saved.id,
          partnerIds: [fromPartnerId, toPartnerId],
          payload: {
            connectionId: saved.id,
            fromPartnerId,
            toPartnerId,
            proposedBy: me.userId,
            // Names as they were, for the feed and the notifications (partners may be renamed).
            fromPartnerName: names[0],
            toPartnerName: names[1],
            reason: input.reason ?? '',
            ...(input.reasonCode
              ? { reasonCode: input.reasonCode, reasonParams: input.reasonParams ?? {} }
              : {}),
          },
        });
        return saved.id;
      });
    } catch (err) {
      if (isUniqueViolation(err, OPEN_PAIR_INDEX)) throw duplicatePair();
      throw err;
    }
    return this.get(me.workspaceId, id);
  }

  /**
   * Whether the caller may answer the connection at all: 404 for an unknown one, then 403
   * (checked before the body, by the controller's guard: contract precedence).
   */
  async authorizeRespond(me: Membership, connectionId: string): Promise<void> {
    const found = await this.find(this.dataSource.manager, me.workspaceId, connectionId);
    if (
      !mayRespondAtAll(me, found, await this.unrepresentedSides(this.dataSource.manager, found))
    ) {
      throw mayNotRespond();
    }
  }

  /**
   * A representative of either side answers once for it: 404 → 403 → 400 → 409 (closed, or
   * that side already answered). The row is locked, so two answers cannot both close it.
   */
  async respond(
    me: Membership,
    connectionId: string,
    input: RespondConnection,
  ): Promise<ConnectionDto> {
    try {
      await this.dataSource.transaction(async (manager) => {
        const c = await this.find(manager, me.workspaceId, connectionId, true);
        const unrepresented = await this.unrepresentedSides(manager, c);
        if (!mayRespondAtAll(me, c, unrepresented)) throw mayNotRespond();
        const answering = answeringSide(me, c, input.partnerId, unrepresented);
        if (!answering.ok) {
          throw answering.error === 'invalid'
            ? invalid(['partnerId'], answering.message, 'not_a_side')
            : forbidden(answering.message);
        }
        const { side, onBehalf } = answering;
        if (c.status !== 'proposed') {
          throw new DomainError(ErrorCode.INVALID_STATE, `This connection is already ${c.status}`);
        }
        const responses = manager.getRepository(ConnectionResponseEntity);
        const earlier = await responses.find({ where: { connectionId } });
        if (earlier.some((r) => r.partnerId === side)) {
          throw new DomainError(ErrorCode.CONFLICT, 'Your partner has already responded');
        }
        const response = await responses.save(
          responses.create({
            workspaceId: me.workspaceId,
            connectionId,
            partnerId: side,
            accept: input.accept,
            note: input.note || null,
            respondedBy: me.userId,
            onBehalf,
            respondedAt: clock.stamp(),
          }),
        );
        const status = connectionStatusAfter(c, [...earlier, response]);
        const named = new Map(
          (
            await this.partners.findInWorkspace(
              me.workspaceId,
              [c.fromPartnerId, c.toPartnerId],
              manager,
            )
          ).map((p) => [p.id, p.name]),
        );
        const base = {
          connectionId,
          fromPartnerId: c.fromPartnerId,
          toPartnerId: c.toPartnerId,
          fromPartnerName: named.get(c.fromPartnerId),
          toPartnerName: named.get(c.toPartnerId),
          proposedBy: c.proposedBy,
        };
        const record = (
          type: 'connection.responded' | 'connection.accepted' | 'connection.declined',
          payload: object,
        ) =>
          this.activity.record(manager, {
            workspaceId: me.workspaceId,
            type,
            actorId: me.userId,
            subjectType: 'connection',
            subjectId: connectionId,
            partnerIds: [c.fromPartnerId, c.toPartnerId],
            payload: { ...base, ...payload },
          });
        await record('connection.responded', {
          partnerId: side,
          partnerName: named.get(side),
          accept: input.accept,
          note: response.note,
          status,
          onBehalf,
        });
        if (status !== 'proposed') {
          await manager
            .getRepository(ConnectionEntity)
            .update({ id: connectionId }, { status, closedAt: clock.now() });
          await record(status === 'accepted' ? 'connection.accepted' : 'connection.declined', {
            partnerId: side,
            partnerName: named.get(side),
            accept: input.accept,
          });
        }
      });
    } catch (err) {
      // Two representatives of one side at once: the unique (connectionId, partnerId) decides.
      if (isUniqueViolation(err, ONE_RESPONSE_PER_SIDE_INDEX)) {
        throw new DomainError(ErrorCode.CONFLICT, 'Your partner has already responded');
      }
      throw err;
    }
    return this.get(me.workspaceId, connectionId);
  }

  /** When `expireDue` has work next (ms since the epoch; null: no open connection). */
  nextExpiryAt(expiryDays: number): Promise<number | null> {
    return this.repository.nextExpiry(expiryDays);
  }

  /**
   * Expires open connections proposed more than `expiryDays` ago, one transaction each, and
   * records `connection.expired` by the system (actor null). Rows are taken with FOR UPDATE
   * SKIP LOCKED, so instances sweeping at once never expire one twice, and a connection an
   * answer is holding is left to the next sweep (after which it may no longer be open).
   * Answers how many it expired.
   */
  async expireDue(
    expiryDays: number,
    scope: { skip?: string[]; only?: string } = {},
    max = 200,
  ): Promise<number> {
    const skip = scope.skip ?? [];
    let expired = 0;
    // Taken from the clock (not SQL now()) so a simulated history can expire its own ties.
    const cutoff = new Date(clock.now().getTime() - expiryDays * 86_400_000);
    while (expired < max) {
      const did = await this.dataSource.transaction(async (manager) => {
        const [c] = await manager
          .getRepository(ConnectionEntity)
          .createQueryBuilder('c')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where(`c.status = 'proposed'`)
          .andWhere('c.createdAt <= :cutoff', { cutoff })
          .andWhere(skip.length ? 'NOT (c.workspaceId = ANY(:skip))' : 'TRUE', { skip })
          .andWhere(scope.only ? 'c.workspaceId = :only' : 'TRUE', { only: scope.only })
          .orderBy('c.createdAt', 'ASC')
          .limit(1)
          .getMany();
        if (!c) return false;
        await manager
          .getRepository(ConnectionEntity)
          .update({ id: c.id }, { status: 'expired', closedAt: clock.now() });
        const names = new Map(
          (
            await this.partners.findInWorkspace(
              c.workspaceId,
              [c.fromPartnerId, c.toPartnerId],
              manager,
            )
          ).map((p) => [p.id, p.name]),
        );
        await this.activity.record(manager, {
          workspaceId: c.workspaceId,
          type: 'connection.expired',
          actorId: null,
          subjectType: 'connection',
          subjectId: c.id,
          partnerIds: [c.fromPartnerId, c.toPartnerId],
          payload: {
            connectionId: c.id,
            fromPartnerId: c.fromPartnerId,
            toPartnerId: c.toPartnerId,
            fromPartnerName: names.get(c.fromPartnerId),
            toPartnerName: names.get(c.toPartnerId),
            proposedBy: c.proposedBy,
            expiryDays,
          },
        });
        return true;
      });
      if (!did) break;
      expired++;
    }
    return expired;
  }

  async list(workspaceId: string, q: ConnectionListQuery): Promise<Page<ConnectionDto>> {
    const qb = this.dataSource
      .getRepository(ConnectionEntity)
      .createQueryBuilder('c')
      .where('c.workspaceId = :workspaceId', { workspaceId });
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    if (q.partnerId) {
      qb.andWhere('(c.fromPartnerId = :partnerId OR c.toPartnerId = :partnerId)', {
        partnerId: q.partnerId,
      });
    }
    const page = await keysetPage(qb, {
      keys: creationKeys('c'),
      direction: 'DESC',
      limit: q.limit,
      cursor: q.cursor,
    });
    const responses = await this.responsesOf(
      this.dataSource.manager,
      page.items.map((c) => c.id),
    );
    return {
      items: page.items.map((c) => toConnectionDto(c, responses.get(c.id) ?? [])),
      nextCursor: page.nextCursor,
    };
  }

  async get(workspaceId: string, connectionId: string): Promise<ConnectionDto> {
    const c = await this.find(this.dataSource.manager, workspaceId, connectionId);
    const responses = await this.responsesOf(this.dataSource.manager, [c.id]);
    return toConnectionDto(c, responses.get(c.id) ?? []);
  }

  // ---- internals -----------------------------------------------------------------------------

  private async find(
    manager: EntityManager,
    workspaceId: string,
    connectionId: string,
    lock = false,
  ): Promise<ConnectionEntity> {
    return findInWorkspace(manager, ConnectionEntity, 'Connection', workspaceId, connectionId, {
      lock,
    });
  }

  /** The sides of `c` that nobody (but observers) represents. */
  private async unrepresentedSides(
    manager: EntityManager,
    c: ConnectionEntity,
  ): Promise<Set<string>> {
    const sides = [c.fromPartnerId, c.toPartnerId];
    const reps = await this.members.representativesOf(c.workspaceId, sides, manager);
    return new Set(
      sides.filter((s) => !reps.some((r) => r.partnerId === s && r.role !== 'observer')),
    );
  }

  /** Responses of several connections in one query, in the order they were given. */
  private async responsesOf(
    manager: EntityManager,
    connectionIds: string[],
  ): Promise<Map<string, ConnectionResponseDto[]>> {
    const byConnection = new Map<string, ConnectionResponseDto[]>();
    if (!connectionIds.length) return byConnection;
    const rows = await manager.getRepository(ConnectionResponseEntity).find({
      where: { connectionId: In(connectionIds) },
      order: { respondedAt: 'ASC', id: 'ASC' },
    });
    for (const r of rows) {
      const list = byConnection.get(r.connectionId) ?? [];
      list.push(toResponseDto(r));
      byConnection.set(r.connectionId, list);
    }
    return byConnection;
  }
}
