import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config';
import { ActivityModule } from '../activity/activity.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { MembersModule } from '../members/members.module';
import { PartnersModule } from '../partners/partners.module';
import { UsersModule } from '../users/users.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { MAILER, NotificationEmailService, mailerFromConfig } from './notification-email.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsListener } from './notifications.listener';
import { NotificationsScheduler } from './notifications.scheduler';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { InvitationEmailsRepository } from './invitation-emails.repository';
import { VoteRemindersService } from './vote-reminders.service';

/**
 * In-app and email notifications, derived from the activity log, plus durable vote reminders.
 * Exports VoteRemindersService only so that the proposals module can supply the reminders'
 * `DueReminderSource` (notifications reads no proposal tables and imports no proposals code).
 *
 * Payload contract with the producing modules (read by `deriveNotifications`; ids are uuids).
 * The proposal rows are what ProposalsService records today (in the same transaction as the
 * change); fields in brackets are also written but not read here:
 * | event                       | subject                | payload fields read                         | → kind, to whom                                  |
 * |-----------------------------|------------------------|---------------------------------------------|--------------------------------------------------|
 * | proposal.opened             | proposal, actor=proposer | proposalId, electorate [{partnerId, weight}], rule (policy snapshot), closesAt, tier, candidateName [candidatePartnerId, inlineCandidate, stage, proposedBy, consultationEndsAt] | vote_needed → reps of electorate partners (none if rule = autonomous) |
 * | vote.cast                   | proposal, actor=castBy | partnerId [proposalId, choice, reason, replaced] | (read for proposal_outcome)                  |
 * | proposal.closed             | proposal, actor=decider/withdrawer, or null (system: deadline, or the vote that settled it) | proposalId, status, reason (the outcome, spread), candidateName, tier, proposedBy, votes [{partnerId, choice, castBy}] (current votes) [candidatePartnerId, rule, tally, decidedBy?, rationale?] | proposal_outcome → proposer + voters + reps of voting partners (also found in the log: proposal.opened actor, vote.cast actor + payload.partnerId) |
 * | (vote reminders)            | proposal               | asked of the proposals module (`DueReminderSource`, supplied by ProposalsModule on init): open, non-autonomous, REMINDER_LEAD_HOURS before closesAt, partners without an effective vote; claimed in `vote_reminders`; candidateName/tier from proposal.opened | vote_reminder → reps of each such partner, once ever |
 * | proposal.statement_added    | proposal, actor=proposer/coordinator | proposalId, electorate [{partnerId}], voters [userId], candidateName, tier, status, text | proposal_statement → reps of electorate partners + voters + proposer (log) |
 * | proposal.reminded           | proposal, actor=proposer/coordinator | proposalId, partnerIds (no effective vote), closesAt, candidateName, tier | vote_reminder → reps of those partners |
 * | proposal.extended           | proposal               | (none: the reminder rows of the proposal are forgotten in its transaction when the new deadline puts them in the future) | — |
 * | connection.proposed         | connection, actor=broker | fromPartnerId, toPartnerId, fromPartnerName?, toPartnerName?, reason? | connection_proposed → reps of both partners |
 * | connection.responded        | connection, actor=responder | partnerId, accept, note?, status?, partnerName?, fromPartnerName?, toPartnerName?, proposedBy? | connection_response → the proposing broker (or the connection.proposed actor) |
 * | experiment.status_changed   | experiment             | from, to, title, partnerIds (and/or the event's partnerIds) | experiment_status → reps of those partners |
 * | member.role_changed         | member                 | userId, from {role, broker}, to {role, broker} | role_changed → that user                        |
 * | proposal.closed (accepted)  | proposal               | partnerUnrepresented, candidatePartnerId, candidateName | partner_unrepresented → every coordinator (the closer too) |
 * | connection.expired          | connection, actor=null | fromPartnerId, toPartnerId, proposedBy?, *PartnerName? | connection_expired → the proposing broker |
 * | invitation.created          | invitation             | emailBound                                  | invited → the existing user with that email; with SMTP and no such user, an email with the link to the address (invitation_emails), naming the partner to represent (asked of PartnersService) |
 * | thread.opened, comment.added, comment.edited | thread | mentions [userId] (an edit: only the newly mentioned), subjectType, subjectId, threadId, commentId, text, title? | mentioned → those members (subject: the thread's subject) |
 * | survey.opened / survey.reminded | survey, actor=opener or null | waveId, title, closesAt, partnerIds (roster / not yet answered) | survey_opened / survey_reminder → reps of those partners (the opener too) |
 * The actor is never notified of their own act. A closing is the system's act (no actor) even
 * when a vote triggered it, so that voter hears the outcome like the others; only a person who
 * decided or withdrew is the closing's actor.
 */
@Module({
  imports: [
    UsersModule,
    MembersModule,
    ActivityModule,
    WorkspacesModule,
    InvitationsModule,
    PartnersModule,
  ],
  controllers: [NotificationsController],
  providers: [
    { provide: MAILER, useFactory: mailerFromConfig, inject: [APP_CONFIG] },
    NotificationEmailService,
    NotificationsService,
    NotificationsRepository,
    InvitationEmailsRepository,
    NotificationsListener,
    NotificationsScheduler,
    VoteRemindersService,
  ],
  exports: [NotificationsService, VoteRemindersService],
})
export class NotificationsModule {}
