import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { EventBus } from '../../common/events/event-bus';
import { Poller } from '../../common/scheduling/poller';
import { wakeOnActivity } from '../../common/scheduling/wake-on-activity';
import { ActivityService } from '../activity/activity.service';
import { MembersService } from '../members/members.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { NotificationsService, type NotificationDraft } from './notifications.service';
import { reminderKey, voteRemindersRepository } from './vote-reminders.repository';

/** Proposals per transaction. */
const BATCH = 100;

/** An open proposal whose vote-reminder moment has come, as the proposals module answers it. */
export interface DueVoteReminder {
  proposalId: string;
  workspaceId: string;
  closesAt: Date;
  /** The electorate partners without an effective vote (neither their own nor their delegate's). */
  partnerIds: string[];
}

/** Where a page of `DueReminderSource.dueVoteReminders` ended (keyset: closesAt, then id). */
export interface DueReminderCursor {
  closesAt: Date;
  proposalId: string;
}

/**
 * The port through which the reminders learn who is due one. The proposals module owns that
 * question (its tables, its delegation rules) and supplies the answer with `useSource` on its
 * init: it already imports this module, so the dependency runs one way only.
 */
export interface DueReminderSource {
  /**
   * In the caller's transaction: up to `limit` open, voted-on proposals with
   * `closesAt - leadHours <= now < closesAt`, in (closesAt, id) order after `after`, each locked
   * FOR UPDATE SKIP LOCKED (one a vote or another instance holds is left to a later round),
   * with the electorate partners that still owe a vote (possibly none).
   */
  dueVoteReminders(
    manager: EntityManager,
    opts: { now: Date; leadHours: number; limit: number; after?: DueReminderCursor },
  ): Promise<DueVoteReminder[]>;
  /**
   * The earliest `closesAt - leadHours` still after now, of an open, voted-on proposal: when
   * reminders are due next (ms since the epoch; null: none).
   */
  nextVoteReminderAt(leadHours: number): Promise<number | null>;
}

/** One (proposal, partner) pair to remind. */
interface DueReminder {
  proposalId: string;
  workspaceId: string;
  partnerId: string;
  closesAt: Date;
}

/**
 * Durable vote reminders. At start, at each proposal's reminder moment (`closesAt` minus
 * REMINDER_LEAD_HOURS, within DEADLINE_POLL_MS), when a proposal is opened or extended here, and
 * at least every SWEEP_IDLE_MS, each instance pages through the proposals whose reminder moment
 * has come (asked of the proposals module, which locks each page FOR UPDATE
 * SKIP LOCKED) and, in ONE transaction per page, claims their (proposal, partner) pairs in
 * `vote_reminders` (ON CONFLICT DO NOTHING) and creates `vote_reminder` notifications for the
 * representatives of the pairs it actually inserted. So each partner is reminded exactly once
 * per proposal: across restarts (the table remembers), instances (the primary key; the locks
 * keep them on different proposals) and crashes (a rolled-back transaction leaves neither the
 * row nor the notifications).
 */
@Injectable()
export class VoteRemindersService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly poller: Poller<number>;
  private source: DueReminderSource | undefined;
  private off: (() => void) | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly members: MembersService,
    private readonly activity: ActivityService,
    private readonly workspaces: WorkspacesService,
    private readonly bus: EventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.poller = new Poller(
      'vote reminders',
      { intervalMs: config.scheduler.deadlinePollMs, idleMs: config.scheduler.sweepIdleMs },
      () => this.tick(),
      0,
      () => this.source?.nextVoteReminderAt(config.scheduler.reminderLeadHours) ?? null,
    );
  }

  onApplicationBootstrap(): void {
    // A new or moved deadline moves its reminder; a revoked delegation can leave a partner owing.
    this.off = wakeOnActivity(this.bus, this.poller, [
      'proposal.opened',
      'proposal.extended',
      'delegation.revoked',
    ]);
    this.poller.start();
  }

  onModuleDestroy(): Promise<void> {
    this.off?.();
    return this.poller.stop();
  }

  /** The proposals module answers who is due a reminder (until then, nobody is). */
  useSource(source: DueReminderSource): void {
    this.source = source;
  }

  /**
   * Sends every reminder due at `now`, `batch` proposals per transaction; answers how many
   * (proposal, partner) pairs it sent.
   */
  async tick(now = new Date(), batch = BATCH): Promise<number> {
    const source = this.source;
    if (!source) return 0;
    let total = 0;
    let after: DueReminderCursor | undefined;
    for (;;) {
      const cursor = after;
      const page = await this.dataSource.transaction(async (manager) => {
        const due = await source.dueVoteReminders(manager, {
          now,
          leadHours: this.config.scheduler.reminderLeadHours,
          limit: batch,
          ...(cursor ? { after: cursor } : {}),
        });
        const pairs = due.flatMap((d) =>
          d.partnerIds.map((partnerId) => ({
            proposalId: d.proposalId,
            workspaceId: d.workspaceId,
            partnerId,
            closesAt: d.closesAt,
          })),
        );
        const fresh = await voteRemindersRepository.claim(manager, pairs);
        const toSend = pairs.filter((p) => fresh.has(reminderKey(p)));
        await this.notifications.deliver(manager, await this.drafts(manager, toSend));
        return { due, sent: toSend.length };
      });
      total += page.sent;
      const last = page.due[page.due.length - 1];
      if (!last || page.due.length < batch) return total;
      after = { closesAt: last.closesAt, proposalId: last.proposalId };
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
