import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { afterCommit } from '../database/after-commit';
import { logger } from '../logging/logger';
import {
  CLUSTER_EVENTS,
  type DomainEventHandler,
  type DomainEventMap,
  type DomainEventMeta,
  type DomainEventName,
} from './domain-events';

type Relay = (name: DomainEventName, payload: unknown) => void;

/**
 * The typed in-process domain-event bus. Publishers that change data call `emitAfterCommit`
 * with the transaction's manager, so listeners only ever see committed state and a rolled-back
 * change publishes nothing. A failing listener is logged and never affects the publisher or
 * the other listeners. CLUSTER_EVENTS also reach the other instances when REDIS_URL is set
 * (handlers then get `meta.remote === true`).
 */
@Injectable()
export class EventBus {
  private readonly handlers = new Map<DomainEventName, Set<DomainEventHandler<never>>>();
  private relay: Relay | undefined;

  /** Subscribes; returns the unsubscribe function. */
  on<K extends DomainEventName>(name: K, handler: DomainEventHandler<K>): () => void {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(handler as DomainEventHandler<never>);
    return () => set.delete(handler as DomainEventHandler<never>);
  }

  /** Delivers now. Use only for facts that are already durable (or never were). */
  emit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    this.deliver(name, payload, { remote: false });
    if (this.relay && CLUSTER_EVENTS.includes(name)) this.relay(name, payload);
  }

  /** Delivers once the transaction of `manager` commits; nothing if it rolls back. */
  emitAfterCommit<K extends DomainEventName>(
    manager: EntityManager,
    name: K,
    payload: DomainEventMap[K],
  ): void {
    afterCommit(manager, () => this.emit(name, payload));
  }

  /** Used by the Redis relay only. */
  setRelay(relay: Relay | undefined): void {
    this.relay = relay;
  }

  /** Used by the relay only: an event another instance emitted. */
  deliverRemote(name: DomainEventName, payload: unknown, recovered = false): void {
    this.deliver(name, payload as never, { remote: true, recovered });
  }

  private deliver<K extends DomainEventName>(
    name: K,
    payload: DomainEventMap[K],
    meta: DomainEventMeta,
  ): void {
    for (const handler of this.handlers.get(name) ?? []) {
      try {
        const r = (handler as DomainEventHandler<K>)(payload, meta);
        if (r instanceof Promise)
          r.catch((err: unknown) => logger.error({ err, name }, 'listener'));
      } catch (err) {
        logger.error({ err, name }, 'listener');
      }
    }
  }
}
