import { Module, type OnModuleInit } from '@nestjs/common';
import { LIMITS } from '@coalesce/shared';
import { pagesOf } from '../../common/pagination/page-stream';
import { ExportModule } from '../export/export.module';
import { ExportRegistry } from '../export/export.repository';
import { ActivityModule } from '../activity/activity.module';
import { MembersModule } from '../members/members.module';
import { PartnersModule } from '../partners/partners.module';
import { ConnectionsScheduler } from './connections.scheduler';
import { ConnectionsController } from './connections.controller';
import { ConnectionsRepository } from './connections.repository';
import { ConnectionsService } from './connections.service';

@Module({
  imports: [ActivityModule, PartnersModule, MembersModule, ExportModule],
  controllers: [ConnectionsController],
  providers: [ConnectionsService, ConnectionsRepository, ConnectionsScheduler],
  exports: [ConnectionsService],
})
export class ConnectionsModule implements OnModuleInit {
  constructor(
    private readonly registry: ExportRegistry,
    private readonly service: ConnectionsService,
  ) {}

  /** The research export's `connections` section, with every response, page by page. */
  onModuleInit(): void {
    this.registry.register({
      name: 'connections',
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
