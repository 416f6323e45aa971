import { z } from 'zod';
import { paginationQuerySchema } from './schemas.js';

/**
 * What a user is notified about. Derived from the activity log (after commit) and from the
 * reminder scheduler; one notification per user, event and kind.
 */
export const NOTIFICATION_KINDS = [
  /** A proposal your partner must vote on opened. */
  'vote_needed',
  /** A proposal closes within REMINDER_LEAD_HOURS and your partner has not voted. */
  'vote_reminder',
  /** A proposal you proposed or voted on (you or your partner) closed. */
  'proposal_outcome',
  /** A broker proposed a connection to your partner. */
  'connection_proposed',
  /** A partner responded to a connection you proposed. */
  'connection_response',
  /** An experiment your partner is in changed status. */
  'experiment_status',
  /** You were invited (an email-bound invitation of your account). */
  'invited',
  /** Your role (or broker flag) in a workspace changed. */
  'role_changed',
  /** Coordinators: a partner was admitted and nobody represents it yet (payload partnerId, partnerName). */
  'partner_unrepresented',
  /** A connection you proposed expired unanswered (CONNECTION_EXPIRY_DAYS). */
  'connection_expired',
  /** Someone mentioned you (`<@you>`) in a comment (payload threadId, commentId, subjectType…). */
  'mentioned',
  /** The proposer (or a coordinator) wrote a statement on a closed proposal your partner decided on. */
  'proposal_statement',
  /** A survey wave opened: your partner is asked to answer. */
  'survey_opened',
  /** A survey wave closes within REMINDER_LEAD_HOURS and your partner has not answered. */
  'survey_reminder',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const zNotificationKind = z.enum(NOTIFICATION_KINDS);

/** Per channel, per kind: on or off. */
export type NotificationChannelPreferences = Record<NotificationKind, boolean>;
export interface NotificationPreferences {
  inApp: NotificationChannelPreferences;
  email: NotificationChannelPreferences;
}

const EMAIL_BY_DEFAULT: readonly NotificationKind[] = [
  'vote_needed',
  'invited',
  'partner_unrepresented',
  'vote_reminder',
  'proposal_outcome',
  'connection_proposed',
  'mentioned',
  'survey_opened',
  'survey_reminder',
];

/** All in-app on; email on for what needs the user's action or closes their decisions. */
export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  inApp: Object.fromEntries(
    NOTIFICATION_KINDS.map((k) => [k, true]),
  ) as NotificationChannelPreferences,
  email: Object.fromEntries(
    NOTIFICATION_KINDS.map((k) => [k, EMAIL_BY_DEFAULT.includes(k)]),
  ) as NotificationChannelPreferences,
};

const channelPreferencesSchema = z
  .object(
    Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, z.boolean().optional()])) as Record<
      NotificationKind,
      z.ZodOptional<z.ZodBoolean>
    >,
  )
  .strict();

/**
 * `PUT /api/me/notification-preferences`: replaces the preferences; a kind left out takes its
 * default. An unknown kind is a 400.
 */
export const updateNotificationPreferencesSchema = z
  .object({
    inApp: channelPreferencesSchema.default({}),
    email: channelPreferencesSchema.default({}),
  })
  .strict();
export type UpdateNotificationPreferencesInput = z.input<
  typeof updateNotificationPreferencesSchema
>;

/** Fills the kinds a stored or submitted preference object leaves out with the defaults. */
export function resolveNotificationPreferences(
  stored: {
    inApp?: Partial<Record<string, boolean>>;
    email?: Partial<Record<string, boolean>>;
  } = {},
): NotificationPreferences {
  const fill = (channel: 'inApp' | 'email') =>
    Object.fromEntries(
      NOTIFICATION_KINDS.map((k) => [
        k,
        typeof stored[channel]?.[k] === 'boolean'
          ? (stored[channel]![k] as boolean)
          : DEFAULT_NOTIFICATION_PREFERENCES[channel][k],
      ]),
    ) as NotificationChannelPreferences;
  return { inApp: fill('inApp'), email: fill('email') };
}

/** `GET /api/notifications?unread=true|false&limit&cursor` (newest first). */
export const notificationListQuerySchema = paginationQuerySchema.extend({
  unread: z
    .enum(['true', 'false'], 'must be true or false')
    .transform((v) => v === 'true')
    .optional(),
});
export type NotificationListQuery = z.output<typeof notificationListQuerySchema>;

export interface NotificationDto {
  id: string;
  workspaceId: string;
  kind: NotificationKind;
  /** What it is about: `proposal`, `connection`, `experiment`, `invitation`, `member`, `partner`. */
  subjectType: string;
  subjectId: string | null;
  /** The activity event it was derived from (null for reminders). */
  eventId: string | null;
  /** Enough to render it without another call (workspaceName, candidateName, status, …). */
  payload: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}

/**
 * Socket.io `notification` to `user:<id>`: a new notification (`reason: 'created'`), one marked
 * read (`'read'`), or all marked read (`'read_all'`, `notification: null`), always with the
 * user's new unread count.
 */
export interface NotificationPush {
  reason: 'created' | 'read' | 'read_all';
  notification: NotificationDto | null;
  unreadCount: number;
}

export interface UnreadCountDto {
  unreadCount: number;
}
