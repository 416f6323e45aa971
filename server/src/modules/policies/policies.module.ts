import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { PartnersModule } from '../partners/partners.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { PoliciesController } from './policies.controller';
import { PoliciesService } from './policies.service';

@Module({
  imports: [ActivityModule, PartnersModule, WorkspacesModule],
  controllers: [PoliciesController],
  providers: [PoliciesService],
  exports: [PoliciesService],
})
export class PoliciesModule {}
