import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ACTIVITY_EVENT_TYPES, ACTOR_TYPES } from '@coalesce/shared';
import { login } from '../support/api.ts';
import { repoRoot, startServer } from '../support/server.ts';

// `npm run demo` on a fresh clone: no DATABASE_URL, so the embedded database in DATA_DIR (always
// here, also when the other tests use TEST_DATABASE_URL). `npm run demo` installs and builds when
// needed and then runs server/dist/demo.js; the test runs that last step on the built tree.
const dir = mkdtempSync(join(tmpdir(), 'coalesce-demo-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const DAY = 86_400_000;

function runDemo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'server', 'dist', 'demo.js')], {
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dir, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

test(
  'npm run demo writes the demo network into the embedded database in under 30 s',
  { timeout: 180_000 },
  async () => {
    const started = Date.now();
    const run = await runDemo();
    const seconds = (Date.now() - started) / 1000;
    assert.equal(run.code, 0, run.stderr);
    // The demo's own figure (the network alone, without booting the embedded database).
    const written = /Demo network created in ([\d.]+) s/.exec(run.stdout);
    assert.ok(written, run.stdout);
    assert.ok(Number(written[1]) < 30, `demo took ${written[1]} s`);
    console.log(
      `npm run demo (dist/demo.js, embedded): the network in ${written[1]} s, ${seconds.toFixed(1)} s in all`,
    );
    assert.match(run.stdout, /coordinator@demo\.coalesce\.local/);
    assert.match(run.stdout, /demo-coalesce-2026/);

    // `npm start` on the same data directory serves it to the demo coordinator.
    const server = await startServer({ DATA_DIR: dir });
    try {
      const api = await login(server.url, 'coordinator@demo.coalesce.local', 'demo-coalesce-2026');
      const { items: networks } = await api.req<{ items: { id: string; name: string }[] }>(
        'GET',
        '/workspaces',
      );
      const demo = networks.find((w) => w.name === 'Kempen Speelt Samen (demo)');
      assert.ok(demo, JSON.stringify(networks));
      const base = `/workspaces/${demo.id}`;

      const { items: partners } = await api.req<{
        items: { status: string; tier: 'core' | 'broad'; actorType: string }[];
      }>('GET', `${base}/partners?limit=200`);
      const active = partners.filter((p) => p.status === 'active');
      const tiers = { core: 0, broad: 0 };
      for (const p of active) tiers[p.tier]++;
      assert.ok(active.length >= 24, `${active.length} active partners`);
      assert.ok(tiers.core >= 8 && tiers.broad >= 14, JSON.stringify(tiers));
      const types = new Set(active.map((p) => p.actorType));
      assert.deepEqual(
        ACTOR_TYPES.filter((a) => !types.has(a)),
        [],
      );

      const seen = new Set<string>();
      let oldest = Date.now();
      let cursor: string | null = null;
      do {
        const page: {
          items: { type: string; createdAt: string }[];
          nextCursor: string | null;
        } = await api.req(
          'GET',
          `${base}/activity?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        for (const e of page.items) {
          seen.add(e.type);
          oldest = Math.min(oldest, Date.parse(e.createdAt));
        }
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(
        ACTIVITY_EVENT_TYPES.filter((t) => !seen.has(t)),
        [],
      );
      assert.ok(Date.now() - oldest >= 17 * 30 * DAY, 'the history spans 17 months or more');

      // The map's replay has something to show: fewer partners a year ago than today.
      const yearAgo = new Date(Date.now() - 365 * DAY).toISOString();
      const then = await api.req<{ nodes: unknown[] }>('GET', `${base}/network?at=${yearAgo}`);
      const now = await api.req<{ nodes: unknown[] }>('GET', `${base}/network`);
      assert.ok(then.nodes.length > 0 && then.nodes.length < now.nodes.length);
    } finally {
      await server.stop();
    }
  },
);
