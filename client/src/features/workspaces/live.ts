import type { ActivityEventDto } from '@coalesce/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSocket } from '../../app/socket';
import { workspaceKey } from './api';

/**
 * Joins the workspace's socket.io room (again after every reconnect) and refreshes the
 * workspace's queries whenever an event arrives. Returns whether the room is joined.
 */
export function useWorkspaceLive(wid: string): boolean {
  const socket = useSocket();
  const qc = useQueryClient();
  const [joined, setJoined] = useState(false);
  useEffect(() => {
    if (!socket) return;
    const join = () =>
      socket.emit('workspace:join', { workspaceId: wid }, (res) => setJoined(Boolean(res?.ok)));
    const onDisconnect = () => setJoined(false);
    const onEvent = (e: ActivityEventDto) => {
      if (e.workspaceId !== wid) return;
      void qc.invalidateQueries({ queryKey: workspaceKey(wid) });
      if (e.type.startsWith('workspace.') || e.type.startsWith('member.')) {
        void qc.invalidateQueries({ queryKey: ['workspaces'] });
      }
    };
    socket.on('connect', join);
    socket.on('disconnect', onDisconnect);
    socket.on('event', onEvent);
    if (socket.connected) join();
    return () => {
      socket.off('connect', join);
      socket.off('disconnect', onDisconnect);
      socket.off('event', onEvent);
      if (socket.connected) socket.emit('workspace:leave', { workspaceId: wid });
    };
  }, [socket, wid, qc]);
  return joined;
}
