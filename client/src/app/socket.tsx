import type { ClientToServerEvents, ServerToClientEvents } from '@coalesce/shared';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Socket } from 'socket.io-client';
import { forgetOfflineCopiesOf } from '../features/documents/offline-copies';
import { loadInvalidation } from '../features/workspaces/liveInvalidation';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Exported for tests, which provide a socket of their own. */
export const SocketContext = createContext<AppSocket | null>(null);

/**
 * One socket.io connection per signed-in tab, authenticated by the session cookie. `enabled`
 * follows the session so signing out closes the socket. The socket.io client (~14 KB gzip) is
 * loaded after the first paint, not with the first chunk: the page renders from its queries and
 * the hooks below subscribe once the socket exists.
 */
export function SocketProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [socket, setSocket] = useState<AppSocket | null>(null);
  // Created and connected in an effect, so StrictMode's double effects close the first socket
  // (or never create it) instead of leaking one.
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let created: AppSocket | null = null;
    // What each event makes stale comes with the socket, so it is there when events arrive.
    void loadInvalidation().catch(() => undefined);
    void import('socket.io-client').then(({ io }) => {
      if (cancelled) return;
      created = io({ path: '/socket.io', withCredentials: true, transports: ['websocket'] });
      // Removed from a network: this browser keeps nothing of its documents.
      created.on('membership', (m) => {
        if (m.role === null) void forgetOfflineCopiesOf(m.workspaceId);
      });
      setSocket(created);
    });
    return () => {
      cancelled = true;
      created?.disconnect();
      setSocket(null);
    };
  }, [enabled]);
  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

export function useSocket(): AppSocket | null {
  return useContext(SocketContext);
}

/** Subscribes to a server event for as long as the component lives. */
export function useSocketEvent<E extends keyof ServerToClientEvents>(
  event: E,
  handler: ServerToClientEvents[E],
): void {
  const socket = useSocket();
  useEffect(() => {
    if (!socket) return;
    socket.on(event, handler as never);
    return () => {
      socket.off(event, handler as never);
    };
  }, [socket, event, handler]);
}
