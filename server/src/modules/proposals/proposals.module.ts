import { Module, type OnModuleInit } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module';
import { ExportModule } from '../export/export.module';
import { ExportRegistry } from '../export/export.repository';
import { InvitationsModule } from '../invitations/invitations.module';
import { MembersModule } from '../members/members.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { VoteRemindersService } from '../notifications/vote-reminders.service';
import { PartnersModule } from '../partners/partners.module';
import { PoliciesModule } from '../policies/policies.module';
import { PrinciplesModule } from '../principles/principles.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { MyPendingVotesController, ProposalsController } from './proposals.controller';
import { ProposalsScheduler } from './proposals.scheduler';
import { ProposalsService } from './proposals.service';

@Module({
  imports: [
    ActivityModule,
    PartnersModule,
    PoliciesModule,
    PrinciplesModule,
    WorkspacesModule,
    ExportModule,
    MembersModule,
    InvitationsModule,
    NotificationsModule,
  ],
  controllers: [ProposalsController, MyPendingVotesController],
  providers: [ProposalsService, ProposalsScheduler],
  exports: [ProposalsService],
})
export class ProposalsModule implements OnModuleInit {
  constructor(
    private readonly registry: ExportRegistry,
    private readonly proposals: ProposalsService,
    private readonly reminders: VoteRemindersService,
  ) {}

  /**
   * The research export's `proposals` section (policy snapshot, electorate, votes, history…),
   * and the answer to who is due a vote reminder (notifications owns the reminders, this module
   * the proposals, votes and delegations they depend on).
   */
  onModuleInit(): void {
    this.reminders.useSource(this.proposals);
    this.registry.register({
      name: 'proposals',
      kind: 'array',
      stream: (ctx) => this.proposals.exportBatches(ctx.workspaceId, ctx.batchSize),
    });
  }
}
