import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  type MemberDto,
  type Page,
  type PaginationQuery,
  type Role,
  type UpdateMemberInput,
} from '@coalesce/shared';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Membership, MembershipLookup } from '../../common/auth/auth.types';
import { DomainError, forbidden, invalid, notFound } from '../../common/errors/domain-error';
import { EventBus } from '../../common/events/event-bus';
import { keysetPage } from '../../common/pagination/cursor';
import { ActivityService } from '../activity/activity.service';
import { UsersService } from '../users/users.service';
import { MemberEntity } from './members.entity';
import { canManageMembers, canRemoveMember, leavesNoCoordinator } from './members.policy';
import { clock } from '../../common/clock/clock';

export interface AddMemberInput {
  workspaceId: string;
  userId: string;
  role: Role;
  broker?: boolean;
  partnerId?: string | null;
  /** Who caused it (the creator, the inviting coordinator, the user accepting…). */
  actorId: string | null;
  via: 'workspace_created' | 'invitation';
  invitationId?: string;
}

/** Decides whether `partnerId` may be linked to a member of `workspaceId` (partners module). */
export type PartnerLinkValidator = (
  manager: EntityManager,
  workspaceId: string,
  partnerId: string,
) => Promise<boolean>;

const toMembership = (m: MemberEntity): Membership => ({
  workspaceId: m.workspaceId,
  userId: m.userId,
  role: m.role,
  broker: m.broker,
  partnerId: m.partnerId,
});

