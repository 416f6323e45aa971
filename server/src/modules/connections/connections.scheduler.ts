import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { logger } from '../../common/logging/logger';
import { Poller } from '../../common/scheduling/poller';
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
  private readonly poller: Poller<void>;

  constructor(
    connections: ConnectionsService,
    sweepPause: SweepPause,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.poller = new Poller(
      'connection expiry sweep',
      config.scheduler.deadlinePollMs,
      async () => {
        const skip = await sweepPause.workspaceIds();
        const n = await connections.expireDue(config.scheduler.connectionExpiryDays, { skip });
        if (n) logger.info({ expired: n }, 'expired open connections');
      },
      undefined,
    );
  }

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.poller.stop();
  }

  tick(): Promise<void> {
    return this.poller.tick();
  }
}
