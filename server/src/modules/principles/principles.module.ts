import { Module, type OnModuleInit } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { ExportModule } from '../export/export.module';
import { ExportRegistry } from '../export/export.repository';
import { PrinciplesController } from './principles.controller';
import { PrinciplesService } from './principles.service';

@Module({
  imports: [ActivityModule, ExportModule],
  controllers: [PrinciplesController],
  providers: [PrinciplesService],
  exports: [PrinciplesService],
})
export class PrinciplesModule implements OnModuleInit {
  constructor(
    private readonly registry: ExportRegistry,
    private readonly principles: PrinciplesService,
  ) {}

  /** The research export's `principles` section, by order. */
  onModuleInit(): void {
    this.registry.register({
      name: 'principles',
      kind: 'array',
      stream: (ctx) => this.principles.exportBatches(ctx.workspaceId, ctx.batchSize),
    });
  }
}
