import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { logger } from '../../common/logging/logger';
import { ProposalsService } from './proposals.service';

/**
 * Enforces deadlines: every `scheduler.deadlinePollMs` (default 1 s) it closes the proposals
 * whose `closesAt` has passed, and once right at start, so proposals that fell due while no
 * instance ran close immediately. The state lives in the database only, so this survives
 * restarts; SKIP LOCKED in `closeDue` makes several instances close each proposal exactly once.
 */
@Injectable()
export class ProposalsScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly proposals: ProposalsService,
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
    this.running ??= this.proposals
      .closeDue()
      .then((n) => {
        if (n) logger.info({ closed: n }, 'closed due proposals');
      })
      .catch((err: unknown) => logger.error({ err }, 'deadline sweep failed'))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
