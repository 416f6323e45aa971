import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

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
  const real = await PGlite.create({ dataDir: dir });
  const db = keepExtendedQueriesTogether(real);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 10 });
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
 * from the first message until Sync makes the queue serve that connection until its query is
 * complete. `exec` (the queue's ROLLBACK for a vanished client) clears the flag.
 */
function keepExtendedQueriesTogether<T extends object>(db: T): T {
  const SYNC = 0x53;
  const SIMPLE_QUERY = 0x51;
  const TERMINATE = 0x58;
  let midSequence = false;
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === 'isInTransaction') {
        return () => midSequence || (value as () => boolean).call(target);
      }
      if (prop === 'execProtocolRawStream') {
        return async (message: Uint8Array, ...rest: unknown[]) => {
          const type = message[0];
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).call(
              target,
              message,
              ...rest,
            );
          } finally {
            midSequence = !(type === SYNC || type === SIMPLE_QUERY || type === TERMINATE);
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
