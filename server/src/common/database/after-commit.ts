import {
  EventSubscriber,
  type EntityManager,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import { logger } from '../logging/logger';

interface Hook {
  depth: number;
  run: () => void | Promise<void>;
}

const pending = new WeakMap<QueryRunner, Hook[]>();

function runSafely(fn: () => void | Promise<void>): void {
  try {
    const r = fn();
    if (r instanceof Promise) r.catch((err: unknown) => logger.error({ err }, 'after-commit hook'));
  } catch (err) {
    logger.error({ err }, 'after-commit hook');
  }
}

/**
 * Runs `fn` once the transaction `manager` belongs to has committed (the outermost one, when
 * transactions nest), and never when it rolls back. Outside a transaction the write has already
 * committed, so `fn` runs on the next tick. Hooks never throw into the caller.
 * Works with any `dataSource.transaction(...)`: the subscriber below sees every commit.
 */
export function afterCommit(manager: EntityManager, fn: () => void | Promise<void>): void {
  const qr = manager.queryRunner;
  if (!qr || !qr.isTransactionActive) {
    queueMicrotask(() => runSafely(fn));
    return;
  }
  const depth = (qr as unknown as { transactionDepth?: number }).transactionDepth ?? 1;
  const hooks = pending.get(qr) ?? [];
  hooks.push({ depth, run: fn });
  pending.set(qr, hooks);
}

/** Registered on every DataSource (see data-source.ts). */
@EventSubscriber()
export class AfterCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    const qr = event.queryRunner;
    if (qr.isTransactionActive) return; // a savepoint was released: wait for the real commit
    const hooks = pending.get(qr);
    pending.delete(qr);
    hooks?.forEach((h) => runSafely(h.run));
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const qr = event.queryRunner;
    const hooks = pending.get(qr);
    if (!hooks) return;
    if (!qr.isTransactionActive) {
      pending.delete(qr);
      return;
    }
    // Rolled back to a savepoint: drop what was registered inside it.
    const depth = (qr as unknown as { transactionDepth?: number }).transactionDepth ?? 0;
    pending.set(
      qr,
      hooks.filter((h) => h.depth <= depth),
    );
  }
}
