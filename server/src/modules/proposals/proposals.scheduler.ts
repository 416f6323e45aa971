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
import { ProposalsService } from './proposals.service';

/**
 * Enforces deadlines: it closes the proposals whose `closesAt` has passed, once right at start
 * (so proposals that fell due while no instance ran close immediately), then at the next open
 * proposal's deadline (within DEADLINE_POLL_MS of it), woken when a proposal is opened or
 * extended here and looking again at least every SWEEP_IDLE_MS for those opened elsewhere. The
 * state lives in the database only, so this survives restarts; SKIP LOCKED in `closeDue` makes
 * several instances close each proposal exactly once.
 */
@Injectable()
export class ProposalsScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly poller: Poller<void>;
  private off: (() => void) | undefined;

  constructor(
    proposals: ProposalsService,
    private readonly bus: EventBus,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.poller = new Poller(
      'deadline sweep',
      { intervalMs: config.scheduler.deadlinePollMs, idleMs: config.scheduler.sweepIdleMs },
      async () => {
        const n = await proposals.closeDue();
        if (n) logger.info({ closed: n }, 'closed due proposals');
      },
      undefined,
      () => proposals.nextDeadlineAt(),
    );
  }

  onApplicationBootstrap(): void {
    this.off = wakeOnActivity(this.bus, this.poller, ['proposal.opened', 'proposal.extended']);
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
