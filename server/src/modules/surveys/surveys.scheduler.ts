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
import { SurveysService } from './surveys.service';

/**
 * Opens, reminds about (REMINDER_LEAD_HOURS before closing) and closes survey waves: every
 * `scheduler.deadlinePollMs` and once at start, so what fell due while the server was down
 * happens right after it comes back.
 */
@Injectable()
export class SurveysScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly poller: Poller<void>;

  constructor(
    surveys: SurveysService,
    sweepPause: SweepPause,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.poller = new Poller(
      'survey sweep',
      config.scheduler.deadlinePollMs,
      async () => {
        const skip = await sweepPause.workspaceIds();
        const n = await surveys.sweep({ leadHours: config.scheduler.reminderLeadHours, skip });
        if (n) logger.info({ steps: n }, 'survey waves opened, reminded or closed');
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
