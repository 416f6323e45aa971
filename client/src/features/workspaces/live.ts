import type { ActivityEventDto, MembershipChange } from '@coalesce/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSocket } from '../../app/socket';
import { invalidateLater, refetchLater } from './liveInvalidation';

/**
 * Joins the workspace's socket.io room (again after every reconnect) and refreshes what each
 * event changed (see `LIVE_INVALIDATION`). After a reconnect, the events missed while away are
 * made up for by refetching the workspace's queries on screen. Returns whether the room is
 * joined.
 */
export function useWorkspaceLive(wid: string): boolean {
  const socket = useSocket();
  const qc = useQueryClient();
  const [joined, setJoined] = useState(false);
  useEffect(() => {
    if (!socket) return;
    let wasJoined = false;
    const join = () =>
      socket.emit('workspace:join', { workspaceId: wid }, (res) => {
        const ok = Boolean(res?.ok);
        // A recovered session had its missed events replayed by the server (connection-state
        // recovery); otherwise they are lost and what is on screen is fetched again.
        if (ok && wasJoined && !socket.recovered) refetchLater(qc, wid);
        wasJoined ||= ok;
        setJoined(ok);
      });
    const onDisconnect = () => setJoined(false);
    const onEvent = (e: ActivityEventDto) => {
      if (e.workspaceId === wid) invalidateLater(qc, e.type, wid);
    };
    const onMembership = (m: MembershipChange) => invalidateLater(qc, 'membership', m.workspaceId);
    socket.on('connect', join);
    socket.on('disconnect', onDisconnect);
    socket.on('event', onEvent);
    socket.on('membership', onMembership);
    if (socket.connected) join();
    return () => {
      socket.off('connect', join);
      socket.off('disconnect', onDisconnect);
      socket.off('event', onEvent);
      socket.off('membership', onMembership);
      if (socket.connected) socket.emit('workspace:leave', { workspaceId: wid });
    };
  }, [socket, wid, qc]);
  return joined;
}
