import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Connections only queue onto the one PGlite session, so they cost next to nothing; a cap well
 * above one pool's 10 lets several pools share the database (the migration runner, two
 * instances or many test apps) instead of the 11th connection being refused ("Connection
 * terminated unexpectedly").
 */
const MAX_CONNECTIONS = 100;

export interface EmbeddedPostgres {
  url: string;
  close(): Promise<void>;
}

/**
 * PGlite (PostgreSQL compiled to WASM) served over the PostgreSQL wire protocol on loopback, so
 * `pg` and TypeORM connect unchanged and the same migrations run as in production.
 * pglite-socket serialises transactions; 10 connections let TypeORM's pool queue behind it
 * instead of failing with "Connection terminated".
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const dir = join(dataDir, 'pg');
  mkdirSync(dir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create({ dataDir: dir });
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: 0,
    maxConnections: MAX_CONNECTIONS,
  });
  keepExtendedQueriesTogether(server, db);
  await server.start();
  const conn = server.getServerConn();
  return {
    url: `postgres://postgres@${conn}/postgres`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (err: unknown) => void;
  onData: (data: Uint8Array) => void;
}
interface QueueInternals {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  processQueue: () => Promise<void>;
  clearQueueForHandler: (handlerId: number) => void;
}
interface ExclusiveDb {
  isInTransaction(): boolean;
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
  execProtocolRawStream(
    message: Uint8Array,
    opts: { onRawData: (data: Uint8Array) => void },
  ): Promise<unknown>;
}

/** Frontend messages of the extended protocol that a later Sync completes. */
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]); // P B D E C H

/**
 * pglite-socket 0.2.17 runs the protocol messages of all connections through one queue, one
 * message at a time, keeping a connection's messages together only inside a transaction. Outside
 * one, `pg`'s Parse/Bind/Describe/Execute/Sync of two connections interleave and clobber the one
 * session's unnamed portal ("portal \"\" does not exist", a 500 under concurrent requests). This
 * replaces the queue's scheduler so a connection also keeps the floor from Parse to its Sync; it
 * also keeps the queue running after a failed message (the original stops for good).
 */
function keepExtendedQueriesTogether(server: unknown, pg: unknown): void {
  const q = (server as { queryQueue?: QueueInternals }).queryQueue;
  const db = pg as ExclusiveDb;
  if (!q || typeof q.processQueue !== 'function' || !Array.isArray(q.queue)) return;
  let midBatch = false;
  q.processQueue = async function processQueue(this: QueueInternals): Promise<void> {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        let item: QueuedMessage | undefined;
        if ((midBatch || db.isInTransaction()) && this.lastHandlerId !== null) {
          const i = this.queue.findIndex((m) => m.handlerId === this.lastHandlerId);
          if (i === -1) break; // wait for that connection's next message
          item = this.queue.splice(i, 1)[0];
        } else {
          item = this.queue.shift();
        }
        if (!item) break;
        const current = item;
        let bytes = 0;
        try {
          await db.runExclusive(() =>
            db.execProtocolRawStream(current.message, {
              onRawData: (d) => {
                bytes += d.length;
                current.onData(d);
              },
            }),
          );
          midBatch = EXTENDED.has(current.message[0] ?? 0);
          this.lastHandlerId = current.handlerId;
          current.resolve(bytes);
        } catch (err) {
          midBatch = false;
          current.reject(err);
        }
      }
    } finally {
      this.processing = false;
    }
  };
  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    // A connection that went away mid-batch must not hold the floor.
    if (q.lastHandlerId === handlerId && !db.isInTransaction()) {
      midBatch = false;
      q.lastHandlerId = null;
      void q.processQueue();
    }
  };
}
