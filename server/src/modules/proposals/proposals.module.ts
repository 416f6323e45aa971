import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { PartnersModule } from '../partners/partners.module';
import { PoliciesModule } from '../policies/policies.module';
import { PrinciplesModule } from '../principles/principles.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { ProposalsController } from './proposals.controller';
import { ProposalsScheduler } from './proposals.scheduler';
import { ProposalsService } from './proposals.service';

@Module({
  imports: [ActivityModule, PartnersModule, PoliciesModule, PrinciplesModule, WorkspacesModule],
  controllers: [ProposalsController],
  providers: [ProposalsService, ProposalsScheduler],
  exports: [ProposalsService],
})
export class ProposalsModule {}
