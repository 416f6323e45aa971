import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DataSource, type EntityManager } from 'typeorm';
import * as Y from 'yjs';
import { afterCommit } from '../../../common/database/after-commit';
import { logger } from '../../../common/logging/logger';
import { metrics } from '../../../common/metrics/metrics';
import { COLLAB_OPTIONS, type CollabOptions, resolveCollabOptions } from './collab.options';
import { CollabPersistenceRepository } from './collab-persistence.repository';
import { plainBytes } from './collab-protocol.util';

interface PendingWrite {
  documentId: string;
  update: Buffer;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Called once an update is committed, with its place in the document's log (`docSeq`: 1, 2, 3…
 * per document, in commit order), before any local client sees it. The cross-instance relay
 * publishes it from here.
 */
export type CommittedListener = (documentId: string, docSeq: number, update: Uint8Array) => void;

/** What a catch-up read found: rows after a known position, and the document's head. */
export interface LogTail {
  /** The highest committed docSeq of the document (0: none yet; -1: no such document). */
  head: number;
  rows: { docSeq: number; update: Uint8Array }[];
  /** Set when rows after the known position were already squashed: the whole snapshot. */
  snapshot: Uint8Array | null;
}

interface Dirty {
  /** Rows in the log not yet folded into the snapshot (as far as this process knows). */
  count: number;
  lastWriteAt: number;
}

const toBuffer = (u: Uint8Array): Buffer =>
  Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/**
 * Durable storage of collaborative documents: an append-only update log plus one snapshot per
 * document, in the spirit of AFFiNE's doc adapters.
 *
 * - `append` resolves only once the update is COMMITTED; callers broadcast after that, so no
 *   client ever sees an update a crash could lose.
 * - Group commit: the first write of an idle period goes out at once (after the current
 *   callback's microtasks, so frames parsed from one socket read share it); while it is in
 *   flight, later writes (any document) queue up and go out together in one INSERT.
 * - Squash: in the background, by count and by idle time, a document's rows are folded into its
 *   snapshot and exactly those rows deleted, in one transaction (safe with several processes).
 */
