import { CollabCloseCode } from '@coalesce/shared';
import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { fetchCollabToken } from './api';

export type CollabStatus = 'connecting' | 'connected' | 'offline' | 'refused';

export interface CollabSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Local edits are also kept in IndexedDB, so a closed tab or a lost network loses nothing. */
  local: IndexeddbPersistence;
}

const collabUrl = () =>
  `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/collab`;

/**
 * One Y.Doc per open document, connected through the stock y-websocket provider and mirrored
 * in IndexedDB. Created inside an effect: React 19's StrictMode would destroy a memoised one.
 */
export function useCollabSession(documentId: string) {
  const [session, setSession] = useState<CollabSession | null>(null);
  const [status, setStatus] = useState<CollabStatus>('connecting');
  const [synced, setSynced] = useState(false);
  const [refusal, setRefusal] = useState<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    let current: CollabSession | null = null;
    void fetchCollabToken().then((token) => {
      if (cancelled) return;
      const doc = new Y.Doc();
      const local = new IndexeddbPersistence(`coalesce:${documentId}`, doc);
      const provider = new WebsocketProvider(collabUrl(), documentId, doc, {
        params: token ? { token } : {},
      });
      provider.on('status', ({ status: s }: { status: string }) => {
        setStatus(s === 'connected' ? 'connected' : s === 'connecting' ? 'connecting' : 'offline');
      });
      provider.on('sync', (isSynced: boolean) => setSynced(isSynced));
      provider.on('connection-close', (event: CloseEvent | null) => {
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
        }
      });
      current = { doc, provider, local };
      setSession(current);
    });
    return () => {
      cancelled = true;
      if (current) {
        current.provider.destroy();
        void current.local.destroy();
        current.doc.destroy();
      }
      setSession(null);
      setSynced(false);
    };
  }, [documentId]);

  return { session, status, synced, refusal };
}
