import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { logger } from '../../common/logging/logger';
import { Poller } from '../../common/scheduling/poller';
import { ProposalsService } from './proposals.service';

/**
 * Enforces deadlines: every `scheduler.deadlinePollMs` (default 1 s) it closes the proposals
 * whose `closesAt` has passed, and once right at start, so proposals that fell due while no
 * instance ran close immediately. The state lives in the database only, so this survives
 * restarts; SKIP LOCKED in `closeDue` makes several instances close each proposal exactly once.
 */
@Injectable()
export class ProposalsScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly poller: Poller<void>;

  constructor(proposals: ProposalsService, @Inject(APP_CONFIG) config: AppConfig) {
    this.poller = new Poller(
      'deadline sweep',
      config.scheduler.deadlinePollMs,
      async () => {
        const n = await proposals.closeDue();
        if (n) logger.info({ closed: n }, 'closed due proposals');
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
