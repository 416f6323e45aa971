import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_EVENT_PREFIXES,
  ACTIVITY_EVENT_TYPES,
  ACTIVITY_KIND_PREFIXES,
  ACTIVITY_KINDS,
  activityKindOf,
  activityQuerySchema,
} from './activity.js';
import {
  DEFAULT_NOTIFICATION_PREFERENCES,
  NOTIFICATION_KINDS,
  notificationListQuerySchema,
  resolveNotificationPreferences,
  updateNotificationPreferencesSchema,
} from './notifications.js';

describe('notification preferences', () => {
  it('defaults: every kind in-app; email only for what needs action or closes a decision', () => {
    expect(Object.values(DEFAULT_NOTIFICATION_PREFERENCES.inApp).every(Boolean)).toBe(true);
    expect(
      NOTIFICATION_KINDS.filter((k) => DEFAULT_NOTIFICATION_PREFERENCES.email[k]).sort(),
    ).toEqual([
      'connection_proposed',
      'invited',
      // Someone addressed you by name: it usually asks something of you.
      'mentioned',
      'partner_unrepresented',
      'proposal_outcome',
      // A survey asks the partner to answer: an action, like a vote.
      'survey_opened',
      'survey_reminder',
      'vote_needed',
      'vote_reminder',
    ]);
  });

  it('fills left-out kinds with the defaults and rejects unknown kinds', () => {
    const input = updateNotificationPreferencesSchema.parse({ email: { vote_needed: false } });
    const resolved = resolveNotificationPreferences(input);
    expect(resolved.email.vote_needed).toBe(false);
    expect(resolved.email.vote_reminder).toBe(true);
    expect(resolved.inApp.invited).toBe(true);
    expect(updateNotificationPreferencesSchema.safeParse({ email: { bogus: true } }).success).toBe(
      false,
    );
    expect(
      updateNotificationPreferencesSchema.safeParse({ inApp: { invited: 'yes' } }).success,
    ).toBe(false);
  });

  it('parses ?unread=true|false and nothing else', () => {
    expect(notificationListQuerySchema.parse({ unread: 'true' }).unread).toBe(true);
    expect(notificationListQuerySchema.parse({ unread: 'false' }).unread).toBe(false);
    expect(notificationListQuerySchema.parse({}).unread).toBeUndefined();
    expect(notificationListQuerySchema.safeParse({ unread: '1' }).success).toBe(false);
  });
});

describe('activity kinds', () => {
  it('every event prefix belongs to exactly one kind', () => {
    for (const prefix of ACTIVITY_EVENT_PREFIXES) {
      const owners = ACTIVITY_KINDS.filter((k) =>
        (ACTIVITY_KIND_PREFIXES[k] as readonly string[]).includes(prefix),
      );
      expect([prefix, owners]).toEqual([prefix, [expect.any(String)]]);
    }
    for (const type of ACTIVITY_EVENT_TYPES) expect(activityKindOf(type)).toBeDefined();
  });

  it('maps types to kinds and validates ?kind=', () => {
    expect(activityKindOf('vote.cast')).toBe('decisions');
    expect(activityKindOf('partner.added')).toBe('decisions');
    // Every event the decisions modules record is a known type in the decisions kind (a
    // withdrawal is `proposal.closed` with status `withdrawn`, not a type of its own).
    for (const type of [
      'proposal.opened',
      'vote.cast',
      'advice.given',
      'proposal.closed',
      'policy.changed',
      'partner.added',
      'partner.updated',
      'partner.left',
    ] as const) {
      expect(ACTIVITY_EVENT_TYPES).toContain(type);
      expect(activityKindOf(type)).toBe('decisions');
    }
    for (const type of ['principle.created', 'principle.updated', 'principle.deleted'] as const) {
      expect(ACTIVITY_EVENT_TYPES).toContain(type);
      expect(activityKindOf(type)).toBe('documents');
    }
    expect(activityKindOf('principle.created')).toBe('documents');
    expect(activityKindOf('invitation.created')).toBe('members');
    expect(activityKindOf('nope.x')).toBeUndefined();
    expect(activityQuerySchema.parse({ kind: 'experiments' }).kind).toBe('experiments');
    expect(activityQuerySchema.safeParse({ kind: 'bogus' }).success).toBe(false);
  });
});
