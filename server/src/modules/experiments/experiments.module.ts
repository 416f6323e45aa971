import { Module, type OnModuleInit } from '@nestjs/common';
import { LIMITS } from '@coalesce/shared';
import { pagesOf } from '../../common/pagination/page-stream';
import { ExportModule } from '../export/export.module';
import { ExportRegistry } from '../export/export.repository';
import { ActivityModule } from '../activity/activity.module';
import { PartnersModule } from '../partners/partners.module';
import { ExperimentsController } from './experiments.controller';
import { ExperimentsRepository } from './experiments.repository';
import { ExperimentsService } from './experiments.service';

@Module({
  imports: [ActivityModule, PartnersModule, ExportModule],
  controllers: [ExperimentsController],
  providers: [ExperimentsService, ExperimentsRepository],
  exports: [ExperimentsService],
})
export class ExperimentsModule implements OnModuleInit {
  constructor(
    private readonly registry: ExportRegistry,
    private readonly service: ExperimentsService,
  ) {}

  /** The research export's `experiments` section, with their learnings, page by page. */
  onModuleInit(): void {
    this.registry.register({
      name: 'experiments',
      kind: 'array',
      stream: (ctx) =>
        pagesOf((cursor) =>
          this.service.list(ctx.workspaceId, {
            limit: Math.min(ctx.batchSize, LIMITS.pageMax),
            ...(cursor ? { cursor } : {}),
          }),
        ),
    });
  }
}
