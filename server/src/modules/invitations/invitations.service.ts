import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  LIMITS,
  createInvitationSchema,
  type CreatedInvitationDto,
  type InvitationDto,
  type InvitationPreviewDto,
  type MemberDto,
  type MyInvitationsDto,
  type Page,
  type PaginationQuery,
  type Role,
} from '@coalesce/shared';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, MoreThan, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { Membership } from '../../common/auth/auth.types';
import { DomainError, forbidden, notFound } from '../../common/errors/domain-error';
import { creationKeys, keysetPage } from '../../common/pagination/cursor';
import { ActivityService } from '../activity/activity.service';
import { AuthService } from '../auth/auth.service';
import { sha256 } from '../auth/auth.util';
import { MembersService } from '../members/members.service';
import { UsersService } from '../users/users.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { InvitationEntity } from './invitations.entity';
import {
  answerableById,
  canManageInvitations,
  invitationState,
  mayAccept,
} from './invitations.policy';
import { clock } from '../../common/clock/clock';

type CreateInvitation = z.output<typeof createInvitationSchema>;

/** What an invitation is made of, by a coordinator or by the server (an admitted partner). */
export interface NewInvitation {
  workspaceId: string;
  email: string | null;
  role: Role;
  broker: boolean;
  partnerId: string | null;
  expiresInHours: number;
  /** The coordinator who invites; null when the server does (e.g. after an admission). */
  createdBy: string | null;
  /** Extra fields for the `invitation.created` payload (e.g. `proposalId`). */
  context?: Record<string, unknown>;
}

const TOKEN_PURPOSE = 'invitation-token';

export function toInvitationDto(i: InvitationEntity, token: string | null = null): InvitationDto {
  return {
    id: i.id,
    workspaceId: i.workspaceId,
    email: i.email,
    role: i.role,
    broker: i.broker,
    partnerId: i.partnerId,
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
    createdBy: i.createdBy,
    token,
  };
}

export interface PendingInvitationEmail {
  email: string;
  token: string;
  workspaceId: string;
  workspaceName: string;
  /** The partner the invitee will represent (its name is the partners module's to give). */
  partnerId: string | null;
  role: Role;
  broker: boolean;
  expiresAt: Date;
}

/** How the invitee points at the invitation: its secret token (link) or its id (in the app). */
type AnswerBy = 'token' | 'id';

