import { z } from 'zod';
import { zId, paginationQuerySchema } from './schemas.js';

/** Every event type of the log (dotted: `<subject>.<verb>`). Add new types here. */
export const ACTIVITY_EVENT_TYPES = [
  'workspace.created',
  'workspace.updated',
  'workspace.stage_changed',
  'member.joined',
  'member.role_changed',
  'member.updated',
  'member.left',
  'invitation.created',
  'invitation.revoked',
  'invitation.declined',
  'partner.added',
  'partner.updated',
  'partner.left',
  'partner.research_consent_changed',
  'policy.changed',
  'proposal.opened',
  'vote.cast',
  'advice.given',
  'proposal.closed',
  'proposal.statement_added',
  'proposal.reminded',
  'proposal.extended',
  'delegation.set',
  'delegation.revoked',
  'principle.created',
  'principle.updated',
  'principle.deleted',
  'experiment.created',
  'experiment.updated',
  'experiment.status_changed',
  'experiment.learning_added',
  'experiment.deleted',
  'connection.proposed',
  'connection.responded',
  'connection.accepted',
  'connection.declined',
  'connection.expired',
  'document.created',
  'document.version_created',
  'document.restored',
  'thread.opened',
  'comment.added',
  'comment.edited',
  'comment.deleted',
  'thread.resolved',
  'thread.reopened',
  'survey.scheduled',
  'survey.opened',
  'survey.response_submitted',
  'survey.reminded',
  'survey.closed',
] as const;
export type ActivityEventType = (typeof ACTIVITY_EVENT_TYPES)[number];

/** The part before the dot: `?type=member` matches every `member.*` event. */
export const ACTIVITY_EVENT_PREFIXES = [
  ...new Set(ACTIVITY_EVENT_TYPES.map((t) => t.split('.')[0]!)),
] as readonly string[];

export const isActivityTypeFilter = (v: string) =>
  (ACTIVITY_EVENT_TYPES as readonly string[]).includes(v) || ACTIVITY_EVENT_PREFIXES.includes(v);

/**
 * Coarse groups of the log for the activity feed's filter (`?kind=`), by event prefix:
 * - decisions: who joins and how: proposals, votes, advice, decision policies, and the partner
 *   changes they cause (`partner.added|updated|left`);
 * - documents: the vision and other documents, and the principles derived from them;
 * - experiments, connections: their own prefixes;
 * - members: people (memberships and invitations);
 * - workspace: the workspace itself (creation, settings, stage changes) and its survey waves;
 * - discussions: threads and comments on documents, proposals and experiments.
 * Every prefix belongs to exactly one kind.
 */
export const ACTIVITY_KIND_PREFIXES = {
  decisions: ['proposal', 'vote', 'advice', 'policy', 'partner', 'delegation'],
  documents: ['document', 'principle'],
  experiments: ['experiment'],
  connections: ['connection'],
  members: ['member', 'invitation'],
  workspace: ['workspace', 'survey'],
  discussions: ['thread', 'comment'],
} as const satisfies Record<string, readonly string[]>;
export type ActivityKind = keyof typeof ACTIVITY_KIND_PREFIXES;
export const ACTIVITY_KINDS = Object.keys(ACTIVITY_KIND_PREFIXES) as ActivityKind[];

/** The feed group an event type belongs to (`vote.cast` → `decisions`). */
export function activityKindOf(type: string): ActivityKind | undefined {
  const prefix = type.split('.')[0];
  return ACTIVITY_KINDS.find((k) =>
    (ACTIVITY_KIND_PREFIXES[k] as readonly string[]).includes(prefix ?? ''),
  );
}

// Built on first evaluation only if used: a bundle that takes only the constants above (the
// client's first chunk) then leaves zod out. `@__PURE__` lets the bundler drop the call.
export const activityQuerySchema = /* @__PURE__ */ (() =>
  paginationQuerySchema.extend({
    kind: z.enum(ACTIVITY_KINDS as [ActivityKind, ...ActivityKind[]]).optional(),
    type: z
      .string()
      .refine(
        isActivityTypeFilter,
        'must be an event type (e.g. member.joined) or a prefix (member)',
      )
      .optional(),
    partnerId: zId.optional(),
  }))();
export type ActivityQuery = z.infer<typeof activityQuerySchema>;

/** The activity event as the log and the socket carry it. */
export interface ActivityEventDto {
  id: string;
  /** Global and increasing: newer events have a larger seq. */
  seq: number;
  workspaceId: string;
  type: ActivityEventType;
  actorId: string | null;
  subjectType: string;
  subjectId: string | null;
  /** Partners this event involves (the `?partnerId=` filter matches on it). */
  partnerIds: string[];
  payload: Record<string, unknown>;
  createdAt: string;
}
