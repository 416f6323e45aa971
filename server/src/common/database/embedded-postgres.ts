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
 * pglite-socket serialises transactions: other connections queue while one is in a transaction.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const dir = join(dataDir, 'pg');
  mkdirSync(dir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const real = await PGlite.create({ dataDir: dir });
  const db = keepExtendedQueriesTogether(real);
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: 0,
    maxConnections: MAX_CONNECTIONS,
  });
  await server.start();
  const conn = server.getServerConn();
  return {
    url: `postgres://postgres@${conn}/postgres`,
    async close() {
      await server.stop();
      await real.close();
    },
  };
}

/**
 * pglite-socket queues each wire-protocol message separately and keeps one connection's
 * messages together only inside a transaction. node-postgres sends a parameterised query as
 * Parse/Bind/Describe/Execute/Sync, so two concurrent queries interleave on PGlite's single
 * session ("unnamed prepared statement does not exist", or a hang). Reporting "in transaction"
 * from an extended-protocol message until its Sync makes the queue serve that connection until
 * its query is complete. Only extended-protocol messages open such a sequence: a startup
 * message (first byte 0, no type) or anything else must not, or a connection that connected
 * and then sat idle would hold every other connection forever. Simple queries, Sync and
 * Terminate end it; `exec` (the queue's ROLLBACK for a vanished client) clears it too.
 */
function keepExtendedQueriesTogether<T extends object>(db: T): T {
  // Parse, Bind, Describe, Execute, Close, Flush (frontend message types).
  const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);
  // Sync, simple Query, Terminate.
  const ENDS = new Set([0x53, 0x51, 0x58]);
  let midSequence = false;
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === 'isInTransaction') {
        return () => midSequence || (value as () => boolean).call(target);
      }
      if (prop === 'execProtocolRawStream') {
        return async (message: Uint8Array, ...rest: unknown[]) => {
          const type = message[0] ?? 0;
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).call(
              target,
              message,
              ...rest,
            );
          } finally {
            if (EXTENDED.has(type)) midSequence = true;
            else if (ENDS.has(type)) midSequence = false;
          }
        };
      }
      if (prop === 'exec') {
        return (...args: unknown[]) => {
          midSequence = false;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}
