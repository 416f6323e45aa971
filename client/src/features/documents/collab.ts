import { CollabCloseCode } from '@coalesce/shared';
import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { fetchCollabToken } from './api';
import {
  forgetOfflineCopy,
  offlineCopyName,
  onReleaseOfflineCopies,
  rememberOfflineCopy,
} from './offline-copies';

export type CollabStatus = 'connecting' | 'connected' | 'offline' | 'refused';

export interface CollabSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Local edits are also kept in IndexedDB, so a closed tab or a lost network loses nothing. */
  local: IndexeddbPersistence;
}

const collabUrl = () =>
  `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/collab`;

/** A session opened ahead of its page, with the close code it may have met meanwhile. */
interface Warm {
  session: Promise<CollabSession>;
  timer: ReturnType<typeof setTimeout>;
}

/** How long a warmed session waits for its page before it is closed again. */
const WARM_TTL_MS = 30_000;
/** A page that unmounts keeps its session only for an immediate remount (StrictMode). */
const REMOUNT_TTL_MS = 1_000;

const warm = new Map<string, Warm>();
/** Every session not closed yet, by document: the ones to close before a copy is deleted. */
const open = new Map<string, Set<CollabSession>>();

function openSession(documentId: string, workspaceId: string): Promise<CollabSession> {
  return fetchCollabToken().then((token) => {
    const doc = new Y.Doc();
    rememberOfflineCopy(documentId, workspaceId);
    const local = new IndexeddbPersistence(offlineCopyName(documentId), doc);
    const provider = new WebsocketProvider(collabUrl(), documentId, doc, {
      params: token ? { token } : {},
    });
    const session = { doc, provider, local };
    const sessions = open.get(documentId) ?? new Set();
    sessions.add(session);
    open.set(documentId, sessions);
    return session;
  });
}

function closeSession(s: CollabSession) {
  s.provider.destroy();
  void s.local.destroy();
  s.doc.destroy();
  for (const [documentId, sessions] of open) {
    if (sessions.delete(s) && !sessions.size) open.delete(documentId);
  }
}

/**
 * Lets go of the copies of these documents (all when omitted) so they can be deleted. Parked
 * sessions close; a session a page still shows only stops keeping a copy (its page closes it
 * on leaving, and an editor must not lose its document under it).
 */
onReleaseOfflineCopies(async (documentIds) => {
  const pending: Promise<void>[] = [];
  for (const [documentId, entry] of warm) {
    if (documentIds && !documentIds.includes(documentId)) continue;
    clearTimeout(entry.timer);
    warm.delete(documentId);
    pending.push(entry.session.then(closeSession, () => undefined));
  }
  await Promise.all(pending);
  for (const [documentId, sessions] of open) {
    if (documentIds && !documentIds.includes(documentId)) continue;
    for (const s of sessions) pending.push(s.local.clearData());
  }
  await Promise.all(pending);
});

/** Keeps a session for `documentId` open for a while, for the page that is about to use it. */
function park(documentId: string, session: Promise<CollabSession>, ttl = WARM_TTL_MS) {
  const previous = warm.get(documentId);
  if (previous) {
    clearTimeout(previous.timer);
    void previous.session.then(closeSession);
  }
  const entry: Warm = {
    session,
    timer: setTimeout(() => {
      if (warm.get(documentId) !== entry) return;
      warm.delete(documentId);
      void session.then(closeSession);
    }, ttl),
  };
  warm.set(documentId, entry);
}

/**
 * Opens the document's session (token, socket, first sync, IndexedDB) before its page's code
 * has loaded, so the text can be there as soon as the editor is.
 */
export function warmCollabSession(documentId: string, workspaceId: string): void {
  if (warm.has(documentId)) return;
  park(documentId, openSession(documentId, workspaceId));
}

function takeSession(documentId: string, workspaceId: string): Promise<CollabSession> {
  const entry = warm.get(documentId);
  if (!entry) return openSession(documentId, workspaceId);
  clearTimeout(entry.timer);
  warm.delete(documentId);
  return entry.session;
}

/**
 * One Y.Doc per open document, connected through the stock y-websocket provider and mirrored
 * in IndexedDB. Taken inside an effect: React 19's StrictMode would destroy a memoised one, and
 * its second mount takes back the session the first one parked.
 */
export function useCollabSession(documentId: string, workspaceId: string) {
  const [session, setSession] = useState<CollabSession | null>(null);
  const [status, setStatus] = useState<CollabStatus>('connecting');
  const [synced, setSynced] = useState(false);
  const [refusal, setRefusal] = useState<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    let current: CollabSession | null = null;
    let detach = () => {};
    const taken = takeSession(documentId, workspaceId);
    void taken.then((s) => {
      if (cancelled) return;
      const { provider } = s;
      const onStatus = ({ status: st }: { status: string }) =>
        setStatus(
          st === 'connected' ? 'connected' : st === 'connecting' ? 'connecting' : 'offline',
        );
      const onSync = (isSynced: boolean) => setSynced(isSynced);
      const onClose = (event: CloseEvent | null) => {
        const code = event?.code ?? 0;
        if (code === CollabCloseCode.UNAUTHENTICATED) {
          // The token expired while we were away: fetch a fresh one and reconnect.
          void fetchCollabToken().then((fresh) => {
            if (cancelled || !fresh) return setStatus('refused');
            provider.params = { token: fresh };
            provider.connect();
          });
        } else if (code >= 4400 && code < 4500) {
          setRefusal(code);
          setStatus('refused');
          // No access (any more): what this browser kept of the document goes too.
          if (code === CollabCloseCode.FORBIDDEN || code === CollabCloseCode.NOT_FOUND) {
            void forgetOfflineCopy(documentId);
          }
        }
      };
      provider.on('status', onStatus);
      provider.on('sync', onSync);
      provider.on('connection-close', onClose);
      detach = () => {
        provider.off('status', onStatus);
        provider.off('sync', onSync);
        provider.off('connection-close', onClose);
      };
      // A warmed session may be connected and synced already.
      if (provider.wsconnected) setStatus('connected');
      setSynced(provider.synced);
      current = s;
      setSession(s);
    });
    return () => {
      cancelled = true;
      detach();
      // Parked for a moment, not closed: StrictMode's remount picks it up again.
      park(documentId, current ? Promise.resolve(current) : taken, REMOUNT_TTL_MS);
      setSession(null);
      setSynced(false);
    };
  }, [documentId, workspaceId]);

  return { session, status, synced, refusal };
}
