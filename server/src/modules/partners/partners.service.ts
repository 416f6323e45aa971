import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ErrorCode,
  type Contributions,
  type CreatePartner,
  type PartnerDetailDto,
  type PartnerDto,
  type PartnerKind,
  type PartnerListQuery,
  type Page,
  type PartnerDelegationDto,
  type Tier,
  type DelegationInput,
  type LeavePartnerInput,
  type UpdatePartner,
} from '@coalesce/shared';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Membership } from '../../common/auth/auth.types';
import { DomainError, forbidden, invalid, notFound } from '../../common/errors/domain-error';
import { keysetPage } from '../../common/pagination/cursor';
import { ActivityService } from '../activity/activity.service';
import { MembersService } from '../members/members.service';
import { PartnerEntity } from './partners.entity';
import { partnersRepository, type DelegationRow } from './partners.repository';
import {
  canEditPartner,
  canLeavePartner,
  canManagePartners,
  canSetDelegation,
  isRepresentative as isRepresentativeOf,
} from './partners.policy';
import { findInWorkspace } from '../../common/database/workspace-row';
import { clock } from '../../common/clock/clock';

/** A partner without its representatives: what other modules read (they add none). */
export type PartnerRecord = Omit<PartnerDto, 'representatives' | 'delegation'>;

