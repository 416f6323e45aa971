import { Inject, Injectable } from '@nestjs/common';
import {
  resolveNotificationPreferences,
  type NotificationDto,
  type NotificationKind,
  type NotificationListQuery,
  type NotificationPreferences,
  type Page,
  type UpdateNotificationPreferencesInput,
} from '@coalesce/shared';
import { DataSource, type EntityManager, In } from 'typeorm';
import { afterCommit } from '../../common/database/after-commit';
import { notFound } from '../../common/errors/domain-error';
import { EventBus } from '../../common/events/event-bus';
import { creationKeys, keysetPage, mapPage } from '../../common/pagination/cursor';
import { InvitationEmailsRepository } from './invitation-emails.repository';
import { NotificationEmailService } from './notification-email.service';
import { NotificationPreferencesEntity } from './notification-preferences.entity';
import { NotificationEntity } from './notifications.entity';
import { NotificationsRepository } from './notifications.repository';
import { voteRemindersRepository } from './vote-reminders.repository';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { clock } from '../../common/clock/clock';

/** A notification to create for one user (channels are chosen from their preferences). */
export interface NotificationDraft {
  userId: string;
  workspaceId: string;
  kind: NotificationKind;
  subjectType: string;
  subjectId: string | null;
  /** The activity event it comes from; (userId, eventId, kind) is unique. */
  eventId: string | null;
  payload: Record<string, unknown>;
}

export function toNotificationDto(n: NotificationEntity): NotificationDto {
  return {
    id: n.id,
    workspaceId: n.workspaceId,
    kind: n.kind,
    subjectType: n.subjectType,
    subjectId: n.subjectId,
    eventId: n.eventId,
    payload: n.payload,
    readAt: n.readAt ? n.readAt.toISOString() : null,
    createdAt: n.createdAt.toISOString(),
  };
}

