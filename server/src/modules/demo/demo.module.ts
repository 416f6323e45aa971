import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConnectionsModule } from '../connections/connections.module';
import { DocumentsModule } from '../documents/documents.module';
import { ExperimentsModule } from '../experiments/experiments.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { MembersModule } from '../members/members.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PartnersModule } from '../partners/partners.module';
import { PoliciesModule } from '../policies/policies.module';
import { PrinciplesModule } from '../principles/principles.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { ResearchModule } from '../research/research.module';
import { UsersModule } from '../users/users.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { ThreadsModule } from '../threads/threads.module';
import { SurveysModule } from '../surveys/surveys.module';
import { DemoController } from './demo.controller';
import { DemoService } from './demo.service';

/** Demo networks on request (see DemoService); it only calls the other modules' services. */
@Module({
  imports: [
    AuthModule,
    UsersModule,
    NotificationsModule,
    WorkspacesModule,
    MembersModule,
    InvitationsModule,
    PartnersModule,
    PrinciplesModule,
    PoliciesModule,
    ProposalsModule,
    ExperimentsModule,
    ConnectionsModule,
    DocumentsModule,
    ThreadsModule,
    SurveysModule,
    ResearchModule,
  ],
  controllers: [DemoController],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
