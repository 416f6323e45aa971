import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { ConnectionsModule } from '../connections/connections.module';
import { ExperimentsModule } from '../experiments/experiments.module';
import { MembersModule } from '../members/members.module';
import { ParticipationModule } from '../participation/participation.module';
import { PartnersModule } from '../partners/partners.module';
import { SurveysModule } from '../surveys/surveys.module';
import { ResearchController } from './research.controller';
import { ResearchRepository } from './research.repository';
import { ResearchService } from './research.service';

/**
 * Research exports: the network over time (CSV, GEXF), the survey and follow-through tables, the
 * dataset as JSON and ZIP, the codebook, consent to be named.
 */
@Module({
  imports: [
    ActivityModule,
    PartnersModule,
    MembersModule,
    ConnectionsModule,
    ExperimentsModule,
    SurveysModule,
    ParticipationModule,
  ],
  controllers: [ResearchController],
  providers: [ResearchService, ResearchRepository],
  exports: [ResearchService],
})
export class ResearchModule {}
