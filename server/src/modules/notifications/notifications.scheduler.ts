import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { logger } from '../../common/logging/logger';
import { EventBus } from '../../common/events/event-bus';
import { Poller } from '../../common/scheduling/poller';
import { wakeOnActivity } from '../../common/scheduling/wake-on-activity';
import { ActivityService } from '../activity/activity.service';
import { notificationDerivations } from './notification-derivations.repository';
import { NotificationsListener } from './notifications.listener';
import { advanceMark, deriveNotifications } from './notifications.util';

const BATCH = 500;

/**
 * Catches notification derivation up with the activity log, so a crash between a change's
 * commit and its after-commit derivation loses nothing: at start, within DEADLINE_POLL_MS of an
 * event recorded here, again DEADLINE_POLL_MS later while a round leaves events above the mark,
 * and otherwise at least every SWEEP_IDLE_MS (what an instance that crashed left behind), it
 * reads the events above the mark (`notification_cursor`, see its entity), derives those that
 * need it and are not marked derived (only ones already seen by the previous round, so the fast
 * path normally gets there first), then moves the mark over the handled ones, holding it at a
 * seq hole until the hole fills or is NOTIFICATION_SETTLE_MS old. Deriving is exactly once
 * across instances (`NotificationsListener.handle` claims the event's seq); moving the mark
 * takes its row FOR UPDATE SKIP LOCKED, so one instance moves it at a time.
 */
@Injectable()
export class NotificationsScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly poller: Poller<number>;
  private off: (() => void) | undefined;
  /** The last round ended with events above the mark: look again soon. */
  private behind = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
    private readonly listener: NotificationsListener,
    private readonly bus: EventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.poller = new Poller(
      'notifications catch-up',
      { intervalMs: config.scheduler.deadlinePollMs, idleMs: config.scheduler.sweepIdleMs },
      async () => {
        const n = await this.catchUp();
        if (n) logger.warn({ derived: n }, 'notifications: derived events the fast path missed');
        return n;
      },
      0,
      () => (this.behind ? Date.now() : null),
    );
  }

  onApplicationBootstrap(): void {
    this.off = wakeOnActivity(this.bus, this.poller);
    this.poller.start();
  }

  onModuleDestroy(): Promise<void> {
    this.off?.();
    return this.poller.stop();
  }

  /** One catch-up at a time per instance; answers how many events it derived. */
  tick(): Promise<number> {
    return this.poller.tick();
  }

  private async catchUp(): Promise<number> {
    let derived = 0;
    this.behind = true;
    for (;;) {
      const cursor = await notificationDerivations.read(this.dataSource.manager);
      if (!cursor) return derived; // migrations not run yet
      const events = await this.activity.eventsAfter(cursor.seq, BATCH);
      const done = await notificationDerivations.derivedAmong(
        this.dataSource.manager,
        events.map((e) => e.seq),
      );
      const handled: { seq: number; handled: boolean }[] = [];
      for (const e of events) {
        let ok = done.has(e.seq) || !deriveNotifications(e).length;
        if (!ok && e.seq <= cursor.seenSeq) {
          try {
            if (await this.listener.handle(e)) derived++;
            ok = true;
          } catch (err) {
            // The mark waits here and the next round retries; later events still get derived.
            logger.error({ err, eventId: e.id, type: e.type }, 'notifications: catch-up of event');
          }
        }
        handled.push({ seq: e.seq, handled: ok });
      }
      const maxSeq = await this.activity.maxSeq();
      const moved = await this.dataSource.transaction(async (manager) => {
        const locked = await notificationDerivations.lock(manager);
        // Another instance is moving the mark, or moved it meanwhile: leave it to that one.
        if (!locked || locked.seq !== cursor.seq) return false;
        const settled = locked.markAgeMs >= this.config.scheduler.notificationSettleMs;
        const safeSeq = settled ? locked.markSeq : locked.safeSeq;
        const seq = advanceMark(locked.seq, handled, safeSeq);
        await notificationDerivations.save(manager, {
          previousSeq: locked.seq,
          seq,
          seenSeq: Math.max(locked.seenSeq, maxSeq),
          safeSeq,
          ...(settled || locked.markSeq < locked.seq ? { newMark: maxSeq } : {}),
        });
        this.behind = seq < maxSeq;
        return seq > locked.seq;
      });
      if (!moved || events.length < BATCH || this.poller.stopped) return derived;
    }
  }
}
