import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { DocumentsModule } from '../documents/documents.module';
import { MembersModule } from '../members/members.module';
import { WorkspacesController } from './workspaces.controller';
import { WorkspacesService } from './workspaces.service';

@Module({
  imports: [MembersModule, DocumentsModule, ActivityModule],
  controllers: [WorkspacesController],
  providers: [WorkspacesService],
  exports: [WorkspacesService],
})
export class WorkspacesModule {}
