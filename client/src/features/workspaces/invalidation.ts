import type { ActivityEventType, ServerToClientEvents } from '@coalesce/shared';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { workspaceKey } from './api';

/** Every socket event the client reacts to: the activity log's types and the other pushes. */
export type LiveEvent = ActivityEventType | Exclude<keyof ServerToClientEvents, 'event'>;

/** The caches a socket event can make stale: parts of one workspace's cache, or the user's. */
export type LiveTarget =
  | 'workspace'
  | 'members'
  | 'invitations'
  | 'partners'
  | 'proposals'
  | 'policies'
  | 'principles'
  | 'experiments'
  | 'connections'
  | 'network'
  | 'documents'
  | 'surveys'
  | 'activity'
  | 'threads'
  | 'workspaces'
  | 'notifications'
  | 'pendingVotes'
  // issue 17: the research page (partners' consent to be named).
  | 'research';

/** The query key (a prefix: it covers lists, single items and filters) of a target. */
export function targetKey(target: LiveTarget, wid: string): QueryKey {
  switch (target) {
    case 'workspace':
      return [...workspaceKey(wid), 'detail'];
    case 'documents':
      return [...workspaceKey(wid), 'document'];
    case 'workspaces':
      return ['workspaces'];
    case 'notifications':
      return ['notifications', 'list'];
    case 'pendingVotes':
      return ['pendingVotes'];
    default:
      return [...workspaceKey(wid), target];
  }
}

/** Every activity event is a new row of the feed (overview, activity page, partner history). */
const A = 'activity';

/**
 * What each event changes, and so which queries refetch. Only these: a vote refetches the
 * proposals, not the network map in every open tab. The map (degree, betweenness, ties) moves
 * with partners, experiments and connections; its 90-day activity share is not refreshed per
 * event (it refreshes when the page is opened or focused again).
 */
export const LIVE_INVALIDATION = {
  'workspace.created': ['workspace', 'workspaces', A],
  'workspace.updated': ['workspace', 'workspaces', A],
  'workspace.stage_changed': ['workspace', 'workspaces', 'policies', A],
  // Joining by invitation uses it up, and may make the newcomer a partner's representative.
  'member.joined': ['members', 'invitations', 'partners', 'workspace', A],
  'member.role_changed': ['members', 'workspace', A],
  // A member's partner link and broker flag show on the partners' pages too.
  'member.updated': ['members', 'partners', A],
  'member.left': ['members', 'partners', 'workspace', A],
  'invitation.created': ['invitations', A],
  'invitation.revoked': ['invitations', A],
  'invitation.declined': ['invitations', A],
  // Partners are the map's nodes, and proposals embed their candidate.
  'partner.added': ['partners', 'network', 'proposals', A],
  'partner.updated': ['partners', 'network', 'proposals', A],
  'partner.left': ['partners', 'network', 'proposals', A],
  'partner.research_consent_changed': ['research', A],
  'policy.changed': ['policies', A],
  // Opening a proposal adds its candidate as a partner.
  'proposal.opened': ['proposals', 'partners', 'pendingVotes', A],
  'vote.cast': ['proposals', 'pendingVotes', A],
  'advice.given': ['proposals', A],
  // A closing admits (or not) the candidate: a new node on the map.
  'proposal.closed': ['proposals', 'partners', 'network', 'pendingVotes', A],
  // Issue 16: a statement or an extension changes the proposal; a reminder only the feed.
  'proposal.statement_added': ['proposals', A],
  'proposal.reminded': ['proposals', A],
  'proposal.extended': ['proposals', 'pendingVotes', A],
  // A delegation shows on the partner (page and list); open proposals keep their snapshot.
  'delegation.set': ['partners', A],
  'delegation.revoked': ['partners', A],
  'principle.created': ['principles', A],
  'principle.updated': ['principles', A],
  'principle.deleted': ['principles', A],
  // Experiments tie their partners together on the map.
  'experiment.created': ['experiments', 'network', A],
  'experiment.updated': ['experiments', 'network', A],
  'experiment.status_changed': ['experiments', 'network', A],
  'experiment.learning_added': ['experiments', A],
  'experiment.deleted': ['experiments', 'network', A],
  // The suggestions (under the network key) leave out pairs with an open connection.
  'connection.proposed': ['connections', 'network', A],
  'connection.responded': ['connections', A],
  'connection.accepted': ['connections', 'network', A],
  'connection.declined': ['connections', 'network', A],
  'connection.expired': ['connections', A],
  'document.created': ['documents', A],
  'document.version_created': ['documents', A],
  'document.restored': ['documents', A],
  // Discussions (proposal and experiment pages, the document side panel).
  'thread.opened': ['threads', A],
  'comment.added': ['threads', A],
  'comment.edited': ['threads', A],
  'comment.deleted': ['threads', A],
  'thread.resolved': ['threads', A],
  'thread.reopened': ['threads', A],
  // Survey waves, their scores and the map's perceived-tie layer (all under the surveys key).
  'survey.scheduled': ['surveys', A],
  'survey.opened': ['surveys', A],
  'survey.response_submitted': ['surveys', A],
  'survey.reminded': ['surveys', A],
  'survey.closed': ['surveys', A],
  // Sent with every vote and closing (the `vote.cast`/`proposal.closed` events follow).
  'proposal:tally': ['proposals'],
  notification: ['notifications'],
  // The user's own role, broker flag or partner changed, or they left: their workspaces list,
  // the workspace's frame (myRole) and the members list.
  membership: ['workspaces', 'workspace', 'members'],
} as const satisfies Record<LiveEvent, readonly LiveTarget[]>;

/** The query keys an event makes stale, in workspace `wid`. */
export function queryKeysFor(event: LiveEvent, wid: string): QueryKey[] {
  return LIVE_INVALIDATION[event].map((target) => targetKey(target, wid));
}

/** Marks what the event changed stale; the queries on screen refetch. */
export function invalidateFor(qc: QueryClient, event: LiveEvent, wid: string): void {
  for (const queryKey of queryKeysFor(event, wid)) void qc.invalidateQueries({ queryKey });
}

/**
 * After a reconnect the events sent meanwhile are lost: refetch what is on screen in the
 * workspace (and the bell), and mark the rest stale.
 */
export function refetchAfterReconnect(qc: QueryClient, wid: string): void {
  void qc.invalidateQueries({ queryKey: workspaceKey(wid), refetchType: 'active' });
  void qc.invalidateQueries({ queryKey: ['notifications'], refetchType: 'active' });
  void qc.invalidateQueries({ queryKey: ['workspaces'], refetchType: 'active' });
}