@Injectable()
export class CollabPersistenceService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly options: CollabOptions;
  private queue: PendingWrite[] = [];
  private queuedBytes = 0;
  private flushing = false;
  private drainWaiters: (() => void)[] = [];
  private readonly dirty = new Map<string, Dirty>();
  private readonly squashQueue = new Set<string>();
  private squashing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private squashWaiters = new Map<string, ((rows: number) => void)[]>();
  private readonly repo: CollabPersistenceRepository;
  private readonly committedListeners = new Set<CommittedListener>();

  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(COLLAB_OPTIONS) options?: Partial<CollabOptions>,
  ) {
    this.options = resolveCollabOptions(options);
    this.repo = new CollabPersistenceRepository(dataSource);
  }

  onModuleInit(): void {
    const every = Math.max(20, Math.min(1000, Math.floor(this.options.squashIdleMs / 2)));
    this.timer = setInterval(() => this.sweep(), every);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.squashQueue.clear();
    await this.drained();
    await this.squashing;
    await this.squashAll(Date.now() + this.options.shutdownSquashMs);
    await this.repo.close();
  }

  /**
   * Graceful shutdown: folds every document with log rows into its snapshot, so the next start
   * reads one row per document instead of replaying a tail. Bounded by `deadline` (checked
   * between documents); whatever is left stays in the log, where the next load replays it.
   */
  private async squashAll(deadline: number): Promise<void> {
    for (const id of [...this.dirty.keys()]) {
      if (Date.now() >= deadline) {
        logger.info({ left: this.dirty.size }, 'collab: shutdown squash stopped at its deadline');
        return;
      }
      try {
        await this.squash(id);
      } catch (err) {
        logger.warn({ err, documentId: id }, 'collab: shutdown squash failed (log kept)');
      }
    }
  }

  /** Subscribes to committed updates (see CommittedListener); returns the unsubscribe. */
  onCommitted(listener: CommittedListener): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  private notifyCommitted(documentId: string, docSeq: number, update: Uint8Array): void {
    for (const l of this.committedListeners) {
      try {
        l(documentId, docSeq, update);
      } catch (err) {
        logger.error({ err, documentId }, 'collab: committed listener failed');
      }
    }
  }

  /** Resolves once the update is committed; rejects if it could not be stored. */
  append(documentId: string, update: Uint8Array): Promise<void> {
    if (this.queuedBytes + update.byteLength > this.options.maxQueuedBytes) {
      return Promise.reject(new Error('collab write queue is full'));
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ documentId, update: toBuffer(update), resolve, reject });
      this.queuedBytes += update.byteLength;
      if (!this.flushing) {
        this.flushing = true;
        // Not a whole event-loop turn (that only added latency to every first write): a
        // microtask, so the frames of one socket read still share this INSERT.
        queueMicrotask(() => void this.flushLoop());
      }
    });
  }

  /** Resolves when every write queued so far has been committed (or failed). */
  drained(): Promise<void> {
    if (!this.flushing && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  private takeBatch(): PendingWrite[] {
    let bytes = 0;
    let n = 0;
    while (n < this.queue.length && n < this.options.maxBatchRows) {
      const size = this.queue[n]!.update.byteLength;
      if (n > 0 && bytes + size > this.options.maxBatchBytes) break;
      bytes += size;
      n++;
    }
    this.queuedBytes -= bytes;
    return this.queue.splice(0, n);
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.takeBatch();
        try {
          this.settle(batch, await this.insert(batch));
        } catch (err) {
          if (batch.length === 1) {
            batch[0]!.reject(err);
            continue;
          }
          // One bad row (e.g. its document was deleted) must not fail the others.
          logger.warn({ err, rows: batch.length }, 'collab: batch insert failed, retrying rows');
          for (const w of batch) {
            try {
              this.settle([w], await this.insert([w]));
            } catch (rowErr) {
              w.reject(rowErr);
            }
          }
        }
      }
    } finally {
      this.flushing = false;
      const waiters = this.drainWaiters;
      this.drainWaiters = [];
      waiters.forEach((w) => w());
    }
  }

  /** The docSeq of each write (undefined: its document is gone), in batch order. */
  private async insert(batch: PendingWrite[]): Promise<(number | undefined)[]> {
    const start = performance.now();
    const rows = await this.repo.append(
      batch.map((w) => w.documentId),
      batch.map((w) => w.update),
    );
    metrics.collabCommitDuration.observe((performance.now() - start) / 1000);
    metrics.collabCommits.inc();
    metrics.collabUpdates.inc(batch.length);
    if (batch.length === 1) {
      const r = rows[0];
      return [r && r.documentId === batch[0]!.documentId ? Number(r.docSeq) : undefined];
    }
    // RETURNING has no order: within a document, docSeqs follow the batch order.
    const byDoc = new Map<string, number[]>();
    for (const r of rows) {
      const list = byDoc.get(r.documentId) ?? [];
      list.push(Number(r.docSeq));
      byDoc.set(r.documentId, list);
    }
    for (const list of byDoc.values()) list.sort((a, b) => b - a);
    return batch.map((w) => byDoc.get(w.documentId)?.pop());
  }

  /**
   * Start-up warm-up (before the server listens): opens `connections` pool connections, runs
   * the load statement on each and one whole load (nothing matches a random id), so the first
   * document load after a restart finds open connections and compiled code.
   */
  async warmUp(connections = 3): Promise<void> {
    const probe = randomUUID();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        const runner = this.dataSource.createQueryRunner();
        try {
          await runner.connect();
          await this.repo.load(runner, probe);
        } finally {
          await runner.release();
        }
      }),
    );
    await this.load(probe).then((d) => d.destroy());
    // The log connection, with its statement prepared (nothing matches: no row is written).
    await this.repo.append([probe], [Buffer.alloc(0)]);
  }

  /**
   * Appends one update inside the caller's transaction (e.g. a restore with its activity event):
   * it is durable exactly when that transaction commits.
   */
  async appendWithin(manager: EntityManager, documentId: string, update: Uint8Array) {
    const docSeq = await this.repo.appendWithin(manager, documentId, toBuffer(update));
    if (docSeq === null) throw new Error('document not found');
    afterCommit(manager, () => {
      this.noteStored(documentId, Date.now());
      this.notifyCommitted(documentId, docSeq, update);
    });
  }

  private settle(batch: PendingWrite[], seqs: (number | undefined)[]): void {
    const now = Date.now();
    batch.forEach((w, i) => {
      if (seqs[i] !== undefined) this.noteStored(w.documentId, now);
    });
    batch.forEach((w, i) => {
      const docSeq = seqs[i];
      if (docSeq === undefined) return w.reject(new Error('document not found'));
      this.notifyCommitted(w.documentId, docSeq, w.update);
      w.resolve();
    });
  }

  /** One more log row for the document: squash once there are enough. */
  private noteStored(documentId: string, now: number): void {
    const d = this.dirty.get(documentId);
    if (d) {
      d.count++;
      d.lastWriteAt = now;
    } else {
      this.dirty.set(documentId, { count: 1, lastWriteAt: now });
    }
    if (this.dirty.get(documentId)!.count >= this.options.squashEveryUpdates) {
      this.requestSquash(documentId);
    }
  }

  /**
   * The committed state of a document: its snapshot plus every row still in the log, read by ONE
   * statement (one round trip; a statement sees a single snapshot of the database, so a squash
   * committing meanwhile is seen entirely or not at all) and applied in one Yjs transaction.
   */
  async load(documentId: string): Promise<Y.Doc> {
    return (await this.loadWithState(documentId)).doc;
  }

  /**
   * `load`, plus the stored encoding of the whole state when the document is exactly its
   * snapshot (no log rows, e.g. after a squash on shutdown): the answer to a new client's sync
   * step 1, without encoding the document again.
   */
  async loadWithState(
    documentId: string,
  ): Promise<{ doc: Y.Doc; state: Uint8Array | null; head: number }> {
    const found = await this.repo.load(this.dataSource, documentId);
    const head = Number(found.find((r) => r.kind === 0)?.seq ?? 0);
    const snapshot = found.find((r) => r.kind === 1)?.data ?? null;
    const rows = found.filter((r) => r.kind === 2).map((r) => ({ seq: r.seq!, update: r.data }));
    const doc = new Y.Doc();
    applyAll(doc, documentId, snapshot, rows);
    if (rows.length > 0) {
      const d = this.dirty.get(documentId);
      if (!d || d.count < rows.length) {
        this.dirty.set(documentId, { count: rows.length, lastWriteAt: Date.now() });
      }
      if (rows.length >= this.options.squashEveryUpdates) this.requestSquash(documentId);
    }
    return { doc, state: rows.length === 0 && snapshot ? plainBytes(snapshot) : null, head };
  }

  /** The head docSeq of each existing document among `documentIds`. */
  async heads(documentIds: string[]): Promise<Map<string, number>> {
    const rows = await this.repo.heads(this.dataSource, documentIds);
    return new Map(rows.map((r) => [r.id, Number(r.updateSeq)]));
  }

  /**
   * The committed rows of a document after `afterSeq`, and its head, read by one statement. If
   * some of those rows were already folded into the snapshot (the rows do not run contiguously
   * from afterSeq + 1 to the head), the snapshot comes too: applying it is harmless (Yjs
   * ignores what it has) and covers them.
   */
  async readTail(documentId: string, afterSeq: number): Promise<LogTail> {
    const found = await this.repo.tail(this.dataSource, documentId, afterSeq);
    const headRow = found.find((r) => r.kind === 0);
    if (!headRow) return { head: -1, rows: [], snapshot: null };
    const head = Number(headRow.seq);
    const rows = found
      .filter((r) => r.kind === 2)
      .map((r) => ({ docSeq: Number(r.seq), update: plainBytes(r.data!) }));
    const contiguous =
      rows.length === head - afterSeq && (rows.length === 0 || rows[0]!.docSeq === afterSeq + 1);
    let snapshot: Uint8Array | null = null;
    if (!contiguous && head > afterSeq) {
      const state = await this.repo.snapshot(this.dataSource, documentId);
      snapshot = state ? plainBytes(state) : null;
    }
    return { head, rows, snapshot };
  }

  /** Resolves with the number of rows folded by the next squash of `documentId` that folds any. */
  whenSquashed(documentId: string): Promise<number> {
    return new Promise((resolve) => {
      const list = this.squashWaiters.get(documentId) ?? [];
      list.push(resolve);
      this.squashWaiters.set(documentId, list);
    });
  }

  /** Number of log rows this process believes are not squashed yet (for tests and metrics). */
  unsquashed(documentId: string): number {
    return this.dirty.get(documentId)?.count ?? 0;
  }

  private sweep(): void {
    if (this.stopped) return;
    const now = Date.now();
    for (const [id, d] of this.dirty) {
      if (
        d.count >= this.options.squashEveryUpdates ||
        now - d.lastWriteAt >= this.options.squashIdleMs
      ) {
        this.requestSquash(id);
      }
    }
  }

  private requestSquash(documentId: string): void {
    if (this.stopped) return;
    this.squashQueue.add(documentId);
    if (!this.squashing) this.squashing = this.squashLoop();
  }

  private async squashLoop(): Promise<void> {
    // Let the current write burst finish first: squashing is background work.
    await new Promise((r) => setImmediate(r));
    try {
      while (this.squashQueue.size && !this.stopped) {
        const id = this.squashQueue.values().next().value as string;
        this.squashQueue.delete(id);
        try {
          await this.squash(id);
        } catch (err) {
          logger.error({ err, documentId: id }, 'collab: squash failed (will retry when idle)');
          const d = this.dirty.get(id);
          if (d) d.lastWriteAt = Date.now();
        }
      }
    } finally {
      this.squashing = null;
    }
  }

  /**
   * Folds the document's log rows into its snapshot and deletes exactly those rows, in one
   * transaction that holds the document row's lock (one squash per document at a time, across
   * processes). Returns the number of rows folded.
   */
  async squash(documentId: string): Promise<number> {
    let total = 0;
    for (;;) {
      const folded = await this.dataSource.transaction(async (m) => {
        if (!(await this.repo.lockForSquash(m, documentId))) return 0;
        const rows = await this.repo.rows(m, documentId, 5_000);
        if (!rows.length) return 0;
        const snapshot = await this.repo.snapshot(m, documentId);
        const doc = new Y.Doc();
        try {
          applyAll(doc, documentId, snapshot, rows);
          const state = Buffer.from(Y.encodeStateAsUpdate(doc));
          const upToSeq = rows.reduce((m, r) => (BigInt(r.seq) > BigInt(m) ? r.seq : m), '0');
          await this.repo.replaceRows(
            m,
            documentId,
            state,
            upToSeq,
            rows.map((r) => r.seq),
          );
        } finally {
          doc.destroy();
        }
        return rows.length;
      });
      total += folded;
      if (folded > 0) {
        const waiters = this.squashWaiters.get(documentId);
        this.squashWaiters.delete(documentId);
        waiters?.forEach((w) => w(folded));
      }
      const d = this.dirty.get(documentId);
      if (d) {
        d.count -= folded;
        if (d.count <= 0 || folded === 0) this.dirty.delete(documentId);
      }
      if (folded < 5_000) return total;
    }
  }
}

/** Applies snapshot + rows in one Yjs transaction; an unreadable row is logged and skipped. */
function applyAll(
  doc: Y.Doc,
  documentId: string,
  snapshot: Uint8Array | null,
  rows: { seq: string; update: Uint8Array }[],
): void {
  doc.transact(() => {
    if (snapshot) Y.applyUpdate(doc, plainBytes(snapshot));
    for (const row of rows) {
      try {
        Y.applyUpdate(doc, plainBytes(row.update));
      } catch (err) {
        logger.error({ err, documentId, seq: row.seq }, 'collab: skipping unreadable update');
      }
    }
  });
}
