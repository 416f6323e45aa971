import type { ErrorBody } from './errors.js';

/** Rooms the server pushes to. */
export const workspaceRoom = (workspaceId: string) => `workspace:${workspaceId}`;
export const userRoom = (userId: string) => `user:${userId}`;

export type SocketAck<T = Record<string, never>> =
  ({ ok: true } & T) | { ok: false; error: Pick<ErrorBody, 'statusCode' | 'code' | 'message'> };

/** The activity event as the log and the socket carry it. */
export interface ActivityEventDto {
  id: string;
  seq: number;
  workspaceId: string;
  type: string;
  actorId: string | null;
  subjectType: string;
  subjectId: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

export interface ServerToClientEvents {
  event: (event: ActivityEventDto) => void;
  'proposal:tally': (data: { proposalId: string; status: string; tally: unknown }) => void;
  notification: (data: unknown) => void;
}

export interface ClientToServerEvents {
  'workspace:join': (data: { workspaceId: string }, ack: (res: SocketAck) => void) => void;
  'workspace:leave': (data: { workspaceId: string }, ack?: (res: SocketAck) => void) => void;
}
