import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ActivityEventDto } from '@coalesce/shared';
import { DataSource } from 'typeorm';
import { EventBus } from '../../common/events/event-bus';
import { logger } from '../../common/logging/logger';
import { ActivityService } from '../activity/activity.service';
import { InvitationsService } from '../invitations/invitations.service';
import { MembersService } from '../members/members.service';
import { UsersService } from '../users/users.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { notificationDerivations } from './notification-derivations.repository';
import { NotificationsService, type NotificationDraft } from './notifications.service';
import { deriveNotifications, recipientsExcludingActor, type Audience } from './notifications.util';

/**
 * Turns committed activity events into notifications (principle 8: side effects through
 * events). The fast path: `activity.recorded`, published after commit on the instance that
 * wrote the event. A crash between that commit and the derivation would lose the event's
 * notifications, so NotificationsScheduler catches up from the log; both go through `derive`,
 * which marks the event in `notification_derivations` in the transaction that creates its
 * notifications, so each event is derived exactly once whoever gets there first (and the
 * unique (user, event, kind) key backs that up). A failure is logged, never thrown at the
 * publisher: the catch-up retries it.
 */
/**
 * Test only: the process dies right after a change commits, before its notifications are
 * derived (test/crash/notifications-crash.test.ts). Never read outside NODE_ENV=test.
 */
const crashBeforeDerive =
  process.env.NODE_ENV === 'test' && process.env.COALESCE_TEST_CRASH_BEFORE_DERIVE === '1';

@Injectable()
export class NotificationsListener implements OnModuleInit, OnModuleDestroy {
  private off: (() => void) | undefined;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly bus: EventBus,
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly members: MembersService,
    private readonly activity: ActivityService,
    private readonly invitations: InvitationsService,
    private readonly users: UsersService,
    private readonly workspaces: WorkspacesService,
  ) {}

  onModuleInit(): void {
    this.off = this.bus.on('activity.recorded', (event) => {
      if (crashBeforeDerive && deriveNotifications(event).length)
        process.kill(process.pid, 'SIGKILL');
      const p: Promise<unknown> = this.handle(event)
        .catch((err: unknown) =>
          logger.error({ err, eventId: event.id, type: event.type }, 'notification derivation'),
        )
        .finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.off?.();
    await this.idle();
  }

  /** Resolves when every event received so far has been handled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  /**
   * Derives the event's notifications unless that was done already; answers whether this call
   * did it. The recipients are resolved before the (short) transaction: the embedded database
   * runs one transaction at a time, and reads elsewhere would wait on it.
   */
  async handle(event: ActivityEventDto): Promise<boolean> {
    if (!deriveNotifications(event).length) return false;
    const drafts = await this.drafts(event);
    return this.dataSource.transaction(async (manager) => {
      if (!(await notificationDerivations.claim(manager, event.seq))) return false;
      await this.notifications.deliver(manager, drafts);
      // Nobody has an account with the invited address: the invitation goes to it by email.
      if (
        event.type === 'invitation.created' &&
        event.payload.emailBound === true &&
        event.subjectId &&
        !drafts.some((d) => d.kind === 'invited')
      ) {
        await this.notifications.queueInvitationEmail(manager, event.subjectId, event.workspaceId);
      }
      return true;
    });
  }

  private async drafts(event: ActivityEventDto): Promise<NotificationDraft[]> {
    const derived = deriveNotifications(event);
    if (!derived.length) return [];
    const [workspaceName, actorName] = await Promise.all([
      this.workspaces
        .entity(event.workspaceId)
        .then((w) => w.name)
        .catch(() => undefined),
      event.actorId
        ? this.users.findById(event.actorId).then((u) => u?.displayName)
        : Promise.resolve(undefined),
    ]);
    const drafts: NotificationDraft[] = [];
    for (const d of derived) {
      const users = recipientsExcludingActor(
        await this.resolve(event.workspaceId, d.audience),
        d.includeActor ? null : event.actorId,
      );
      for (const userId of users) {
        drafts.push({
          userId,
          workspaceId: event.workspaceId,
          kind: d.kind,
          subjectType: d.subjectType,
          subjectId: d.subjectId,
          eventId: event.id,
          payload: {
            ...d.payload,
            ...(workspaceName !== undefined ? { workspaceName } : {}),
            ...(actorName !== undefined ? { actorName } : {}),
          },
        });
      }
    }
    return drafts;
  }

  private async resolve(workspaceId: string, a: Audience): Promise<string[]> {
    const users = [...(a.userIds ?? [])];
    const partners = [...(a.partnerIds ?? [])];
    if (a.proposalParticipantsOf) {
      for (const e of await this.activity.eventsAbout(workspaceId, a.proposalParticipantsOf, [
        'proposal.opened',
        'vote.cast',
      ])) {
        if (e.actorId) users.push(e.actorId);
        const partnerId = e.type === 'vote.cast' ? e.payload.partnerId : undefined;
        if (typeof partnerId === 'string') partners.push(partnerId);
      }
    }
    if (a.connectionProposerOf) {
      const [proposed] = await this.activity.eventsAbout(workspaceId, a.connectionProposerOf, [
        'connection.proposed',
      ]);
      if (proposed?.actorId) users.push(proposed.actorId);
    }
    if (a.inviteeOf) {
      const invitee = await this.invitations.inviteeOf(a.inviteeOf);
      if (invitee && invitee.workspaceId === workspaceId) users.push(invitee.userId);
    }
    if (a.coordinators) {
      users.push(...(await this.members.coordinatorIdsOf(workspaceId)));
    }
    if (partners.length) {
      const reps = await this.members.representativesOf(workspaceId, partners);
      users.push(...reps.map((r) => r.userId));
    }
    return users;
  }
}
