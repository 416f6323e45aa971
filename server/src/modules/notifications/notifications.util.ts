import type { ActivityEventDto, NotificationKind } from '@coalesce/shared';
import { isUuid } from '../../common/validation/uuid.util';

/**
 * Who should hear about an event, before it is resolved to users. The service resolves each
 * part (partners → their representatives, i.e. members with that `partnerId`; log look-ups),
 * takes the union and drops the actor (nobody is notified of their own act).
 */
export interface Audience {
  userIds?: string[];
  /** Representatives of these partners. */
  partnerIds?: string[];
  /** The proposer (actor of `proposal.opened`) and voters (actors and partners of `vote.cast`). */
  proposalParticipantsOf?: string;
  /** The broker who proposed the connection (actor of `connection.proposed`). */
  connectionProposerOf?: string;
  /** The existing user whose email an email-bound invitation names. */
  inviteeOf?: string;
  /** Every coordinator of the workspace. */
  coordinators?: boolean;
}

export interface DerivedNotification {
  kind: NotificationKind;
  audience: Audience;
  subjectType: string;
  subjectId: string | null;
  /** Rendering data; the service adds `workspaceName` and `actorName`. */
  payload: Record<string, unknown>;
  /**
   * Also notify the event's actor: for news that is not about their act (the coordinator whose
   * vote admitted a partner still has to find it a representative).
   */
  includeActor?: boolean;
}

const id = (v: unknown): string | undefined => (isUuid(v) ? v.toLowerCase() : undefined);
const text = (v: unknown, max = 200): string | undefined =>
  typeof v === 'string' ? v.slice(0, max) : undefined;
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const uniq = (ids: (string | undefined)[]): string[] => [
  ...new Set(ids.filter((x): x is string => !!x)),
];

/** Partner ids from `[uuid]` or `[{partnerId}]`. */
function partnerIdsOf(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return uniq(v.map((x) => id(x) ?? id(obj(x).partnerId)));
}

/** Drops undefined values so payloads stay small and JSON-stable. */
function compact(p: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
}

/**
 * The notifications an activity event causes (pure). The payload fields read here are the
 * contract with the producing modules — see the table in `notifications.module.ts`.
 * Unknown or malformed fields are ignored, never thrown on: a listener must not fail.
 */
