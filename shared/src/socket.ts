import type { ActivityEventDto } from './activity.js';
import type { ProposalTallyPayload } from './proposals.js';
import type { Role } from './domain.js';
import type { NotificationPush } from './notifications.js';
import type { ErrorBody } from './errors.js';

/** Rooms the server pushes to. */
export const workspaceRoom = (workspaceId: string) => `workspace:${workspaceId}`;
export const userRoom = (userId: string) => `user:${userId}`;

export type SocketAck<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: Pick<ErrorBody, 'statusCode' | 'code' | 'message'> };

export interface ServerToClientEvents {
  event: (event: ActivityEventDto) => void;
  'proposal:tally': (data: ProposalTallyPayload) => void;
  notification: (data: NotificationPush) => void;
  /** To `user:<id>` when the user's membership changes; `role: null` = no longer a member. */
  membership: (data: MembershipChange) => void;
}

export interface MembershipChange {
  workspaceId: string;
  role: Role | null;
  broker: boolean;
  partnerId: string | null;
}

export interface ClientToServerEvents {
  'workspace:join': (data: { workspaceId: string }, ack: (res: SocketAck) => void) => void;
  'workspace:leave': (data: { workspaceId: string }, ack?: (res: SocketAck) => void) => void;
}