export function toPartnerDto(p: PartnerEntity): PartnerRecord {
  return {
    id: p.id,
    workspaceId: p.workspaceId,
    kind: p.kind,
    name: p.name,
    actorType: p.actorType,
    tier: p.tier,
    status: p.status,
    weight: Number(p.weight),
    motivations: p.motivations,
    contributions: p.contributions,
    affiliationPartnerId: p.affiliationPartnerId,
    description: p.description,
    website: p.website,
    joinedAt: p.joinedAt?.toISOString() ?? null,
    leftAt: p.leftAt?.toISOString() ?? null,
    leftReason: p.leftReason,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

const toDelegationDto = (r: DelegationRow): PartnerDelegationDto => ({
  toPartnerId: r.toPartnerId,
  setBy: r.setBy,
  setAt: r.setAt.toISOString(),
});

/** The profile of a new partner, as `POST …/partners` or an inline proposal candidate gives it. */
export type NewPartnerProfile = Omit<CreatePartner, 'tier' | 'weight'> & {
  tier: Tier;
  weight?: number;
};

/** A partner as the network view and the broker suggestions read it. */
export interface NetworkPartnerRow {
  id: string;
  name: string;
  kind: PartnerKind;
  tier: Tier;
  actorType: PartnerDto['actorType'];
  status: PartnerDto['status'];
  joinedAt: Date | null;
  leftAt: Date | null;
  contributions: Contributions;
}

const HISTORY_LIMIT = 50;
const PATCHABLE = [
  'kind',
  'name',
  'actorType',
  'tier',
  'weight',
  'motivations',
  'contributions',
  'affiliationPartnerId',
  'description',
  'website',
] as const satisfies readonly (keyof UpdatePartner & keyof PartnerEntity)[];

/**
 * Partners of a workspace. Other modules use the exported helpers (`findInWorkspace`,
 * `assertAllInWorkspace`, `activePartnersAt`, `isRepresentative`) and never the entity.
 */
@Injectable()
export class PartnersService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
    private readonly members: MembersService,
  ) {}

  /** A member may only be linked to a partner of the same workspace (any status). */
  onModuleInit(): void {
    this.members.usePartnerLinkValidator(async (manager, workspaceId, partnerId) =>
      manager.getRepository(PartnerEntity).exists({ where: { id: partnerId, workspaceId } }),
    );
  }

  // ---- helpers for other modules -------------------------------------------------------------

  /** The partners of `workspaceId` among `ids` (unknown or foreign ids are simply absent). */
  async findInWorkspace(
    workspaceId: string,
    ids: readonly string[],
    manager?: EntityManager,
  ): Promise<PartnerRecord[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const rows = await (manager ?? this.dataSource.manager)
      .getRepository(PartnerEntity)
      .findBy({ workspaceId, id: In(unique) });
    return rows.map(toPartnerDto);
  }

  /**
   * Every id must be a partner of this workspace (optionally with one of `statuses`), else 400
   * naming `path` (e.g. `['partnerIds']`). Answers the partners, in the order of `ids`.
   */
  async assertAllInWorkspace(
    workspaceId: string,
    ids: readonly string[],
    path: string | (string | number)[],
    opts: { manager?: EntityManager; statuses?: readonly PartnerDto['status'][] } = {},
  ): Promise<PartnerRecord[]> {
    const found = new Map(
      (await this.findInWorkspace(workspaceId, ids, opts.manager)).map((p) => [p.id, p]),
    );
    const fieldPath = typeof path === 'string' ? [path] : path;
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) {
      throw invalid(
        fieldPath,
        `not a partner of this workspace: ${missing.join(', ')}`,
        'not_workspace_partner',
      );
    }
    if (opts.statuses) {
      const wrong = ids.filter((id) => !opts.statuses!.includes(found.get(id)!.status));
      if (wrong.length) {
        throw invalid(
          fieldPath,
          `must be ${opts.statuses.join(' or ')} partners: ${wrong.join(', ')} is not`,
          opts.statuses.length === 1 && opts.statuses[0] === 'active'
            ? 'not_active_partner'
            : 'partner_status',
        );
      }
    }
    return ids.map((id) => found.get(id)!);
  }

  /**
   * What the network view and suggestions need of every partner (optionally only active ones),
   * in one lean query (no entity hydration: a network may have hundreds of partners), in no
   * particular order (the network sorts by id; sorting thousands of rows here was wasted).
   */
  async listForNetwork(
    workspaceId: string,
    opts: { activeOnly?: boolean } = {},
  ): Promise<NetworkPartnerRow[]> {
    const rows: (Omit<NetworkPartnerRow, 'contributions'> & {
      contributions: Partial<Contributions> | null;
    })[] = await partnersRepository.listForNetwork(
      this.dataSource.manager,
      workspaceId,
      !!opts.activeOnly,
    );
    return rows.map((r) => ({
      ...r,
      contributions: {
        expertise: r.contributions?.expertise ?? [],
        targetGroups: r.contributions?.targetGroups ?? [],
        resources: r.contributions?.resources ?? [],
      },
    }));
  }

  /** The partners that were active at `at`: joined at or before it and not (yet) left then. */
  async activePartnersAt(
    workspaceId: string,
    at: Date,
    manager?: EntityManager,
  ): Promise<PartnerRecord[]> {
    const rows = await (manager ?? this.dataSource.manager)
      .getRepository(PartnerEntity)
      .createQueryBuilder('p')
      .where('p.workspaceId = :workspaceId', { workspaceId })
      .andWhere('p.joinedAt IS NOT NULL AND p.joinedAt <= :at', { at })
      .andWhere('(p.leftAt IS NULL OR p.leftAt > :at)', { at })
      .orderBy('p.createdAt', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .getMany();
    return rows.map(toPartnerDto);
  }

  /** Adds each partner's representatives and delegation (one query each for the lot). */
  async withRepresentatives(
    workspaceId: string,
    partners: PartnerRecord[],
    manager?: EntityManager,
  ): Promise<PartnerDto[]> {
    const ids = partners.map((p) => p.id);
    const [reps, delegations] = await Promise.all([
      this.members.representativesByPartner(workspaceId, ids, manager),
      this.delegationsByPartner(workspaceId, ids, manager),
    ]);
    return partners.map((p) => ({
      ...p,
      representatives: (reps.get(p.id) ?? []).map((r) => ({
        userId: r.userId,
        displayName: r.displayName,
      })),
      delegation: delegations.get(p.id) ?? null,
    }));
  }

  /**
   * The standing delegations of the workspace as partner → delegate, for a proposal's
   * electorate snapshot (in the caller's transaction).
   */
  async delegationMap(workspaceId: string, manager?: EntityManager): Promise<Map<string, string>> {
    const rows = await partnersRepository.delegations(
      manager ?? this.dataSource.manager,
      workspaceId,
      null,
    );
    return new Map(rows.map((r) => [r.partnerId, r.toPartnerId]));
  }

  private async delegationsByPartner(
    workspaceId: string,
    partnerIds: readonly string[],
    manager?: EntityManager,
  ): Promise<Map<string, PartnerDelegationDto>> {
    const rows = await partnersRepository.delegations(
      manager ?? this.dataSource.manager,
      workspaceId,
      partnerIds,
    );
    return new Map(rows.map((r) => [r.partnerId, toDelegationDto(r)]));
  }

  /** Whether the caller's membership represents `partnerId` (linked, and not an observer). */
  isRepresentative(membership: Pick<Membership, 'role' | 'partnerId'>, partnerId: string): boolean {
    return isRepresentativeOf(membership, partnerId);
  }

  /** One partner of the workspace, or 404. */
  async getInWorkspace(
    workspaceId: string,
    partnerId: string,
    manager?: EntityManager,
  ): Promise<PartnerRecord> {
    const p = await partnersRepository.findOne(
      manager ?? this.dataSource.manager,
      workspaceId,
      partnerId,
    );
    if (!p) throw notFound('Partner');
    return toPartnerDto(p);
  }

  /** The active partners with what a proposal's electorate needs (in the caller's transaction). */
  async activeElectorateCandidates(
    workspaceId: string,
    manager?: EntityManager,
  ): Promise<Pick<PartnerDto, 'id' | 'tier' | 'status' | 'weight'>[]> {
    const rows = await (manager ?? this.dataSource.manager).getRepository(PartnerEntity).find({
      select: { id: true, tier: true, status: true, weight: true },
      where: { workspaceId, status: 'active' },
    });
    return rows.map((r) => ({
      id: r.id,
      tier: r.tier,
      status: r.status,
      weight: Number(r.weight),
    }));
  }

  /** The checks `insert` makes on a new profile, without writing (a proposal's preview). */
  async assertInsertable(
    manager: EntityManager,
    workspaceId: string,
    profile: Pick<NewPartnerProfile, 'kind' | 'affiliationPartnerId'>,
    path: string[],
  ): Promise<void> {
    await this.validateAffiliation(
      manager,
      workspaceId,
      profile.kind,
      profile.affiliationPartnerId ?? null,
      null,
      path,
    );
  }

  /**
   * Inserts a partner in the caller's transaction with `status` (`active` gets `joinedAt` now)
   * and records `partner.added` (active) — a `candidate` is recorded by the proposal instead.
   */
  async insert(
    manager: EntityManager,
    workspaceId: string,
    profile: NewPartnerProfile,
    status: 'active' | 'candidate',
    actorId: string,
  ): Promise<PartnerRecord> {
    await this.validateAffiliation(
      manager,
      workspaceId,
      profile.kind,
      profile.affiliationPartnerId ?? null,
      null,
      status === 'candidate' ? ['candidate', 'affiliationPartnerId'] : ['affiliationPartnerId'],
    );
    const repo = manager.getRepository(PartnerEntity);
    const saved = await repo.save(
      repo.create({
        workspaceId,
        kind: profile.kind,
        name: profile.name,
        actorType: profile.actorType,
        tier: profile.tier,
        status,
        weight: profile.weight ?? 1,
        motivations: profile.motivations,
        contributions: profile.contributions,
        affiliationPartnerId: profile.affiliationPartnerId ?? null,
        description: profile.description ?? '',
        website: profile.website ?? null,
        joinedAt:
          status === 'active'
            ? profile.joinedAt
              ? new Date(profile.joinedAt)
              : clock.now()
            : null,
        createdBy: actorId,
        createdAt: clock.stamp(),
      }),
    );
    const dto = toPartnerDto(await repo.findOneByOrFail({ id: saved.id }));
    if (status === 'active') {
      await this.activity.record(manager, {
        workspaceId,
        type: 'partner.added',
        actorId,
        subjectType: 'partner',
        subjectId: dto.id,
        partnerIds: [dto.id, dto.affiliationPartnerId],
        // `joinedAt` may lie in the past (an imported network): the history replay uses it.
        payload: {
          name: dto.name,
          kind: dto.kind,
          tier: dto.tier,
          actorType: dto.actorType,
          joinedAt: dto.joinedAt,
          via: 'direct',
        },
      });
    }
    return dto;
  }

  /**
   * A proposal accepted `partnerId` into `tier` (caller's transaction, which holds the
   * proposal's lock): the partner becomes `active` in that tier. A candidate gets `joinedAt`
   * now and `partner.added`; an active partner moving tier keeps its `joinedAt` and gets
   * `partner.updated`.
   */
  async admit(
    manager: EntityManager,
    input: {
      workspaceId: string;
      partnerId: string;
      tier: Tier;
      proposalId: string;
      actorId: string | null;
    },
  ): Promise<PartnerRecord> {
    const repo = manager.getRepository(PartnerEntity);
    const p = await this.lock(manager, input.workspaceId, input.partnerId);
    const wasActive = p.status === 'active';
    await repo.update(
      { id: p.id },
      {
        status: 'active',
        tier: input.tier,
        joinedAt: wasActive && p.joinedAt ? p.joinedAt : clock.now(),
        leftAt: null,
        leftReason: null,
      },
    );
    const dto = toPartnerDto(await repo.findOneByOrFail({ id: p.id }));
    await this.activity.record(manager, {
      workspaceId: input.workspaceId,
      type: wasActive ? 'partner.updated' : 'partner.added',
      actorId: input.actorId,
      subjectType: 'partner',
      subjectId: p.id,
      partnerIds: [p.id],
      payload: wasActive
        ? {
            name: dto.name,
            changes: { tier: { from: p.tier, to: input.tier } },
            via: 'proposal',
            proposalId: input.proposalId,
          }
        : {
            name: dto.name,
            kind: dto.kind,
            tier: dto.tier,
            actorType: dto.actorType,
            joinedAt: dto.joinedAt,
            via: 'proposal',
            proposalId: input.proposalId,
          },
    });
    return dto;
  }

  /** An inline candidate whose proposal ended otherwise becomes `rejected` (caller's transaction). */
  async rejectCandidate(
    manager: EntityManager,
    input: {
      workspaceId: string;
      partnerId: string;
      proposalId: string;
      actorId: string | null;
      status: string;
    },
  ): Promise<void> {
    const p = await this.lock(manager, input.workspaceId, input.partnerId);
    if (p.status !== 'candidate') return;
    await manager.getRepository(PartnerEntity).update({ id: p.id }, { status: 'rejected' });
    await this.activity.record(manager, {
      workspaceId: input.workspaceId,
      type: 'partner.updated',
      actorId: input.actorId,
      subjectType: 'partner',
      subjectId: p.id,
      partnerIds: [p.id],
      payload: {
        name: p.name,
        changes: { status: { from: 'candidate', to: 'rejected' } },
        via: 'proposal',
        proposalId: input.proposalId,
        proposalStatus: input.status,
      },
    });
  }

  /**
   * Every partner of the workspace (any status) for the research export, oldest first, in
   * keyset batches of `batchSize`. `admittedByProposalId` is the accepted proposal whose
   * closing made the partner active — the proposal of its latest `partner.added` event when
   * that came `via: 'proposal'` — and null for partners added directly or never active.
   */
  async *exportBatches(
    workspaceId: string,
    batchSize: number,
  ): AsyncGenerator<(PartnerRecord & { admittedByProposalId: string | null })[]> {
    let after: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const qb = this.dataSource
        .getRepository(PartnerEntity)
        .createQueryBuilder('p')
        .where('p.workspaceId = :workspaceId', { workspaceId });
      if (after) {
        qb.andWhere('(p.createdAt, p.id) > (:createdAt, :id)', after);
      }
      const rows = await qb
        .orderBy('p.createdAt', 'ASC')
        .addOrderBy('p.id', 'ASC')
        .limit(batchSize)
        .getMany();
      if (!rows.length) return;
      const added = await this.activity.latestAbout(
        workspaceId,
        rows.map((p) => p.id),
        'partner.added',
      );
      yield rows.map((p) => {
        const payload = added.get(p.id)?.payload ?? {};
        const proposalId =
          payload.via === 'proposal' && typeof payload.proposalId === 'string'
            ? payload.proposalId
            : null;
        return { ...toPartnerDto(p), admittedByProposalId: proposalId };
      });
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1]!;
      after = { createdAt: last.createdAt, id: last.id };
    }
  }

  // ---- endpoints -----------------------------------------------------------------------------

  async create(me: Membership, input: CreatePartner): Promise<PartnerDto> {
    if (!canManagePartners(me)) throw forbidden('Only coordinators can add partners directly');
    const created = await this.dataSource.transaction((manager) =>
      this.insert(manager, me.workspaceId, input, 'active', me.userId),
    );
    return { ...created, representatives: [], delegation: null };
  }

  async list(workspaceId: string, q: PartnerListQuery): Promise<Page<PartnerDto>> {
    const qb = this.dataSource
      .getRepository(PartnerEntity)
      .createQueryBuilder('p')
      .where('p.workspaceId = :workspaceId', { workspaceId });
    if (q.tier) qb.andWhere('p.tier = :tier', { tier: q.tier });
    if (q.status) qb.andWhere('p.status = :status', { status: q.status });
    if (q.actorType) qb.andWhere('p.actorType = :actorType', { actorType: q.actorType });
    if (q.kind) qb.andWhere('p.kind = :kind', { kind: q.kind });
    const page = await keysetPage(qb, {
      keys: [
        { column: 'p.createdAt', kind: 'timestamp', value: (p) => p.createdAt.toISOString() },
        { column: 'p.id', kind: 'uuid', value: (p) => p.id },
      ],
      direction: 'ASC',
      limit: q.limit,
      cursor: q.cursor,
    });
    return {
      items: await this.withRepresentatives(workspaceId, page.items.map(toPartnerDto)),
      nextCursor: page.nextCursor,
    };
  }

  async get(workspaceId: string, partnerId: string): Promise<PartnerDetailDto> {
    const partner = await this.getInWorkspace(workspaceId, partnerId);
    const [reps, history, delegations] = await Promise.all([
      this.members.listByPartner(workspaceId, partnerId),
      this.activity.list(workspaceId, { partnerId, limit: HISTORY_LIMIT }),
      this.delegationsByPartner(workspaceId, [partnerId]),
    ]);
    return {
      ...partner,
      delegation: delegations.get(partnerId) ?? null,
      representatives: reps.map((m) => ({
        userId: m.userId,
        displayName: m.displayName,
        role: m.role,
        broker: m.broker,
      })),
      history: history.items,
    };
  }

  /**
   * 404, then 403: coordinators change anything; a representative only its partner's profile
   * fields. Decided on the keys the body touches, so `@ResourceAccess` can answer it from the
   * raw body before the values are validated (contract precedence 404 → 403 → 400).
   */
  async authorizeUpdate(me: Membership, partnerId: string, keys: readonly string[]): Promise<void> {
    await this.getInWorkspace(me.workspaceId, partnerId);
    const touched = PATCHABLE.filter((f) => keys.includes(f));
    if (!canEditPartner(me, partnerId, touched)) {
      throw forbidden(
        isRepresentativeOf(me, partnerId)
          ? 'A representative can only change the profile (name, motivations, contributions, description, website)'
          : 'Only coordinators and the partner’s representatives can change a partner',
      );
    }
  }

  /** Coordinators change anything; a representative only its partner's profile fields (403). */
  async update(me: Membership, partnerId: string, input: UpdatePartner): Promise<PartnerDetailDto> {
    await this.authorizeUpdate(
      me,
      partnerId,
      PATCHABLE.filter((f) => input[f] !== undefined),
    );
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lock(manager, me.workspaceId, partnerId);
      const fields = PATCHABLE.filter((f) => input[f] !== undefined);
      const kind = input.kind ?? current.kind;
      const affiliation =
        input.affiliationPartnerId === undefined
          ? current.affiliationPartnerId
          : input.affiliationPartnerId;
      if (input.kind !== undefined || input.affiliationPartnerId !== undefined) {
        await this.validateAffiliation(manager, me.workspaceId, kind, affiliation, partnerId, [
          input.affiliationPartnerId !== undefined ? 'affiliationPartnerId' : 'kind',
        ]);
      }
      if (current.kind === 'organisation' && kind !== 'organisation') {
        const affiliated = await manager
          .getRepository(PartnerEntity)
          .exists({ where: { workspaceId: me.workspaceId, affiliationPartnerId: partnerId } });
        if (affiliated) {
          throw new DomainError(
            ErrorCode.INVALID_STATE,
            'Individuals are affiliated with this organisation; unlink them first',
          );
        }
      }
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const patch: Partial<PartnerEntity> = {};
      for (const f of fields) {
        const to = input[f] ?? null;
        const from = current[f];
        if (JSON.stringify(from) === JSON.stringify(to)) continue;
        (patch as Record<string, unknown>)[f] = f === 'description' ? (to ?? '') : to;
        changes[f] = f === 'description' ? { from: from !== '', to: to !== '' } : { from, to };
      }
      if (!Object.keys(patch).length) return;
      await manager.getRepository(PartnerEntity).update({ id: partnerId }, patch);
      await this.activity.record(manager, {
        workspaceId: me.workspaceId,
        type: 'partner.updated',
        actorId: me.userId,
        subjectType: 'partner',
        subjectId: partnerId,
        partnerIds: [partnerId, current.affiliationPartnerId, affiliation],
        payload: { name: patch.name ?? current.name, changes, via: 'edit' },
      });
    });
    return this.get(me.workspaceId, partnerId);
  }

  /** 404, then 403: a coordinator or one of the partner's representatives. */
  async authorizeLeave(me: Membership, partnerId: string): Promise<void> {
    await this.getInWorkspace(me.workspaceId, partnerId);
    if (!canLeavePartner(me, partnerId)) {
      throw forbidden('Only coordinators and the partner’s representatives can do this');
    }
  }

  /** A coordinator or a representative; only an active partner can leave (409 otherwise). */
  async leave(
    me: Membership,
    partnerId: string,
    { reason }: LeavePartnerInput,
  ): Promise<PartnerDetailDto> {
    await this.authorizeLeave(me, partnerId);
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lock(manager, me.workspaceId, partnerId);
      if (current.status !== 'active') {
        throw new DomainError(
          ErrorCode.INVALID_STATE,
          `Only an active partner can leave; this one is ${current.status}`,
        );
      }
      await manager
        .getRepository(PartnerEntity)
        .update({ id: partnerId }, { status: 'left', leftAt: clock.now(), leftReason: reason });
      await this.activity.record(manager, {
        workspaceId: me.workspaceId,
        type: 'partner.left',
        actorId: me.userId,
        subjectType: 'partner',
        subjectId: partnerId,
        partnerIds: [partnerId],
        payload: { name: current.name, tier: current.tier, reason },
      });
    });
    return this.get(me.workspaceId, partnerId);
  }

  /** 404, then 403: a representative of the partner or a coordinator. */
  async authorizeDelegation(me: Membership, partnerId: string): Promise<void> {
    await this.getInWorkspace(me.workspaceId, partnerId);
    if (!canSetDelegation(me, partnerId)) {
      throw forbidden('Only coordinators and the partner’s representatives can delegate its vote');
    }
  }

  /**
   * `PUT …/partners/:pid/delegation`: the partner's standing delegation (replacing any). By a
   * representative of the partner or a coordinator (403). The delegate must be another partner
   * of this workspace (400) that is active (400 `not_active_partner`); the delegating partner
   * must be active itself (409): only active partners vote.
   */
  async setDelegation(
    me: Membership,
    partnerId: string,
    { toPartnerId }: DelegationInput,
  ): Promise<PartnerDetailDto> {
    await this.authorizeDelegation(me, partnerId);
    if (toPartnerId === partnerId) {
      throw invalid(['toPartnerId'], 'a partner cannot delegate to itself', 'delegation_self');
    }
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lock(manager, me.workspaceId, partnerId);
      const [delegate] = await this.assertAllInWorkspace(
        me.workspaceId,
        [toPartnerId],
        'toPartnerId',
        {
          manager,
          statuses: ['active'],
        },
      );
      if (current.status !== 'active') {
        throw new DomainError(
          ErrorCode.INVALID_STATE,
          `Only an active partner can delegate its vote; this one is ${current.status}`,
        );
      }
      const [before] = await partnersRepository.delegations(manager, me.workspaceId, [partnerId]);
      if (before?.toPartnerId === toPartnerId) return;
      await partnersRepository.upsertDelegation(manager, me.workspaceId, {
        partnerId,
        toPartnerId,
        setBy: me.userId,
        setAt: clock.now(),
      });
      await this.activity.record(manager, {
        workspaceId: me.workspaceId,
        type: 'delegation.set',
        actorId: me.userId,
        subjectType: 'partner',
        subjectId: partnerId,
        partnerIds: [partnerId, toPartnerId, before?.toPartnerId],
        payload: {
          partnerId,
          partnerName: current.name,
          toPartnerId,
          toPartnerName: delegate!.name,
          previousToPartnerId: before?.toPartnerId ?? null,
        },
      });
    });
    return this.get(me.workspaceId, partnerId);
  }

  /** `DELETE …/partners/:pid/delegation`: 404 when the partner has none. */
  async revokeDelegation(me: Membership, partnerId: string): Promise<void> {
    await this.getInWorkspace(me.workspaceId, partnerId);
    if (!canSetDelegation(me, partnerId)) {
      throw forbidden(
        'Only coordinators and the partner’s representatives can revoke its delegation',
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lock(manager, me.workspaceId, partnerId);
      const was = await partnersRepository.deleteDelegation(manager, me.workspaceId, partnerId);
      if (!was) throw notFound('Delegation');
      const [delegate] = await this.findInWorkspace(me.workspaceId, [was], manager);
      await this.activity.record(manager, {
        workspaceId: me.workspaceId,
        type: 'delegation.revoked',
        actorId: me.userId,
        subjectType: 'partner',
        subjectId: partnerId,
        partnerIds: [partnerId, was],
        payload: {
          partnerId,
          partnerName: current.name,
          toPartnerId: was,
          toPartnerName: delegate?.name ?? null,
        },
      });
    });
  }

  // ---- internals -----------------------------------------------------------------------------

  private async lock(
    manager: EntityManager,
    workspaceId: string,
    partnerId: string,
  ): Promise<PartnerEntity> {
    return findInWorkspace(manager, PartnerEntity, 'Partner', workspaceId, partnerId, {
      lock: true,
    });
  }

  /** Only individuals are affiliated, and only with an organisation partner of this workspace. */
  private async validateAffiliation(
    manager: EntityManager,
    workspaceId: string,
    kind: PartnerKind,
    affiliationPartnerId: string | null,
    selfId: string | null,
    path: string[],
  ): Promise<void> {
    if (!affiliationPartnerId) return;
    if (kind !== 'individual') {
      throw invalid(path, 'only individuals can be affiliated', 'affiliation_individuals_only');
    }
    if (affiliationPartnerId === selfId)
      throw invalid(path, 'a partner cannot be affiliated with itself', 'affiliation_self');
    const org = await manager
      .getRepository(PartnerEntity)
      .findOneBy({ id: affiliationPartnerId, workspaceId });
    if (!org) throw invalid(path, 'is not a partner of this workspace', 'not_workspace_partner');
    if (org.kind !== 'organisation') {
      throw invalid(path, 'must be an organisation partner', 'affiliation_organisation');
    }
  }
}