/** Tokens are 32 random bytes, base64url: anything else is simply not found. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

@Injectable()
export class InvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly members: MembersService,
    private readonly workspaces: WorkspacesService,
    private readonly users: UsersService,
    private readonly activity: ActivityService,
    private readonly auth: AuthService,
  ) {}

  async create(me: Membership, input: CreateInvitation): Promise<CreatedInvitationDto> {
    if (!canManageInvitations(me)) throw forbidden('Only coordinators can invite');
    return this.dataSource.transaction((manager) =>
      this.insert(manager, {
        workspaceId: me.workspaceId,
        email: input.email ?? null,
        role: input.role,
        broker: input.broker,
        partnerId: input.partnerId ?? null,
        expiresInHours: input.expiresInHours,
        createdBy: me.userId,
      }),
    );
  }

  /**
   * Creates an invitation in the caller's transaction and records `invitation.created` (actor:
   * `createdBy`, null for the server). The token is derived from the new id with the server
   * secret, and only its hash is stored: the link can be shown again (`listPending`) without
   * keeping the token itself.
   */
  async insert(manager: EntityManager, input: NewInvitation): Promise<CreatedInvitationDto> {
    if (input.partnerId) {
      await this.members.assertPartnerLinkable(manager, input.workspaceId, input.partnerId);
    }
    const id = randomUUID();
    const token = await this.auth.derivedToken(TOKEN_PURPOSE, id);
    const repo = manager.getRepository(InvitationEntity);
    const saved = await repo.save(
      repo.create({
        id,
        workspaceId: input.workspaceId,
        tokenHash: sha256(token),
        email: input.email,
        role: input.role,
        broker: input.broker,
        partnerId: input.partnerId,
        expiresAt: new Date(clock.now().getTime() + input.expiresInHours * 3600_000),
        createdBy: input.createdBy,
        createdAt: clock.stamp(),
      }),
    );
    await this.activity.record(manager, {
      workspaceId: input.workspaceId,
      type: 'invitation.created',
      actorId: input.createdBy,
      subjectType: 'invitation',
      subjectId: saved.id,
      partnerIds: [saved.partnerId],
      payload: {
        ...input.context,
        role: saved.role,
        broker: saved.broker,
        partnerId: saved.partnerId,
        emailBound: !!saved.email,
      },
    });
    return { ...toInvitationDto(saved), token };
  }

  /**
   * The token of an invitation when it was derived from its id (null for invitations made
   * before tokens were derived, or after the server secret changed: their hash does not match).
   */
  private async recoverToken(i: InvitationEntity): Promise<string | null> {
    const token = await this.auth.derivedToken(TOKEN_PURPOSE, i.id);
    return sha256(token) === i.tokenHash ? token : null;
  }

  /** Pending invitations (not accepted, revoked or expired), newest first. */
  async listPending(workspaceId: string, q: PaginationQuery): Promise<Page<InvitationDto>> {
    const qb = this.dataSource
      .getRepository(InvitationEntity)
      .createQueryBuilder('i')
      .where('i.workspaceId = :workspaceId', { workspaceId })
      .andWhere('i.acceptedAt IS NULL AND i.revokedAt IS NULL AND i.expiresAt > now()');
    const page = await keysetPage(qb, {
      keys: creationKeys('i'),
      direction: 'DESC',
      limit: q.limit,
      cursor: q.cursor,
    });
    return {
      items: await Promise.all(
        page.items.map(async (i) => toInvitationDto(i, await this.recoverToken(i))),
      ),
      nextCursor: page.nextCursor,
    };
  }

  async revoke(me: Membership, id: string): Promise<void> {
    if (!canManageInvitations(me)) throw forbidden('Only coordinators can revoke invitations');
    await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(InvitationEntity);
      const updated = await repo.update(
        {
          id,
          workspaceId: me.workspaceId,
          acceptedAt: IsNull(),
          revokedAt: IsNull(),
          expiresAt: MoreThan(clock.now()),
        },
        { revokedAt: clock.now() },
      );
      if (!updated.affected) throw notFound('Invitation');
      await this.activity.record(manager, {
        workspaceId: me.workspaceId,
        type: 'invitation.revoked',
        actorId: me.userId,
        subjectType: 'invitation',
        subjectId: id,
      });
    });
  }

  async preview(token: string): Promise<InvitationPreviewDto> {
    const i = await this.findByToken(token);
    const w = await this.workspaces.entity(i.workspaceId);
    return {
      workspaceId: w.id,
      workspaceName: w.name,
      role: i.role,
      broker: i.broker,
      email: i.email,
      expiresAt: i.expiresAt.toISOString(),
      status: invitationState(i, new Date()),
    };
  }

  /**
   * Makes the caller a member by the invitation's secret token (the email link): open and
   * email-bound invitations alike.
   */
  async accept(userId: string, token: string): Promise<MemberDto> {
    const found = await this.findByToken(token);
    return this.acceptInvitation(userId, found.id, 'token');
  }

  /**
   * The pending email-bound invitations for the caller's email (case-insensitively, as
   * `mayAccept`), to workspaces the caller is not a member of, newest first, at most
   * `LIMITS.myInvitationsMax`.
   */
  async listMine(userId: string): Promise<MyInvitationsDto> {
    const [user, memberOf] = await Promise.all([
      this.users.get(userId),
      this.members.workspaceIdsOf(userId),
    ]);
    // Emails pass zEmail (ASCII only), so SQL lower() and the JS rule agree; mayAccept below
    // stays the one that decides.
    const qb = this.dataSource
      .getRepository(InvitationEntity)
      .createQueryBuilder('i')
      .where('lower(i.email) = :email', { email: user.email.trim().toLowerCase() })
      .andWhere('i.acceptedAt IS NULL AND i.revokedAt IS NULL AND i.expiresAt > now()');
    if (memberOf.length) qb.andWhere('NOT (i.workspaceId = ANY(:memberOf))', { memberOf });
    const rows = (
      await qb
        .orderBy('i.createdAt', 'DESC')
        .addOrderBy('i.id', 'DESC')
        .limit(LIMITS.myInvitationsMax)
        .getMany()
    ).filter((i) => answerableById(i.email) && mayAccept(i.email, user.email));
    const [workspaces, inviters] = await Promise.all([
      this.workspaces.entities(rows.map((i) => i.workspaceId)),
      this.users.findByIds(rows.flatMap((i) => (i.createdBy ? [i.createdBy] : []))),
    ]);
    return {
      items: rows.flatMap((i) => {
        const w = workspaces.get(i.workspaceId);
        if (!w) return [];
        return [
          {
            id: i.id,
            workspaceId: i.workspaceId,
            workspaceName: w.name,
            role: i.role,
            broker: i.broker,
            expiresAt: i.expiresAt.toISOString(),
            createdAt: i.createdAt.toISOString(),
            invitedByName: (i.createdBy && inviters.get(i.createdBy)?.displayName) || null,
          },
        ];
      }),
    };
  }

  /**
   * Accepts an email-bound invitation of the caller's email by id, from the app: the same
   * rules, lock and events as the token link. An open invitation is unknown here (404).
   */
  acceptMine(userId: string, invitationId: string): Promise<MemberDto> {
    return this.acceptInvitation(userId, invitationId, 'id');
  }

  /**
   * The invitee says no: the invitation is closed (as revoked, so neither the link nor the app
   * can use it any more) and `invitation.declined` is logged. Same 404/403/409/410 as accepting.
   */
  async decline(userId: string, invitationId: string): Promise<void> {
    const user = await this.users.get(userId);
    await this.dataSource.transaction(async (manager) => {
      const i = await this.lockAnswerable(manager, invitationId, user.email, 'id');
      await manager
        .getRepository(InvitationEntity)
        .update({ id: i.id }, { revokedAt: clock.now() });
      await this.activity.record(manager, {
        workspaceId: i.workspaceId,
        type: 'invitation.declined',
        actorId: userId,
        subjectType: 'invitation',
        subjectId: i.id,
        partnerIds: [i.partnerId],
        payload: { role: i.role, broker: i.broker },
      });
    });
  }

  /**
   * Makes the caller a member. The invitation row is locked, so of two concurrent accepts
   * exactly one succeeds (the other: 409 INVITATION_USED).
   */
  private async acceptInvitation(
    userId: string,
    invitationId: string,
    by: AnswerBy,
  ): Promise<MemberDto> {
    const user = await this.users.get(userId);
    const invitation = await this.dataSource.transaction(async (manager) => {
      const i = await this.lockAnswerable(manager, invitationId, user.email, by);
      await this.members.add(manager, {
        workspaceId: i.workspaceId,
        userId,
        role: i.role,
        broker: i.broker,
        partnerId: i.partnerId,
        actorId: userId,
        via: 'invitation',
        invitationId: i.id,
      });
      await manager
        .getRepository(InvitationEntity)
        .update({ id: i.id }, { acceptedAt: clock.now(), acceptedBy: userId });
      return i;
    });
    return this.members.get(invitation.workspaceId, userId);
  }

  /**
   * Locks the invitation row for the transaction and checks that the user with `userEmail` may
   * answer it now: 404 unknown (or, by id, not email-bound or someone else's), 403 meant for
   * another email (by token),
   * 409 INVITATION_USED, 410 EXPIRED when revoked or expired.
   */
  private async lockAnswerable(
    manager: EntityManager,
    invitationId: string,
    userEmail: string,
    by: AnswerBy,
  ): Promise<InvitationEntity> {
    const i = await manager
      .getRepository(InvitationEntity)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.id = :id', { id: invitationId })
      .getOne();
    if (!i || (by === 'id' && !answerableById(i.email))) throw notFound('Invitation');
    if (!mayAccept(i.email, userEmail)) {
      // By id, someone else's invitation is simply not one of mine: 404 says nothing about it.
      // With the token the holder knows it exists: 403.
      if (by === 'id') throw notFound('Invitation');
      throw forbidden('This invitation is meant for someone else');
    }
    switch (invitationState(i, clock.now())) {
      case 'accepted':
        throw new DomainError(ErrorCode.INVITATION_USED, 'This invitation was already used');
      case 'revoked':
        throw new DomainError(ErrorCode.EXPIRED, 'This invitation was revoked');
      case 'expired':
        throw new DomainError(ErrorCode.EXPIRED, 'This invitation has expired');
      case 'pending':
        return i;
    }
  }

  /** Whether the account with this email is already a member (it could not accept an invitation). */
  async isMemberEmail(workspaceId: string, email: string): Promise<boolean> {
    const user = await this.users.findByEmail(email);
    return !!user && !!(await this.members.membershipOf(workspaceId, user.id));
  }

  /**
   * The existing user an email-bound invitation is for (null when it names no registered
   * email, is not email-bound, or is unknown). Used to notify invitees without putting email
   * addresses in the event log.
   */
  async inviteeOf(invitationId: string): Promise<{ userId: string; workspaceId: string } | null> {
    const i = await this.dataSource.getRepository(InvitationEntity).findOneBy({ id: invitationId });
    if (!i?.email) return null;
    const user = await this.users.findByEmail(i.email);
    return user ? { userId: user.id, workspaceId: i.workspaceId } : null;
  }

  /**
   * What an email to an invited address needs (its link token, the network, partner, role and expiry),
   * while the email-bound invitation is still pending and its link recoverable; else null.
   */
  async pendingEmailOf(invitationId: string): Promise<PendingInvitationEmail | null> {
    const i = await this.dataSource.getRepository(InvitationEntity).findOneBy({ id: invitationId });
    if (!i?.email || invitationState(i, clock.now()) !== 'pending') return null;
    const token = await this.recoverToken(i);
    if (!token) return null;
    const w = await this.workspaces.entity(i.workspaceId);
    return {
      email: i.email,
      token,
      workspaceId: i.workspaceId,
      workspaceName: w.name,
      partnerId: i.partnerId,
      role: i.role,
      broker: i.broker,
      expiresAt: i.expiresAt,
    };
  }

  private async findByToken(token: string): Promise<InvitationEntity> {
    const i = TOKEN.test(token)
      ? await this.dataSource
          .getRepository(InvitationEntity)
          .findOneBy({ tokenHash: sha256(token) })
      : null;
    if (!i) throw notFound('Invitation');
    return i;
  }
}