export function deriveNotifications(event: ActivityEventDto): DerivedNotification[] {
  const p = obj(event.payload);
  switch (event.type) {
    case 'proposal.opened': {
      const proposalId = id(event.subjectId) ?? id(p.proposalId);
      const rule = text(p.rule) ?? text(obj(p.policy).rule);
      const electorate = partnerIdsOf(p.electorate);
      // Autonomous proposals are decided, not voted on.
      if (!proposalId || rule === 'autonomous' || !electorate.length) return [];
      return [
        {
          kind: 'vote_needed',
          audience: { partnerIds: electorate },
          subjectType: 'proposal',
          subjectId: proposalId,
          payload: compact({
            proposalId,
            candidateName: text(p.candidateName),
            tier: text(p.tier),
            closesAt: text(p.closesAt, 40),
          }),
        },
      ];
    }
    case 'proposal.closed': {
      const proposalId = id(event.subjectId) ?? id(p.proposalId);
      if (!proposalId) return [];
      const outcome = obj(p.outcome);
      const votes = Array.isArray(p.votes) ? p.votes.map(obj) : [];
      const status = text(p.status, 20) ?? text(outcome.status, 20);
      const partnerId = id(p.candidatePartnerId);
      const unrepresented: DerivedNotification[] =
        status === 'accepted' && p.partnerUnrepresented === true && partnerId
          ? [
              {
                kind: 'partner_unrepresented',
                audience: { coordinators: true },
                subjectType: 'partner',
                subjectId: partnerId,
                payload: compact({ partnerId, partnerName: text(p.candidateName), proposalId }),
                includeActor: true,
              },
            ]
          : [];
      return [
        ...unrepresented,
        {
          kind: 'proposal_outcome',
          audience: {
            userIds: uniq([id(p.proposedBy), ...votes.map((v) => id(v.castBy))]),
            partnerIds: partnerIdsOf(votes),
            proposalParticipantsOf: proposalId,
          },
          subjectType: 'proposal',
          subjectId: proposalId,
          payload: compact({
            proposalId,
            status: text(p.status, 20) ?? text(outcome.status, 20),
            reason: text(p.reason, 500) ?? text(outcome.reason, 500),
            candidateName: text(p.candidateName),
            tier: text(p.tier),
          }),
        },
      ];
    }
    case 'proposal.statement_added': {
      const proposalId = id(event.subjectId) ?? id(p.proposalId);
      if (!proposalId) return [];
      return [
        {
          kind: 'proposal_statement',
          audience: {
            userIds: uniq(Array.isArray(p.voters) ? p.voters.map(id) : []),
            partnerIds: partnerIdsOf(p.electorate),
            proposalParticipantsOf: proposalId,
          },
          subjectType: 'proposal',
          subjectId: proposalId,
          payload: compact({
            proposalId,
            candidateName: text(p.candidateName),
            tier: text(p.tier),
            status: text(p.status, 20),
            text: text(p.text, 500),
          }),
        },
      ];
    }
    case 'proposal.reminded': {
      const proposalId = id(event.subjectId) ?? id(p.proposalId);
      const missing = partnerIdsOf(p.partnerIds);
      if (!proposalId || !missing.length) return [];
      return [
        {
          kind: 'vote_reminder',
          audience: { partnerIds: missing },
          subjectType: 'proposal',
          subjectId: proposalId,
          payload: compact({
            proposalId,
            candidateName: text(p.candidateName),
            tier: text(p.tier),
            closesAt: text(p.closesAt, 40),
            byHand: true,
          }),
        },
      ];
    }
    case 'connection.proposed': {
      const connectionId = id(event.subjectId) ?? id(p.connectionId);
      const sides = uniq([id(p.fromPartnerId), id(p.toPartnerId)]);
      if (!connectionId || !sides.length) return [];
      return [
        {
          kind: 'connection_proposed',
          audience: { partnerIds: sides },
          subjectType: 'connection',
          subjectId: connectionId,
          payload: compact({
            connectionId,
            fromPartnerId: id(p.fromPartnerId),
            toPartnerId: id(p.toPartnerId),
            fromPartnerName: text(p.fromPartnerName),
            toPartnerName: text(p.toPartnerName),
            reason: text(p.reason, 500),
            reasonCode: text(p.reasonCode, 60),
            reasonParams: p.reasonCode ? obj(p.reasonParams) : undefined,
          }),
        },
      ];
    }
    case 'connection.responded': {
      const connectionId = id(event.subjectId) ?? id(p.connectionId);
      if (!connectionId) return [];
      return [
        {
          kind: 'connection_response',
          audience: { userIds: uniq([id(p.proposedBy)]), connectionProposerOf: connectionId },
          subjectType: 'connection',
          subjectId: connectionId,
          payload: compact({
            connectionId,
            partnerId: id(p.partnerId),
            partnerName: text(p.partnerName),
            fromPartnerId: id(p.fromPartnerId),
            toPartnerId: id(p.toPartnerId),
            fromPartnerName: text(p.fromPartnerName),
            toPartnerName: text(p.toPartnerName),
            accept: typeof p.accept === 'boolean' ? p.accept : undefined,
            note: text(p.note, 500),
            status: text(p.status, 20),
          }),
        },
      ];
    }
    case 'connection.expired': {
      const connectionId = id(event.subjectId) ?? id(p.connectionId);
      if (!connectionId) return [];
      return [
        {
          kind: 'connection_expired',
          audience: { userIds: uniq([id(p.proposedBy)]), connectionProposerOf: connectionId },
          subjectType: 'connection',
          subjectId: connectionId,
          payload: compact({
            connectionId,
            fromPartnerId: id(p.fromPartnerId),
            toPartnerId: id(p.toPartnerId),
            fromPartnerName: text(p.fromPartnerName),
            toPartnerName: text(p.toPartnerName),
          }),
        },
      ];
    }
    case 'experiment.status_changed': {
      const experimentId = id(event.subjectId) ?? id(p.experimentId);
      const partners = uniq([...partnerIdsOf(p.partnerIds), ...partnerIdsOf(event.partnerIds)]);
      if (!experimentId || !partners.length) return [];
      return [
        {
          kind: 'experiment_status',
          audience: { partnerIds: partners },
          subjectType: 'experiment',
          subjectId: experimentId,
          payload: compact({
            experimentId,
            title: text(p.title),
            from: text(p.from, 20),
            to: text(p.to, 20),
          }),
        },
      ];
    }
    case 'thread.opened':
    case 'comment.added':
    case 'comment.edited': {
      // `mentions`: the members the text mentions (on an edit, only the newly mentioned ones).
      const mentioned = uniq(Array.isArray(p.mentions) ? p.mentions.map(id) : []);
      const subjectType = text(p.subjectType, 20);
      const subjectId = id(p.subjectId);
      if (!mentioned.length || !subjectType || !subjectId) return [];
      return [
        {
          kind: 'mentioned',
          audience: { userIds: mentioned },
          subjectType,
          subjectId,
          payload: compact({
            threadId: id(p.threadId) ?? id(event.subjectId),
            commentId: id(p.commentId),
            subjectType,
            subjectId,
            title: text(p.title),
            kind: text(p.kind, 20),
            candidatePartnerId: id(p.candidatePartnerId),
            text: text(p.text, 300),
          }),
        },
      ];
    }
    case 'member.role_changed': {
      const userId = id(p.userId) ?? id(event.subjectId);
      if (!userId) return [];
      const from = obj(p.from);
      const to = obj(p.to);
      return [
        {
          kind: 'role_changed',
          audience: { userIds: [userId] },
          subjectType: 'member',
          subjectId: userId,
          payload: compact({
            from: compact({ role: text(from.role, 20), broker: from.broker }),
            to: compact({ role: text(to.role, 20), broker: to.broker }),
          }),
        },
      ];
    }
    case 'survey.opened':
    case 'survey.reminded': {
      const waveId = id(event.subjectId) ?? id(p.waveId);
      const partners = partnerIdsOf(p.partnerIds);
      if (!waveId || !partners.length) return [];
      return [
        {
          kind: event.type === 'survey.opened' ? 'survey_opened' : 'survey_reminder',
          audience: { partnerIds: partners },
          subjectType: 'survey',
          subjectId: waveId,
          payload: compact({ waveId, title: text(p.title), closesAt: text(p.closesAt, 40) }),
          // The coordinator who opened it may also answer for their own partner.
          includeActor: true,
        },
      ];
    }
    case 'invitation.created': {
      const invitationId = id(event.subjectId);
      if (!invitationId || p.emailBound !== true) return [];
      return [
        {
          kind: 'invited',
          audience: { inviteeOf: invitationId },
          subjectType: 'invitation',
          subjectId: invitationId,
          payload: compact({ invitationId, role: text(p.role, 20), broker: p.broker }),
        },
      ];
    }
    default:
      return [];
  }
}

/** The final recipients: unique, without the actor. */
export function recipientsExcludingActor(
  userIds: Iterable<string | null | undefined>,
  actorId: string | null,
): string[] {
  return uniq([...userIds].map((u) => id(u))).filter((u) => u !== actorId?.toLowerCase());
}

/** Backoff before email attempt `attempt` + 1 (attempt ≥ 1): base · 4^(attempt−1). */
export const emailBackoffMs = (attempt: number, baseMs: number) =>
  baseMs * 4 ** Math.max(0, attempt - 1);

/**
 * How far the catch-up mark may move: over the handled events that follow it (`events`: the
 * ones after `mark`, ascending by seq), stopping at the first unhandled event or at a hole in
 * the seqs that may still fill (an open transaction). Holes at or below `safeSeq` are final.
 */
export function advanceMark(
  mark: number,
  events: readonly { seq: number; handled: boolean }[],
  safeSeq: number,
): number {
  let next = mark;
  for (const e of events) {
    if (!e.handled) break;
    if (e.seq !== next + 1 && e.seq - 1 > safeSeq) break;
    next = e.seq;
  }
  return next;
}
