import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { logger } from '../../common/logging/logger';
import { EventBus } from '../../common/events/event-bus';
import { Poller } from '../../common/scheduling/poller';
import { wakeOnActivity } from '../../common/scheduling/wake-on-activity';
import { SweepPause } from '../../common/events/sweep-pause';
import { ConnectionsService } from './connections.service';

/**
 * Closes connections nobody finished answering: at start, when the oldest open one's time is up
 * (within DEADLINE_POLL_MS), when one is proposed here, and at least every SWEEP_IDLE_MS, it
 * expires the open ones proposed more than CONNECTION_EXPIRY_DAYS ago. The state is
 * in the database only; SKIP LOCKED in `expireDue` makes several instances expire each
 * connection exactly once.
 */
@Injectable()
export class ConnectionsScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly poller: Poller<void>;
  private off: (() => void) | undefined;

  constructor(
    connections: ConnectionsService,
    sweepPause: SweepPause,
    private readonly bus: EventBus,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.poller = new Poller(
      'connection expiry sweep',
      { intervalMs: config.scheduler.deadlinePollMs, idleMs: config.scheduler.sweepIdleMs },
      async () => {
        const skip = await sweepPause.workspaceIds();
        const n = await connections.expireDue(config.scheduler.connectionExpiryDays, { skip });
        if (n) logger.info({ expired: n }, 'expired open connections');
      },
      undefined,
      () => connections.nextExpiryAt(config.scheduler.connectionExpiryDays),
    );
  }

  onApplicationBootstrap(): void {
    this.off = wakeOnActivity(this.bus, this.poller, ['connection.proposed']);
    this.poller.start();
  }

  onModuleDestroy(): Promise<void> {
    this.off?.();
    return this.poller.stop();
  }

  tick(): Promise<void> {
    return this.poller.tick();
  }
}
