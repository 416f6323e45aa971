import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { logger } from '../../common/logging/logger';
import { ActivityService } from '../activity/activity.service';
import { MembersService } from '../members/members.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { NotificationsService, type NotificationDraft } from './notifications.service';
import { VoteReminderEntity } from './vote-reminder.entity';
import {
  DUE_REMINDER_SOURCE,
  type DueReminder,
  type DueReminderSource,
} from './vote-reminders.repository';

const BATCH = 100;

/**
 * Durable vote reminders. Every DEADLINE_POLL_MS each instance claims due (proposal, partner)
 * pairs (FOR UPDATE SKIP LOCKED) and, in ONE transaction, inserts them into `vote_reminders`
 * (ON CONFLICT DO NOTHING) and creates `vote_reminder` notifications for the representatives
 * of the pairs it actually inserted. So each partner is reminded exactly once per proposal:
 * across restarts (the table remembers), instances (locks + the unique key) and crashes (a
 * rolled-back transaction leaves neither the row nor the notifications).
 */
@Injectable()
export class VoteRemindersService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(DUE_REMINDER_SOURCE) private readonly source: DueReminderSource,
    private readonly notifications: NotificationsService,
    private readonly members: MembersService,
    private readonly activity: ActivityService,
    private readonly workspaces: WorkspacesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.tick()
        .catch((err: unknown) => logger.error({ err }, 'vote reminders'))
        .finally(() => (this.running = undefined));
    }, this.config.scheduler.deadlinePollMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Sends every reminder due at `now`; answers how many (proposal, partner) pairs it sent. */
  async tick(now = new Date(), source: DueReminderSource = this.source): Promise<number> {
    if (source.ready && !(await source.ready(this.dataSource.manager))) return 0;
    let total = 0;
    for (;;) {
      const { claimed, sent } = await this.dataSource.transaction(async (manager) => {
        const due = await source.claimDue(manager, {
          now,
          leadHours: this.config.scheduler.reminderLeadHours,
          limit: BATCH,
        });
        if (!due.length) return { claimed: 0, sent: 0 };
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(VoteReminderEntity)
          .values(
            due.map((d) => ({
              proposalId: d.proposalId,
              partnerId: d.partnerId,
              workspaceId: d.workspaceId,
            })),
          )
          .orIgnore()
          .returning(['proposalId', 'partnerId'])
          .execute();
        const fresh = new Set(
          (inserted.raw as { proposalId: string; partnerId: string }[]).map(
            (r) => `${r.proposalId}/${r.partnerId}`,
          ),
        );
        const toSend = due.filter((d) => fresh.has(`${d.proposalId}/${d.partnerId}`));
        await this.notifications.deliver(manager, await this.drafts(manager, toSend));
        return { claimed: due.length, sent: toSend.length };
      });
      total += sent;
      if (claimed < BATCH || sent === 0) return total;
    }
  }

  private async drafts(manager: EntityManager, due: DueReminder[]): Promise<NotificationDraft[]> {
    const drafts: NotificationDraft[] = [];
    const byWorkspace = new Map<string, DueReminder[]>();
    for (const d of due)
      byWorkspace.set(d.workspaceId, [...(byWorkspace.get(d.workspaceId) ?? []), d]);
    for (const [workspaceId, items] of byWorkspace) {
      const reps = await this.members.representativesOf(
        workspaceId,
        items.map((d) => d.partnerId),
        manager,
      );
      const workspaceName = await this.workspaces
        .entity(workspaceId, manager)
        .then((w) => w.name)
        .catch(() => undefined);
      const context = new Map<string, Record<string, unknown>>();
      for (const d of items) {
        if (!context.has(d.proposalId)) {
          const [opened] = await this.activity.eventsAbout(
            workspaceId,
            d.proposalId,
            ['proposal.opened'],
            manager,
          );
          const p = opened?.payload ?? {};
          context.set(d.proposalId, {
            ...(typeof p.candidateName === 'string' ? { candidateName: p.candidateName } : {}),
            ...(typeof p.tier === 'string' ? { tier: p.tier } : {}),
          });
        }
        for (const r of reps.filter((x) => x.partnerId === d.partnerId)) {
          drafts.push({
            userId: r.userId,
            workspaceId,
            kind: 'vote_reminder',
            subjectType: 'proposal',
            subjectId: d.proposalId,
            eventId: null,
            payload: {
              proposalId: d.proposalId,
              partnerId: d.partnerId,
              closesAt: d.closesAt.toISOString(),
              ...context.get(d.proposalId),
              ...(workspaceName !== undefined ? { workspaceName } : {}),
            },
          });
        }
      }
    }
    return drafts;
  }
}