@Injectable()
export class MembersService implements MembershipLookup {
  /** Until the partners module registers its validator, any uuid may be linked. */
  private partnerLinkValidator: PartnerLinkValidator = () => Promise.resolve(true);

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly activity: ActivityService,
    private readonly bus: EventBus,
  ) {}

  /** The partners module calls this once (onModuleInit) to validate `partnerId` links. */
  usePartnerLinkValidator(validator: PartnerLinkValidator): void {
    this.partnerLinkValidator = validator;
  }

  /** Some membership, any (the collab warm-up exercises the real lookups with it). */
  async anyMembership(): Promise<{ workspaceId: string; userId: string } | null> {
    const [m] = await this.dataSource
      .getRepository(MemberEntity)
      .find({ select: { workspaceId: true, userId: true }, take: 1 });
    return m ? { workspaceId: m.workspaceId, userId: m.userId } : null;
  }

  /** The user's role in the workspace, or null when not a member. */
  async roleOf(
    workspaceId: string,
    userId: string,
  ): Promise<{ role: Role; broker: boolean; partnerId: string | null } | null> {
    const m = await this.membershipOf(workspaceId, userId);
    return m ? { role: m.role, broker: m.broker, partnerId: m.partnerId } : null;
  }

  /**
   * The members who represent these partners (`partnerId` link), e.g. to notify them. Pass a
   * transaction's manager to read inside it.
   */
  async representativesOf(
    workspaceId: string,
    partnerIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ userId: string; partnerId: string; role: Role }[]> {
    if (!partnerIds.length) return [];
    const rows = await manager
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .where('m.workspaceId = :workspaceId', { workspaceId })
      .andWhere('m.partnerId = ANY(:partnerIds)', { partnerIds: [...new Set(partnerIds)] })
      .orderBy('m.userId')
      .getMany();
    return rows.map((m) => ({ userId: m.userId, partnerId: m.partnerId!, role: m.role }));
  }

  /**
   * The representatives of each of these partners with their display names, in joining order
   * (partners without any are absent from the map). For partner responses and proposal previews.
   */
  async representativesByPartner(
    workspaceId: string,
    partnerIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, { userId: string; displayName: string; role: Role }[]>> {
    const byPartner = new Map<string, { userId: string; displayName: string; role: Role }[]>();
    if (!partnerIds.length) return byPartner;
    const rows = await manager
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .where('m.workspaceId = :workspaceId', { workspaceId })
      .andWhere('m.partnerId = ANY(:partnerIds)', { partnerIds: [...new Set(partnerIds)] })
      .orderBy('m.joinedAt')
      .addOrderBy('m.userId')
      .getMany();
    const users = await this.users.findByIds(rows.map((m) => m.userId));
    for (const m of rows) {
      const list = byPartner.get(m.partnerId!) ?? [];
      list.push({
        userId: m.userId,
        displayName: users.get(m.userId)?.displayName ?? '',
        role: m.role,
      });
      byPartner.set(m.partnerId!, list);
    }
    return byPartner;
  }

  /** The user ids of the workspace's coordinators (e.g. to notify them). */
  async coordinatorIdsOf(workspaceId: string): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(MemberEntity)
      .find({ select: { userId: true }, where: { workspaceId, role: 'coordinator' } });
    return rows.map((m) => m.userId);
  }

  /** Which of `userIds` are members of the workspace (e.g. who a comment may mention). */
  async memberIdsAmong(
    workspaceId: string,
    userIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    if (!userIds.length) return [];
    const rows = await manager.getRepository(MemberEntity).find({
      select: { userId: true },
      where: { workspaceId, userId: In([...new Set(userIds)]) },
    });
    return rows.map((m) => m.userId);
  }

  async membershipOf(workspaceId: string, userId: string): Promise<Membership | null> {
    const m = await this.dataSource.getRepository(MemberEntity).findOneBy({ workspaceId, userId });
    return m ? toMembership(m) : null;
  }

  /**
   * Adds a member inside the caller's transaction and records `member.joined`.
   * 409 ALREADY_MEMBER when the user already is one.
   */
  async add(manager: EntityManager, input: AddMemberInput): Promise<MemberEntity> {
    const partnerId = input.partnerId ?? null;
    if (partnerId) await this.assertPartnerLinkable(manager, input.workspaceId, partnerId);
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(MemberEntity)
      .values({
        workspaceId: input.workspaceId,
        userId: input.userId,
        role: input.role,
        broker: input.broker ?? false,
        partnerId,
        joinedAt: clock.stamp(),
      })
      .orIgnore()
      .returning('*')
      .execute();
    if (!inserted.raw.length) {
      throw new DomainError(ErrorCode.ALREADY_MEMBER, 'You are already a member of this workspace');
    }
    const member = await manager
      .getRepository(MemberEntity)
      .findOneByOrFail({ workspaceId: input.workspaceId, userId: input.userId });
    await this.activity.record(manager, {
      workspaceId: member.workspaceId,
      type: 'member.joined',
      actorId: input.actorId,
      subjectType: 'member',
      subjectId: member.userId,
      partnerIds: [partnerId],
      payload: {
        userId: member.userId,
        // The feed names people by the member list; a member who later leaves is not on it.
        displayName: (await this.users.get(member.userId, manager).catch(() => null))?.displayName,
        role: member.role,
        broker: member.broker,
        partnerId,
        via: input.via,
        ...(input.invitationId ? { invitationId: input.invitationId } : {}),
      },
    });
    this.bus.emitAfterCommit(manager, 'member.access_changed', toMembership(member));
    return member;
  }

  async list(workspaceId: string, q: PaginationQuery): Promise<Page<MemberDto>> {
    const qb = this.dataSource
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .where('m.workspaceId = :workspaceId', { workspaceId });
    const page = await keysetPage(qb, {
      keys: [
        { column: 'm.joinedAt', kind: 'timestamp', value: (m) => m.joinedAt.toISOString() },
        { column: 'm.userId', kind: 'uuid', value: (m) => m.userId },
      ],
      direction: 'ASC',
      limit: q.limit,
      cursor: q.cursor,
    });
    return { items: await this.toDtos(page.items), nextCursor: page.nextCursor };
  }

  /** The members linked to a partner (its representatives), in joining order. */
  async listByPartner(workspaceId: string, partnerId: string): Promise<MemberDto[]> {
    const rows = await this.dataSource
      .getRepository(MemberEntity)
      .find({ where: { workspaceId, partnerId }, order: { joinedAt: 'ASC', userId: 'ASC' } });
    return this.toDtos(rows);
  }

  async get(workspaceId: string, userId: string): Promise<MemberDto> {
    const m = await this.dataSource.getRepository(MemberEntity).findOneBy({ workspaceId, userId });
    if (!m) throw notFound('Member');
    return (await this.toDtos([m]))[0]!;
  }

  /** Every workspace the user is a member of (ids only, e.g. to leave them out of a list). */
  async workspaceIdsOf(userId: string): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(MemberEntity)
      .find({ select: { workspaceId: true }, where: { userId } });
    return rows.map((m) => m.workspaceId);
  }

  /** Where the user represents a partner (never as an observer): for "needs your vote". */
  async representativeSeatsOf(
    userId: string,
  ): Promise<{ workspaceId: string; partnerId: string }[]> {
    const rows = await this.dataSource
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .where('m.userId = :userId', { userId })
      .andWhere('m.partnerId IS NOT NULL')
      .andWhere(`m.role <> 'observer'`)
      .getMany();
    return rows.map((m) => ({ workspaceId: m.workspaceId, partnerId: m.partnerId! }));
  }

  /** The user's memberships, most recently joined first (for "my workspaces"). */
  membershipsOf(userId: string, q: PaginationQuery): Promise<Page<MemberEntity>> {
    const qb = this.dataSource
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .where('m.userId = :userId', { userId });
    return keysetPage(qb, {
      keys: [
        { column: 'm.joinedAt', kind: 'timestamp', value: (m) => m.joinedAt.toISOString() },
        { column: 'm.workspaceId', kind: 'uuid', value: (m) => m.workspaceId },
      ],
      direction: 'DESC',
      limit: q.limit,
      cursor: q.cursor,
    });
  }

  /**
   * Coordinator only. The workspace's member rows are locked for the transaction, so two
   * concurrent demotions cannot leave it without a coordinator (409 LAST_COORDINATOR).
   */
  async update(actor: Membership, userId: string, input: UpdateMemberInput): Promise<MemberDto> {
    await this.dataSource.transaction(async (manager) => {
      const { me, target, members } = await this.lockMembers(manager, actor, userId);
      if (!canManageMembers(me)) throw forbidden('Only coordinators can change members');
      const role = input.role ?? target.role;
      const broker = input.broker ?? target.broker;
      const partnerId = input.partnerId === undefined ? target.partnerId : input.partnerId;
      if (leavesNoCoordinator(members, userId, role)) {
        throw new DomainError(
          ErrorCode.LAST_COORDINATOR,
          'The last coordinator cannot be demoted; make someone else coordinator first',
        );
      }
      if (partnerId && partnerId !== target.partnerId) {
        await this.assertPartnerLinkable(manager, actor.workspaceId, partnerId);
      }
      const before = { role: target.role, broker: target.broker, partnerId: target.partnerId };
      if (before.role === role && before.broker === broker && before.partnerId === partnerId) {
        return;
      }
      await manager
        .getRepository(MemberEntity)
        .update({ workspaceId: actor.workspaceId, userId }, { role, broker, partnerId });
      const base = {
        workspaceId: actor.workspaceId,
        actorId: actor.userId,
        subjectType: 'member',
        subjectId: userId,
      };
      if (before.role !== role || before.broker !== broker) {
        await this.activity.record(manager, {
          ...base,
          type: 'member.role_changed',
          partnerIds: [partnerId],
          payload: {
            userId,
            from: { role: before.role, broker: before.broker },
            to: { role, broker },
          },
        });
      }
      if (before.partnerId !== partnerId) {
        await this.activity.record(manager, {
          ...base,
          type: 'member.updated',
          partnerIds: [before.partnerId, partnerId],
          payload: { userId, partnerId: { from: before.partnerId, to: partnerId } },
        });
      }
      this.bus.emitAfterCommit(manager, 'member.access_changed', {
        workspaceId: actor.workspaceId,
        userId,
        role,
        broker,
        partnerId,
      });
    });
    return this.get(actor.workspaceId, userId);
  }

  /** A coordinator removes someone, or a member leaves; never the last coordinator. */
  async remove(actor: Membership, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { me, target, members } = await this.lockMembers(manager, actor, userId);
      if (!canRemoveMember(me, userId)) throw forbidden('Only coordinators can remove members');
      if (leavesNoCoordinator(members, userId, null)) {
        throw new DomainError(
          ErrorCode.LAST_COORDINATOR,
          'The last coordinator cannot leave; make someone else coordinator first',
        );
      }
      await manager.getRepository(MemberEntity).delete({ workspaceId: actor.workspaceId, userId });
      await this.activity.record(manager, {
        workspaceId: actor.workspaceId,
        type: 'member.left',
        actorId: actor.userId,
        subjectType: 'member',
        subjectId: userId,
        partnerIds: [target.partnerId],
        payload: {
          userId,
          displayName: (await this.users.get(userId, manager).catch(() => null))?.displayName,
          role: target.role,
          partnerId: target.partnerId,
          removed: actor.userId !== userId,
        },
      });
      this.bus.emitAfterCommit(manager, 'member.access_changed', {
        workspaceId: actor.workspaceId,
        userId,
        role: null,
        broker: false,
        partnerId: null,
      });
    });
  }

  /** Locks every member row of the workspace (FOR UPDATE) and re-reads the actor's role. */
  private async lockMembers(manager: EntityManager, actor: Membership, userId: string) {
    const members = await manager
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.workspaceId = :wid', { wid: actor.workspaceId })
      .orderBy('m.userId')
      .getMany();
    const me = members.find((m) => m.userId === actor.userId);
    if (!me) throw notFound('Workspace');
    const target = members.find((m) => m.userId === userId);
    if (!target) throw notFound('Member');
    return { me, target, members };
  }

  /** 400 naming `partnerId` unless the partners module accepts the link (invitations use it too). */
  async assertPartnerLinkable(
    manager: EntityManager,
    workspaceId: string,
    partnerId: string,
  ): Promise<void> {
    if (!(await this.partnerLinkValidator(manager, workspaceId, partnerId))) {
      throw invalid(['partnerId'], 'is not a partner of this workspace', 'not_workspace_partner');
    }
  }

  private async toDtos(members: MemberEntity[]): Promise<MemberDto[]> {
    const users = await this.users.findByIds(members.map((m) => m.userId));
    return members.map((m) => {
      const u = users.get(m.userId);
      return {
        workspaceId: m.workspaceId,
        userId: m.userId,
        displayName: u?.displayName ?? '',
        email: u?.email ?? '',
        role: m.role,
        broker: m.broker,
        partnerId: m.partnerId,
        joinedAt: m.joinedAt.toISOString(),
      };
    });
  }
}
