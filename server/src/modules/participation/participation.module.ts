import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { DocumentsModule } from '../documents/documents.module';
import { ExperimentsModule } from '../experiments/experiments.module';
import { MembersModule } from '../members/members.module';
import { PartnersModule } from '../partners/partners.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { ThreadsModule } from '../threads/threads.module';
import { SurveysModule } from '../surveys/surveys.module';
import { UsersModule } from '../users/users.module';
import { ParticipationController } from './participation.controller';
import { ParticipationService } from './participation.service';

/** Broker follow-through and participation: read-only aggregates over other modules' services. */
@Module({
  imports: [
    ConnectionsModule,
    ExperimentsModule,
    SurveysModule,
    UsersModule,
    PartnersModule,
    MembersModule,
    ProposalsModule,
    ThreadsModule,
    DocumentsModule,
  ],
  controllers: [ParticipationController],
  providers: [ParticipationService],
  exports: [ParticipationService],
})
export class ParticipationModule {}
