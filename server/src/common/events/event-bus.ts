import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { afterCommit } from '../database/after-commit';
import { logger } from '../logging/logger';
import type { DomainEventHandler, DomainEventMap, DomainEventName } from './domain-events';

/**
 * The typed in-process domain-event bus. Publishers that change data call `emitAfterCommit`
 * with the transaction's manager, so listeners only ever see committed state and a rolled-back
 * change publishes nothing. A failing listener is logged and never affects the publisher or
 * the other listeners.
 */
@Injectable()
export class EventBus {
  private readonly handlers = new Map<DomainEventName, Set<DomainEventHandler<never>>>();

  /** Subscribes; returns the unsubscribe function. */
  on<K extends DomainEventName>(name: K, handler: DomainEventHandler<K>): () => void {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(handler as DomainEventHandler<never>);
    return () => set.delete(handler as DomainEventHandler<never>);
  }

  /** Delivers now. Use only for facts that are already durable (or never were). */
  emit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    for (const handler of this.handlers.get(name) ?? []) {
      try {
        const r = (handler as DomainEventHandler<K>)(payload);
        if (r instanceof Promise)
          r.catch((err: unknown) => logger.error({ err, name }, 'listener'));
      } catch (err) {
        logger.error({ err, name }, 'listener');
      }
    }
  }

  /** Delivers once the transaction of `manager` commits; nothing if it rolls back. */
  emitAfterCommit<K extends DomainEventName>(
    manager: EntityManager,
    name: K,
    payload: DomainEventMap[K],
  ): void {
    afterCommit(manager, () => this.emit(name, payload));
  }
}
