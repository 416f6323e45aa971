import type { ClientToServerEvents, ServerToClientEvents } from '@coalesce/shared';
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const SocketContext = createContext<AppSocket | null>(null);

/**
 * One socket.io connection per signed-in tab, authenticated by the session cookie. `enabled`
 * follows the session so signing out closes the socket.
 */
export function SocketProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  // Created lazily and connected in an effect, so StrictMode's double effects reconnect the
  // same socket instead of leaking one.
  const socket = useMemo<AppSocket | null>(
    () =>
      enabled
        ? io({
            path: '/socket.io',
            withCredentials: true,
            transports: ['websocket'],
            autoConnect: false,
          })
        : null,
    [enabled],
  );
  useEffect(() => {
    if (!socket) return;
    socket.connect();
    return () => {
      socket.disconnect();
    };
  }, [socket]);
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
