import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { DocumentsModule } from '../documents/documents.module';
import { ExperimentsModule } from '../experiments/experiments.module';
import { MembersModule } from '../members/members.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { ThreadsController } from './threads.controller';
import { ThreadsService } from './threads.service';

/**
 * Discussions (threads of comments) on documents, proposals and experiments. The subjects are
 * asked of their own modules' services; mentions become notifications through the events.
 */
@Module({
  imports: [ActivityModule, MembersModule, ProposalsModule, ExperimentsModule, DocumentsModule],
  controllers: [ThreadsController],
  providers: [ThreadsService],
  exports: [ThreadsService],
})
export class ThreadsModule {}
