import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { logger } from '../../common/logging/logger';
import { SweepPause } from '../../common/events/sweep-pause';
import { ConnectionsService } from './connections.service';

/**
 * Closes connections nobody finished answering: every `scheduler.deadlinePollMs` (and once at
 * start) it expires the open ones proposed more than CONNECTION_EXPIRY_DAYS ago. The state is
 * in the database only; SKIP LOCKED in `expireDue` makes several instances expire each
 * connection exactly once.
 */
@Injectable()
export class ConnectionsScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly connections: ConnectionsService,
    private readonly sweepPause: SweepPause,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.scheduler.deadlinePollMs);
    this.timer.unref();
    this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep at a time per instance; a slow sweep simply skips the next ticks. */
  tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.sweepPause
      .workspaceIds()
      .then((skip) =>
        this.connections.expireDue(this.config.scheduler.connectionExpiryDays, { skip }),
      )
      .then((n) => {
        if (n) logger.info({ expired: n }, 'expired open connections');
      })
      .catch((err: unknown) => logger.error({ err }, 'connection expiry sweep failed'))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
