import { randomBytes } from 'node:crypto';
import type { Client as PgClient, ClientConfig } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { logger } from '../../../common/logging/logger';

/*
 * Each row gets the next `docSeq` of its document from the counter on the document's row, in
 * the same statement: the row lock orders the writers of one document (on every instance), so
 * docSeq order is commit order and a reader that sees docSeq n has seen every row before it.
 */
const INSERT_ONE = `WITH s AS (
    UPDATE "documents" SET "updateSeq" = "updateSeq" + 1 WHERE "id" = $1 RETURNING "updateSeq"
  )
  INSERT INTO "document_updates" ("documentId", "docSeq", "update")
  SELECT $1, s."updateSeq", $2 FROM s RETURNING "documentId", "docSeq"`;
const INSERT_MANY = `WITH input AS (
    SELECT d, u, o FROM unnest($1::uuid[], $2::bytea[]) WITH ORDINALITY AS t(d, u, o)
  ), counts AS (
    SELECT d, count(*)::bigint AS n FROM input GROUP BY d
  ), bumped AS (
    UPDATE "documents" doc SET "updateSeq" = doc."updateSeq" + c.n FROM counts c
     WHERE doc."id" = c.d RETURNING doc."id", doc."updateSeq" - c.n AS base
  )
  INSERT INTO "document_updates" ("documentId", "docSeq", "update")
  SELECT i.d, b.base + row_number() OVER (PARTITION BY i.d ORDER BY i.o), i.u
    FROM input i JOIN bumped b ON b."id" = i.d
  RETURNING "documentId", "docSeq"`;
/** Head (kind 0), snapshot (1), rows (2): one statement, so one consistent view. */
const LOAD_SQL = `SELECT 0 AS "kind", "updateSeq" AS "seq", NULL::bytea AS "data" FROM "documents"
   WHERE "id" = $1
  UNION ALL
  SELECT 1, NULL::bigint, "state" FROM "document_snapshots" WHERE "documentId" = $1
  UNION ALL
  SELECT 2, "docSeq", "update" FROM "document_updates" WHERE "documentId" = $1
  ORDER BY 1, 2`;
const TAIL_SQL = `SELECT 0 AS "kind", "updateSeq" AS "seq", NULL::bytea AS "data" FROM "documents"
   WHERE "id" = $1
  UNION ALL
  SELECT 2, "docSeq", "update" FROM "document_updates" WHERE "documentId" = $1 AND "docSeq" > $2
  ORDER BY 1, 2`;

export interface AppendedRow {
  documentId: string;
  /** bigint as text */
  docSeq: string;
}

type Queryable = Pick<EntityManager, 'query'>;

/** The subset of pg's Pool under TypeORM that gives its connection settings. */
interface PgPoolLike {
  options: ClientConfig;
  Client: new (config: ClientConfig) => PgClient;
}

/**
 * The collaboration log's SQL: the update log (`document_updates`), the per-document counter on
 * `documents` and the snapshots (`document_snapshots`).
 *
 * The per-keystroke INSERT runs on a connection of its own (not one taken from and returned to
 * TypeORM's pool for every write, nor through TypeORM's query runner: both only added CPU on the
 * hottest path), as a named prepared statement: PostgreSQL parses and plans it once per
 * connection instead of once per keystroke. The name is unique per connection, since the
 * embedded PGlite shares one session between all connections.
 */
export class CollabPersistenceRepository {
  private client: PgClient | null = null;
  private connecting: Promise<PgClient> | null = null;
  private closed = false;
  private readonly statementOne = `collab_append_one_${randomBytes(4).toString('hex')}`;
  private readonly statementMany = `collab_append_many_${randomBytes(4).toString('hex')}`;

  constructor(private readonly dataSource: DataSource) {}

  /** Appends rows in one autocommit statement; its RETURNING rows come in no particular order. */
  append(documentIds: string[], updates: Buffer[]): Promise<AppendedRow[]> {
    const one = documentIds.length === 1;
    // The common case with few writers: plain parameters (the update goes as binary) instead of
    // array literals that pg builds as hex text and PostgreSQL parses back.
    const [name, text, values] = one
      ? [this.statementOne, INSERT_ONE, [documentIds[0], updates[0]]]
      : [this.statementMany, INSERT_MANY, [documentIds, updates]];
    const run = (client: PgClient | null): Promise<AppendedRow[]> =>
      client
        ? client.query<AppendedRow>({ name, text, values }).then((res) => res.rows)
        : (this.dataSource.query(text, values) as Promise<AppendedRow[]>);
    return this.client ? run(this.client) : this.connect().then(run);
  }

