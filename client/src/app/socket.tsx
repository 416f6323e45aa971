import type { ClientToServerEvents, ServerToClientEvents } from '@coalesce/shared';
import { useQueryClient } from '@tanstack/react-query';
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
  // Events pushed while the socket was away are lost unless the server recovered the session
  // (it replays them then): refetch what is on screen.
  const qc = useQueryClient();
  useEffect(() => {
    if (!socket) return;
    return onReconnect(socket, (recovered) => {
      if (!recovered) void qc.invalidateQueries();
    });
  }, [socket, qc]);
  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

/**
 * Calls `fn` on every connect after the first, with whether socket.io recovered the session
 * (missed events replayed) or not (they are lost: refetch). Returns the unsubscribe.
 */
export function onReconnect(socket: AppSocket, fn: (recovered: boolean) => void): () => void {
  let connectedBefore = socket.connected;
  const onConnect = () => {
    if (connectedBefore) fn(socket.recovered);
    connectedBefore = true;
  };
  socket.on('connect', onConnect);
  return () => {
    socket.off('connect', onConnect);
  };
}

/** `onReconnect` for as long as the component lives. */
export function useSocketReconnect(fn: (recovered: boolean) => void): void {
  const socket = useSocket();
  useEffect(() => (socket ? onReconnect(socket, fn) : undefined), [socket, fn]);
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
