import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config';
import { ActivityModule } from '../activity/activity.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { MembersModule } from '../members/members.module';
import { UsersModule } from '../users/users.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { MAILER, NotificationEmailService, mailerFromConfig } from './notification-email.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsListener } from './notifications.listener';
import { NotificationsService } from './notifications.service';
import { DUE_REMINDER_SOURCE, SqlDueReminderSource } from './vote-reminders.repository';
import { VoteRemindersService } from './vote-reminders.service';

/**
 * In-app and email notifications, derived from the activity log, plus durable vote reminders.
 *
 * Payload contract with the producing modules (read by `deriveNotifications`; ids are uuids):
 * | event                       | subject                | payload fields read                         | → kind, to whom                                  |
 * |-----------------------------|------------------------|---------------------------------------------|--------------------------------------------------|
 * | proposal.opened             | proposal, actor=proposer | electorate [{partnerId}], closesAt, tier, candidateName, rule or policy.rule | vote_needed → reps of electorate partners (none if autonomous) |
 * | proposal.closed             | proposal               | status or outcome.status, reason or outcome.reason, candidateName, tier, proposedBy?, votes? [{partnerId, castBy}] | proposal_outcome → proposer + voters + reps of voting partners (also found in the log: proposal.opened actor, vote.cast actor + payload.partnerId) |
 * | vote.cast                   | proposal, actor=castBy | partnerId                                   | (read for proposal_outcome)                       |
 * | connection.proposed         | connection, actor=broker | fromPartnerId, toPartnerId, fromPartnerName?, toPartnerName?, reason? | connection_proposed → reps of both partners |
 * | connection.responded        | connection, actor=responder | partnerId, accept, note?, status?, partnerName?, proposedBy? | connection_response → the proposing broker (or the connection.proposed actor) |
 * | experiment.status_changed   | experiment             | from, to, title, partnerIds (and/or the event's partnerIds) | experiment_status → reps of those partners |
 * | member.role_changed         | member                 | userId, from {role, broker}, to {role, broker} | role_changed → that user                        |
 * | invitation.created          | invitation             | emailBound                                  | invited → the existing user with that email       |
 * The actor is never notified of their own act.
 */
@Module({
  imports: [UsersModule, MembersModule, ActivityModule, WorkspacesModule, InvitationsModule],
  controllers: [NotificationsController],
  providers: [
    { provide: MAILER, useFactory: mailerFromConfig, inject: [APP_CONFIG] },
    { provide: DUE_REMINDER_SOURCE, useFactory: () => new SqlDueReminderSource() },
    NotificationEmailService,
    NotificationsService,
    NotificationsListener,
    VoteRemindersService,
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
