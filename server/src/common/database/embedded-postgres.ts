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
  const db = await PGlite.create({ dataDir: dir });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 10 });
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
