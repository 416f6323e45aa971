import { ACTIVITY_EVENT_TYPES } from '@coalesce/shared';
import { QueryClient, QueryObserver, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import {
  invalidateFor,
  LIVE_INVALIDATION,
  refetchAfterReconnect,
  type LiveEvent,
} from './invalidation';

const WID = 'w1';
const OTHER = 'w2';

/** One cached query per kind of page data, as the feature hooks key them. */
const QUERIES: Record<string, QueryKey> = {
  'workspace detail': ['workspace', WID, 'detail'],
  'workspaces list': ['workspaces'],
  members: ['workspace', WID, 'members'],
  invitations: ['workspace', WID, 'invitations'],
  'partners list': ['workspace', WID, 'partners', {}],
  'one partner': ['workspace', WID, 'partners', 'one', 'p1'],
  'proposals list': ['workspace', WID, 'proposals', 'list', 'all'],
  'one proposal': ['workspace', WID, 'proposals', 'one', 'x1'],
  policies: ['workspace', WID, 'policies'],
  principles: ['workspace', WID, 'principles'],
  experiments: ['workspace', WID, 'experiments', 'list'],
  threads: ['workspace', WID, 'threads', 'experiment', 'e1'],
  connections: ['workspace', WID, 'connections'],
  'network map': ['workspace', WID, 'network', 'now'],
  'network suggestions': ['workspace', WID, 'network', 'suggestions'],
  document: ['workspace', WID, 'document', 'd1'],
  'document versions': ['workspace', WID, 'document', 'd1', 'versions'],
  'survey waves': ['workspace', WID, 'surveys', 'list'],
  'perceived ties': ['workspace', WID, 'surveys', 'perceived', 'now'],
  'activity feed': ['workspace', WID, 'activity', {}],
  'partner history': ['workspace', WID, 'activity', { partnerId: 'p1' }],
  notifications: ['notifications', 'list'],
  'research consents': ['workspace', WID, 'research', 'consents'],
  'unread count': ['notifications', 'unread'],
  'my invitations': ['me', 'invitations'],
  me: ['me'],
  'pending votes': ['pendingVotes'],
  'other workspace': ['workspace', OTHER, 'proposals', 'list', 'all'],
};

/** The names of the queries an event leaves stale. */
function invalidatedBy(event: LiveEvent): string[] {
  const qc = new QueryClient();
  for (const key of Object.values(QUERIES)) qc.setQueryData(key, { seeded: true });
  invalidateFor(qc, event, WID);
  return Object.entries(QUERIES)
    .filter(([, key]) => qc.getQueryState(key)?.isInvalidated)
    .map(([name]) => name)
    .sort();
}

const FEED = ['activity feed', 'partner history'];
const PARTNERS = ['one partner', 'partners list'];
const PROPOSALS = ['one proposal', 'proposals list'];
const NETWORK = ['network map', 'network suggestions'];
const DOCUMENT = ['document', 'document versions'];
const SURVEYS = ['perceived ties', 'survey waves'];

/** What each socket event refetches: the specification the map must follow. */
const EXPECTED: Record<LiveEvent, string[]> = {
  'workspace.created': ['workspace detail', 'workspaces list', ...FEED],
  'workspace.updated': ['workspace detail', 'workspaces list', ...FEED],
  'workspace.stage_changed': ['workspace detail', 'workspaces list', 'policies', ...FEED],
  'member.joined': ['members', 'invitations', ...PARTNERS, 'workspace detail', ...FEED],
  'member.role_changed': ['members', 'workspace detail', ...FEED],
  'member.updated': ['members', ...PARTNERS, ...FEED],
  'member.left': ['members', ...PARTNERS, 'workspace detail', ...FEED],
  'invitation.created': ['invitations', ...FEED],
  'invitation.revoked': ['invitations', ...FEED],
  'invitation.declined': ['invitations', ...FEED],
  'partner.added': [...PARTNERS, ...NETWORK, ...PROPOSALS, ...FEED],
  'partner.updated': [...PARTNERS, ...NETWORK, ...PROPOSALS, ...FEED],
  'partner.left': [...PARTNERS, ...NETWORK, ...PROPOSALS, ...FEED],
  'partner.research_consent_changed': ['research consents', ...FEED],
  'policy.changed': ['policies', ...FEED],
  'proposal.opened': [...PROPOSALS, ...PARTNERS, 'pending votes', ...FEED],
  'vote.cast': [...PROPOSALS, 'pending votes', ...FEED],
  'advice.given': [...PROPOSALS, ...FEED],
  'proposal.closed': [...PROPOSALS, ...PARTNERS, ...NETWORK, 'pending votes', ...FEED],
  'proposal.statement_added': [...PROPOSALS, ...FEED],
  'proposal.reminded': [...PROPOSALS, ...FEED],
  'proposal.extended': [...PROPOSALS, 'pending votes', ...FEED],
  'delegation.set': [...PARTNERS, ...FEED],
  'delegation.revoked': [...PARTNERS, ...FEED],
  'principle.created': ['principles', ...FEED],
  'principle.updated': ['principles', ...FEED],
  'principle.deleted': ['principles', ...FEED],
  'experiment.created': ['experiments', ...NETWORK, ...FEED],
  'experiment.updated': ['experiments', ...NETWORK, ...FEED],
  'experiment.status_changed': ['experiments', ...NETWORK, ...FEED],
  'experiment.learning_added': ['experiments', ...FEED],
  'experiment.deleted': ['experiments', ...NETWORK, ...FEED],
  'connection.proposed': ['connections', ...NETWORK, ...FEED],
  'connection.responded': ['connections', ...FEED],
  'connection.accepted': ['connections', ...NETWORK, ...FEED],
  'connection.declined': ['connections', ...NETWORK, ...FEED],
  'connection.expired': ['connections', ...FEED],
  'document.created': [...DOCUMENT, ...FEED],
  'document.version_created': [...DOCUMENT, ...FEED],
  'document.restored': [...DOCUMENT, ...FEED],
  'thread.opened': ['threads', ...FEED],
  'comment.added': ['threads', ...FEED],
  'comment.edited': ['threads', ...FEED],
  'comment.deleted': ['threads', ...FEED],
  'thread.resolved': ['threads', ...FEED],
  'thread.reopened': ['threads', ...FEED],
  'survey.scheduled': [...SURVEYS, ...FEED],
  'survey.opened': [...SURVEYS, ...FEED],
  'survey.response_submitted': [...SURVEYS, ...FEED],
  'survey.reminded': [...SURVEYS, ...FEED],
  'survey.closed': [...SURVEYS, ...FEED],
  'proposal:tally': PROPOSALS,
  notification: ['notifications'],
  membership: ['members', 'workspace detail', 'workspaces list'],
};

describe('socket event → query invalidation', () => {
  it('maps every activity event type the server writes, and the other socket events', () => {
    expect(Object.keys(LIVE_INVALIDATION).sort()).toEqual(
      [...ACTIVITY_EVENT_TYPES, 'proposal:tally', 'notification', 'membership'].sort(),
    );
  });

  it.each(Object.entries(EXPECTED) as [LiveEvent, string[]][])(
    '%s invalidates only %j',
    (event, expected) => {
      expect(invalidatedBy(event)).toEqual([...expected].sort());
    },
  );

  it('a vote does not refetch the network map, nor another workspace', () => {
    const stale = invalidatedBy('vote.cast');
    expect(stale).not.toContain('network map');
    expect(stale).not.toContain('network suggestions');
    expect(stale).not.toContain('other workspace');
  });

  it('after a reconnect refetches the queries on screen in the workspace, and no others', async () => {
    const qc = new QueryClient();
    const fetches = { shown: 0, hidden: 0 };
    // An observer makes a query active, as a mounted page does.
    const shown = new QueryObserver(qc, {
      queryKey: ['workspace', WID, 'network', 'now'],
      queryFn: () => ++fetches.shown,
      staleTime: Infinity,
    });
    const unsubscribe = shown.subscribe(() => {});
    await vi.waitFor(() => expect(fetches.shown).toBe(1));
    await qc.prefetchQuery({
      queryKey: ['workspace', WID, 'members'],
      queryFn: () => ++fetches.hidden,
      staleTime: Infinity,
    });
    refetchAfterReconnect(qc, WID);
    await vi.waitFor(() => expect(fetches.shown).toBe(2));
    expect(fetches.hidden).toBe(1);
    expect(qc.getQueryState(['workspace', WID, 'members'])?.isInvalidated).toBe(true);
    unsubscribe();
  });
});

describe('the table loads with the socket, not the first chunk', () => {
  it('invalidateLater marks the same queries stale once the table is there', async () => {
    const { invalidateLater } = await import('./liveInvalidation');
    const qc = new QueryClient();
    qc.setQueryData(['workspace', WID, 'proposals', 'list', 'all'], { seeded: true });
    qc.setQueryData(['workspace', WID, 'network', 'now'], { seeded: true });
    invalidateLater(qc, 'vote.cast', WID);
    await vi.waitFor(() =>
      expect(qc.getQueryState(['workspace', WID, 'proposals', 'list', 'all'])?.isInvalidated).toBe(
        true,
      ),
    );
    expect(qc.getQueryState(['workspace', WID, 'network', 'now'])?.isInvalidated).toBe(false);
  });
});
