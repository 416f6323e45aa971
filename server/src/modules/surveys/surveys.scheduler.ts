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
import { SurveysService } from './surveys.service';

/**
 * Opens, reminds about (REMINDER_LEAD_HOURS before closing) and closes survey waves: once at
 * start, so what fell due while the server was down happens right after it comes back, then at
 * the next wave's next moment (within DEADLINE_POLL_MS of it), woken when a wave is scheduled or
 * opened here and looking again at least every SWEEP_IDLE_MS.
 */
@Injectable()
export class SurveysScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly poller: Poller<void>;
  private off: (() => void) | undefined;

  constructor(
    surveys: SurveysService,
    sweepPause: SweepPause,
    private readonly bus: EventBus,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.poller = new Poller(
      'survey sweep',
      { intervalMs: config.scheduler.deadlinePollMs, idleMs: config.scheduler.sweepIdleMs },
      async () => {
        const skip = await sweepPause.workspaceIds();
        const n = await surveys.sweep({ leadHours: config.scheduler.reminderLeadHours, skip });
        if (n) logger.info({ steps: n }, 'survey waves opened, reminded or closed');
      },
      undefined,
      () => surveys.nextDueAt(config.scheduler.reminderLeadHours),
    );
  }

  onApplicationBootstrap(): void {
    this.off = wakeOnActivity(this.bus, this.poller, ['survey.scheduled', 'survey.opened']);
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
