import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { DocumentsModule } from '../documents/documents.module';
import { MembersModule } from '../members/members.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { ExportController } from './export.controller';
import { ExportRegistry } from './export.repository';
import { ExportService } from './export.service';

/**
 * The research export. Feature modules add their section by importing this module and calling
 * `ExportRegistry.register({name: 'proposals', kind: 'array', stream})` in `onModuleInit`.
 */
@Module({
  imports: [WorkspacesModule, MembersModule, ActivityModule, DocumentsModule],
  controllers: [ExportController],
  providers: [ExportRegistry, ExportService],
  exports: [ExportRegistry],
})
export class ExportModule {}
