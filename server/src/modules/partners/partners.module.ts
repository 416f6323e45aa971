import { Module, type OnModuleInit } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { ExportModule } from '../export/export.module';
import { ExportRegistry } from '../export/export.repository';
import { MembersModule } from '../members/members.module';
import { PartnersController } from './partners.controller';
import { PartnersService } from './partners.service';

@Module({
  imports: [ActivityModule, MembersModule, ExportModule],
  controllers: [PartnersController],
  providers: [PartnersService],
  exports: [PartnersService],
})
export class PartnersModule implements OnModuleInit {
  constructor(
    private readonly registry: ExportRegistry,
    private readonly partners: PartnersService,
  ) {}

  /** The research export's `partners` section (with joinedAt/leftAt and admittedByProposalId). */
  onModuleInit(): void {
    this.registry.register({
      name: 'partners',
      kind: 'array',
      stream: (ctx) => this.partners.exportBatches(ctx.workspaceId, ctx.batchSize),
    });
  }
}
