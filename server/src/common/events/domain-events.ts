import type {
  ActivityEventDto,
  NotificationPush,
  ProposalTallyPayload,
  Role,
} from '@coalesce/shared';

/**
 * Every in-process domain event and its payload. A feature adds its own events here (or by
 * declaration merging: `declare module '.../domain-events' { interface DomainEventMap {...} }`).
 */
export interface DomainEventMap {
  /** An activity event was committed to the log (published after commit, never before). */
  'activity.recorded': ActivityEventDto;
  /**
   * A user's access to a workspace changed: joined, role/broker/partner changed (`role` set) or
   * removed/left (`role: null`). Realtime and collab close or downgrade live connections on it.
   */
  'member.access_changed': MemberAccessChanged;
  /**
   * A user's notifications changed (created, read): pushed to `user:<id>` as `notification`.
   * Not relayed: socket.io's Redis adapter fans room pushes out to every instance.
   */
  'notification.pushed': { userId: string; push: NotificationPush };
  /**
   * A proposal's tally after a committed vote or closing. Pushed to `workspace:<id>` as
   * `proposal:tally` (the socket.io Redis adapter carries it to the other instances).
   */
  'proposal.tally': ProposalTallyPayload;
  /** A session was revoked (logout): its sockets must close. */
  'session.revoked': { sessionId: string; userId: string };
}

export interface MemberAccessChanged {
  workspaceId: string;
  userId: string;
  role: Role | null;
  broker: boolean;
  partnerId: string | null;
}

export type DomainEventName = keyof DomainEventMap;

/**
 * `remote`: published by another instance and relayed (REDIS_URL only). `recovered`: that relay
 * came through the PostgreSQL log because Redis lost it, so the socket.io adapter's cluster-wide
 * room changes made with it may be lost too (see RedisEventRelay).
 */
export interface DomainEventMeta {
  remote: boolean;
  recovered?: boolean;
}
export type DomainEventHandler<K extends DomainEventName> = (
  payload: DomainEventMap[K],
  meta: DomainEventMeta,
) => void | Promise<void>;

/**
 * Events every instance must see (live connections to a user may be on any instance). With
 * REDIS_URL they are relayed; `activity.recorded` is not: socket.io's Redis adapter already
 * fans room pushes out, and each instance would push it twice.
 */
export const CLUSTER_EVENTS: readonly DomainEventName[] = [
  'member.access_changed',
  'session.revoked',
];
