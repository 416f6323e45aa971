import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { ConnectionsModule } from '../connections/connections.module';
import { ExperimentsModule } from '../experiments/experiments.module';
import { MembersModule } from '../members/members.module';
import { PartnersModule } from '../partners/partners.module';
import { ResearchController } from './research.controller';
import { ResearchRepository } from './research.repository';
import { ResearchService } from './research.service';

/** Research instruments: network tables over time (CSV, GEXF), codebook, consent to be named. */
@Module({
  imports: [ActivityModule, PartnersModule, MembersModule, ConnectionsModule, ExperimentsModule],
  controllers: [ResearchController],
  providers: [ResearchService, ResearchRepository],
  exports: [ResearchService],
})
export class ResearchModule {}
