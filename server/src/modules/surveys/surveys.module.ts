import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { PartnersModule } from '../partners/partners.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { SurveysController } from './surveys.controller';
import { SurveysScheduler } from './surveys.scheduler';
import { SurveysService } from './surveys.service';

/** Relationship survey waves and the stage self-assessment (research instruments). */
@Module({
  imports: [ActivityModule, PartnersModule, WorkspacesModule],
  controllers: [SurveysController],
  providers: [SurveysService, SurveysScheduler],
  exports: [SurveysService],
})
export class SurveysModule {}
