import { Module, type OnModuleInit } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { ExportModule } from '../export/export.module';
import { ExportRegistry } from '../export/export.repository';
import { ExperimentsModule } from '../experiments/experiments.module';
import { ExperimentsService } from '../experiments/experiments.service';
import { PrinciplesController } from './principles.controller';
import { PrinciplesRepository } from './principles.repository';
import { PrinciplesService } from './principles.service';

@Module({
  imports: [ActivityModule, ExportModule, ExperimentsModule],
  controllers: [PrinciplesController],
  providers: [PrinciplesService, PrinciplesRepository],
  exports: [PrinciplesService],
})
export class PrinciplesModule implements OnModuleInit {
  constructor(
    private readonly registry: ExportRegistry,
    private readonly principles: PrinciplesService,
    private readonly experiments: ExperimentsService,
  ) {}

  /**
   * The research export's `principles` section, by order; and experiments may name only this
   * workspace's principles.
   */
  onModuleInit(): void {
    this.experiments.usePrincipleLookup((manager, workspaceId, ids) =>
      this.principles.existingIds(workspaceId, ids, manager),
    );
    this.registry.register({
      name: 'principles',
      kind: 'array',
      stream: (ctx) => this.principles.exportBatches(ctx.workspaceId, ctx.batchSize),
    });
  }
}