@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly email: NotificationEmailService,
    private readonly repository: NotificationsRepository,
    private readonly invitationEmails: InvitationEmailsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A proposal's deadline moved to `closesAt` (in the caller's transaction): when its reminder
   * moment (REMINDER_LEAD_HOURS before) lies in the future again, the reminders already sent are
   * forgotten, so each partner still without a vote is reminded before the new deadline.
   */
  async rescheduleVoteReminders(
    manager: EntityManager,
    proposalId: string,
    closesAt: Date,
    now: Date,
  ): Promise<void> {
    const remindAt = closesAt.getTime() - this.config.scheduler.reminderLeadHours * 3_600_000;
    if (remindAt <= now.getTime()) return;
    await voteRemindersRepository.forget(manager, proposalId);
  }

  /**
   * Creates the drafts' notifications in the caller's transaction, on the channels each user
   * wants: in-app (listed, counted, pushed) and/or email (queued in the outbox, sent after
   * commit). A draft already created for the same user, event and kind is skipped, so deriving
   * twice is harmless. After commit: pushes to `user:<id>` and wakes the email sender.
   */
  async deliver(
    manager: EntityManager,
    drafts: NotificationDraft[],
  ): Promise<NotificationEntity[]> {
    if (!drafts.length) return [];
    // A simulated history (the demo) leaves its notifications as they would be by now: dated
    // then, already read, never emailed.
    const simulated = clock.simulated();
    const prefs = await this.preferencesOf(
      drafts.map((d) => d.userId),
      manager,
    );
    const values = drafts.flatMap((d) => {
      const p = prefs.get(d.userId) ?? resolveNotificationPreferences();
      const inApp = p.inApp[d.kind];
      const email = this.email.enabled && p.email[d.kind] && !simulated;
      if (!inApp && !email) return [];
      return [
        {
          ...d,
          payload: d.payload as object,
          inApp,
          emailStatus: email ? ('pending' as const) : null,
          emailNextAt: email ? () => 'now()' : null,
          ...(simulated ? { createdAt: simulated, readAt: simulated } : {}),
        },
      ];
    });
    if (!values.length) return [];
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(values as never)
      .orIgnore()
      .returning('*')
      .execute();
    const created = (result.raw as (NotificationEntity & { createdAt: Date | string })[]).map(
      (r) => ({
        ...r,
        createdAt: new Date(r.createdAt),
        readAt: r.readAt ? new Date(r.readAt) : null,
      }),
    );
    if (created.length) afterCommit(manager, () => this.announce(created));
    return created;
  }

  /**
   * An email-bound invitation to an address without an account: with SMTP, an email with its
   * link goes to that address (queued here, in the deriving transaction; sent after commit).
   * Never for a simulated history.
   */
  async queueInvitationEmail(
    manager: EntityManager,
    invitationId: string,
    workspaceId: string,
  ): Promise<void> {
    if (!this.email.enabled || clock.simulated()) return;
    await this.invitationEmails.enqueue(manager, invitationId, workspaceId);
    afterCommit(manager, () => this.email.kick());
  }

  private async announce(created: NotificationEntity[]): Promise<void> {
    if (created.some((n) => n.emailStatus === 'pending')) this.email.kick();
    const shown = created.filter((n) => n.inApp);
    const counts = await this.unreadCounts([...new Set(shown.map((n) => n.userId))]);
    for (const n of shown) {
      this.bus.emit('notification.pushed', {
        userId: n.userId,
        push: {
          reason: 'created',
          notification: toNotificationDto(n),
          unreadCount: counts.get(n.userId) ?? 0,
        },
      });
    }
  }

  /** The caller's in-app notifications, newest first. */
  async list(userId: string, q: NotificationListQuery): Promise<Page<NotificationDto>> {
    const qb = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.userId = :userId AND n.inApp', { userId });
    if (q.unread === true) qb.andWhere('n.readAt IS NULL');
    if (q.unread === false) qb.andWhere('n.readAt IS NOT NULL');
    const page = await keysetPage(qb, {
      keys: creationKeys('n'),
      direction: 'DESC',
      limit: q.limit,
      cursor: q.cursor,
    });
    return mapPage(page, toNotificationDto);
  }

  async unreadCount(userId: string): Promise<number> {
    return (await this.unreadCounts([userId])).get(userId) ?? 0;
  }

  private async unreadCounts(userIds: string[]): Promise<Map<string, number>> {
    if (!userIds.length) return new Map();
    return this.repository.unreadCounts(userIds);
  }

  /** Marks one of the caller's notifications read (again: unchanged); 404 if not theirs. */
  async markRead(userId: string, id: string): Promise<NotificationDto> {
    const repo = this.dataSource.getRepository(NotificationEntity);
    await repo
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'now()' })
      .where('id = :id AND "userId" = :userId AND "readAt" IS NULL', { id, userId })
      .execute();
    const n = await repo.findOneBy({ id, userId, inApp: true });
    if (!n) throw notFound('Notification');
    const dto = toNotificationDto(n);
    this.bus.emit('notification.pushed', {
      userId,
      push: { reason: 'read', notification: dto, unreadCount: await this.unreadCount(userId) },
    });
    return dto;
  }

  async markAllRead(userId: string): Promise<{ updated: number; unreadCount: number }> {
    const result = await this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'now()' })
      .where('"userId" = :userId AND "readAt" IS NULL', { userId })
      .execute();
    const unreadCount = await this.unreadCount(userId);
    this.bus.emit('notification.pushed', {
      userId,
      push: { reason: 'read_all', notification: null, unreadCount },
    });
    return { updated: result.affected ?? 0, unreadCount };
  }

  async getPreferences(userId: string): Promise<NotificationPreferences> {
    return (await this.preferencesOf([userId])).get(userId)!;
  }

  async putPreferences(
    userId: string,
    input: UpdateNotificationPreferencesInput,
  ): Promise<NotificationPreferences> {
    const resolved = resolveNotificationPreferences(input);
    await this.dataSource
      .getRepository(NotificationPreferencesEntity)
      .upsert({ userId, inApp: resolved.inApp, email: resolved.email }, ['userId']);
    return resolved;
  }

  private async preferencesOf(
    userIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, NotificationPreferences>> {
    const ids = [...new Set(userIds)];
    const rows = await manager
      .getRepository(NotificationPreferencesEntity)
      .findBy({ userId: In(ids) });
    const byId = new Map(rows.map((r) => [r.userId, r]));
    return new Map(ids.map((id) => [id, resolveNotificationPreferences(byId.get(id))]));
  }
}