  /** The dedicated connection (opened on first use, again after it broke); null: not pg. */
  private connect(): Promise<PgClient | null> {
    if (this.closed) return Promise.reject(new Error('collab log writer is closed'));
    const pool = (this.dataSource.driver as { master?: unknown }).master as PgPoolLike | undefined;
    if (!pool || typeof pool.Client !== 'function' || !pool.options) return Promise.resolve(null);
    this.connecting ??= (async () => {
      const client = new pool.Client({ ...pool.options, application_name: 'coalesce-collab-log' });
      const forget = (err?: Error) => {
        if (err) logger.warn({ err }, 'collab: log connection lost (reconnects on next write)');
        if (this.client === client) this.client = null;
      };
      client.on('error', forget);
      client.on('end', () => forget());
      try {
        await client.connect();
      } catch (err) {
        client.removeAllListeners('end');
        throw err;
      } finally {
        this.connecting = null;
      }
      if (this.closed) {
        await client.end().catch(() => undefined);
        throw new Error('collab log writer is closed');
      }
      this.client = client;
      return client;
    })();
    return this.connecting;
  }

  /** Closes the dedicated connection (after the last write). */
  async close(): Promise<void> {
    this.closed = true;
    const client = this.client ?? (await this.connecting?.catch(() => null));
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** One append inside the caller's transaction (durable when it commits): the docSeq. */
  async appendWithin(m: Queryable, documentId: string, update: Buffer): Promise<number | null> {
    const rows: { docSeq: string }[] = await m.query(INSERT_ONE, [documentId, update]);
    return rows.length ? Number(rows[0]!.docSeq) : null;
  }

  /** Head (kind 0), snapshot (kind 1) and log rows (kind 2) of a document, in one statement. */
  load(
    m: Queryable,
    documentId: string,
  ): Promise<{ kind: number; seq: string | null; data: Buffer }[]> {
    return m.query(LOAD_SQL, [documentId]);
  }

  /** Head (kind 0) and the log rows after `afterSeq` (kind 2), in one statement. */
  tail(
    m: Queryable,
    documentId: string,
    afterSeq: number,
  ): Promise<{ kind: number; seq: string; data: Buffer | null }[]> {
    return m.query(TAIL_SQL, [documentId, afterSeq]);
  }

  heads(m: Queryable, documentIds: string[]): Promise<{ id: string; updateSeq: string }[]> {
    return m.query(`SELECT "id", "updateSeq" FROM "documents" WHERE "id" = ANY($1::uuid[])`, [
      documentIds,
    ]);
  }

  async snapshot(m: Queryable, documentId: string): Promise<Buffer | null> {
    const rows: { state: Buffer }[] = await m.query(
      `SELECT "state" FROM "document_snapshots" WHERE "documentId" = $1`,
      [documentId],
    );
    return rows[0]?.state ?? null;
  }

  rows(
    m: Queryable,
    documentId: string,
    limit?: number,
  ): Promise<{ seq: string; update: Buffer }[]> {
    return m.query(
      `SELECT "seq", "update" FROM "document_updates" WHERE "documentId" = $1 ORDER BY "docSeq"${
        limit ? ' LIMIT ' + Math.floor(limit) : ''
      }`,
      [documentId],
    );
  }

  /**
   * Inside a squash transaction: one squash per document at a time (across processes) by an
   * advisory lock; on the row only KEY SHARE (keeps the document from being deleted underneath):
   * every append bumps the row's docSeq counter, and a stronger row lock would stall the group
   * commit (all documents) behind the squash. False: the document is gone.
   */
  async lockForSquash(m: Queryable, documentId: string): Promise<boolean> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7201))`, [documentId]);
    const locked: unknown[] = await m.query(
      `SELECT "id" FROM "documents" WHERE "id" = $1 FOR KEY SHARE`,
      [documentId],
    );
    return locked.length > 0;
  }

  /** Stores the snapshot and deletes exactly the rows it folds. */
  async replaceRows(
    m: Queryable,
    documentId: string,
    state: Buffer,
    upToSeq: string,
    seqs: string[],
  ): Promise<void> {
    await m.query(
      `INSERT INTO "document_snapshots" ("documentId", "state", "upToSeq", "updatedAt")
       VALUES ($1, $2, $3, now())
       ON CONFLICT ("documentId") DO UPDATE SET "state" = EXCLUDED."state",
         "upToSeq" = GREATEST("document_snapshots"."upToSeq", EXCLUDED."upToSeq"),
         "updatedAt" = now()`,
      [documentId, state, upToSeq],
    );
    await m.query(
      `DELETE FROM "document_updates" WHERE "documentId" = $1 AND "seq" = ANY($2::bigint[])`,
      [documentId, seqs],
    );
  }
}
