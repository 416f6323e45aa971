import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';

/**
 * The embedded database under TypeORM's pool (10 connections onto ONE PGlite session, see
 * embedded-postgres.ts). Whatever the interleaving of the connections' wire messages, each
 * connection must behave like a PostgreSQL session: its parameterised queries complete whole,
 * another connection's statements never run inside its transaction (so never commit or roll
 * back with it), and nobody waits forever. Always runs on PGlite, also when the rest of the
 * suite uses TEST_DATABASE_URL.
 */
describe('embedded PostgreSQL under concurrent connections (int)', () => {
  const url = process.env.EMBEDDED_DATABASE_URL;
  if (!url) throw new Error('EMBEDDED_DATABASE_URL not set: globalSetup did not run');
  const table = `hammer_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  let ds: DataSource;

  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions(url));
    await ds.initialize();
    await ds.query(
      `CREATE TABLE "${table}" ("id" serial PRIMARY KEY, "owner" text NOT NULL, "n" int NOT NULL)`,
    );
  });
  afterAll(async () => {
    await ds.query(`DROP TABLE IF EXISTS "${table}"`);
    await ds.destroy();
  });

  const rowsOf = async (owner: string): Promise<number[]> =>
    (
      (await ds.query(`SELECT "n" FROM "${table}" WHERE "owner" = $1 ORDER BY "n"`, [owner])) as {
        n: number;
      }[]
    ).map((r) => r.n);

  it('keeps parallel transactions and parallel queries apart; rollbacks take only their own rows', async () => {
    const TX = 24;
    const STEPS = 6;
    const QUERIES = 300;
    const transactions = Array.from({ length: TX }, (_, t) =>
      ds
        .transaction(async (m) => {
          for (let i = 0; i < STEPS; i++) {
            await m.query(`INSERT INTO "${table}" ("owner", "n") VALUES ($1, $2)`, [`tx${t}`, i]);
            // Inside the transaction it sees exactly its own rows so far, nobody else's.
            const [row] = (await m.query(
              `SELECT count(*)::int AS count FROM "${table}" WHERE "owner" = $1`,
              [`tx${t}`],
            )) as { count: number }[];
            expect(row?.count).toBe(i + 1);
          }
          if (t % 3 === 0) throw new Error('roll me back');
        })
        .then(
          () => 'committed' as const,
          (err: Error) => {
            if (err.message !== 'roll me back') throw err;
            return 'rolled back' as const;
          },
        ),
    );
    // Meanwhile, autocommit statements on the other pooled connections: every parameterised
    // query must answer its own parameters, and every insert must stay (none of them may have
    // run inside a transaction that then rolled back).
    const queries = Array.from({ length: QUERIES }, async (_, q) => {
      if (q % 4 === 0) {
        await ds.query(`INSERT INTO "${table}" ("owner", "n") VALUES ('auto', $1)`, [q]);
        return;
      }
      const [row] = (await ds.query(`SELECT $1::int * 2 AS doubled, $2::text AS tag`, [
        q,
        `q${q}`,
      ])) as { doubled: number; tag: string }[];
      expect(row).toEqual({ doubled: q * 2, tag: `q${q}` });
    });
    const outcomes = await Promise.all(transactions);
    await Promise.all(queries);

    for (let t = 0; t < TX; t++) {
      expect(outcomes[t]).toBe(t % 3 === 0 ? 'rolled back' : 'committed');
      expect(await rowsOf(`tx${t}`)).toEqual(
        t % 3 === 0 ? [] : Array.from({ length: STEPS }, (_, i) => i),
      );
    }
    expect(await rowsOf('auto')).toEqual(Array.from({ length: QUERIES / 4 }, (_, i) => i * 4));
  });

  it('a connection that connected and then sits idle blocks nobody', async () => {
    // Regression: the startup message used to open an "extended sequence" that only the idle
    // connection's next Sync would have closed.
    const idle = new Client({ connectionString: url });
    await idle.connect();
    try {
      const [row] = (await ds.query(`SELECT $1::int + 1 AS n`, [41])) as { n: number }[];
      expect(row?.n).toBe(42);
    } finally {
      await idle.end();
    }
  });

  it('a connection waits while another holds a transaction open, then proceeds (no deadlock)', async () => {
    const a = new Client({ connectionString: url });
    const b = new Client({ connectionString: url });
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.query('BEGIN');
      await a.query(`INSERT INTO "${table}" ("owner", "n") VALUES ('held', 1)`);
      let bDone = false;
      const bQuery = b
        .query(`SELECT count(*)::int AS count FROM "${table}" WHERE "owner" = $1`, ['held'])
        .then((r) => {
          bDone = true;
          return (r.rows[0] as { count: number }).count;
        });
      // A keeps working inside its transaction while B waits; B's query is not run inside it.
      for (let i = 2; i <= 5; i++) {
        await a.query(`INSERT INTO "${table}" ("owner", "n") VALUES ('held', $1)`, [i]);
      }
      expect(bDone).toBe(false);
      await a.query('ROLLBACK');
      // B ran after A's transaction: it sees none of A's rolled-back rows.
      expect(await bQuery).toBe(0);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('a failing parameterised query, and a client vanishing mid-transaction, block nobody', async () => {
    const failures = Array.from({ length: 20 }, (_, i) =>
      ds.query(`SELECT $1::int AS n`, [i % 2 ? 'not a number' : String(i)]).then(
        (rows: { n: number }[]) => rows[0]!.n,
        () => 'error' as const,
      ),
    );
    expect(await Promise.all(failures)).toEqual(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? 'error' : i)),
    );

    const gone = new Client({ connectionString: url });
    await gone.connect();
    gone.on('error', () => undefined);
    await gone.query('BEGIN');
    await gone.query(`INSERT INTO "${table}" ("owner", "n") VALUES ('gone', 1)`);
    // The socket dies without COMMIT or ROLLBACK (a crashed client).
    (
      gone as unknown as { connection: { stream: { destroy(): void } } }
    ).connection.stream.destroy();
    const [row] = (await ds.query(`SELECT $1::text AS ok`, ['still serving'])) as {
      ok: string;
    }[];
    expect(row?.ok).toBe('still serving');
    expect(await rowsOf('gone')).toEqual([]);
  });
});
