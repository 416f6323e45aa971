/**
 * Cold loads of the main pages in Chromium on a phone profile: 390×844, CPU slowed 4×,
 * 1.6 Mbit/s down / 750 kbit/s up with 150 ms latency, cache disabled, each load in a fresh
 * browser context. Prints the medians of first paint (`first-contentful-paint`) and of "content
 * visible" (a page-specific condition) per page, pages interleaved round by round.
 *
 *   npx pnpm -r --filter='!@coalesce/e2e' run build     # the built server and client
 *   npx tsx bench/client/phone.bench.ts                 # BENCH_RUNS=5, CHROMIUM_PATH, TEST_DATABASE_URL
 *
 * The server is started like the journeys start it (test/support/server.ts: `server/dist/main.js`
 * as its own process, NODE_ENV=production, on a fresh database); the data is set up via the API.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import type { BrowserContext, Page } from 'playwright-core';
import { registerUser } from '../../test/support/api.ts';
import { launchBrowser } from '../../test/support/browser.ts';
import { createTestDatabase, startServer } from '../../test/support/server.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PROFILE = {
  viewport: { width: 390, height: 844 },
  cpuSlowdown: 4,
  latencyMs: 150,
  downKbit: 1600,
  upKbit: 750,
};
const TARGETS: Record<string, number> = { overview: 2500, vision: 3500, network: 3500 };
const VISION_TEXT = `Samen sterker in Genk ${randomBytes(3).toString('hex')}`;

interface PageSpec {
  name: string;
  path: string;
  signedIn: boolean;
  /**
   * What "content visible" means on this page: run in the page (given the vision's text) until
   * it returns the time it first held. A function, not a string: the app's CSP has no
   * 'unsafe-eval', so a string predicate would not run at all.
   */
  visible: (visionText: string) => number | false;
}

interface Sample {
  fcp: number;
  visible: number;
  jsBytes: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function setUp(baseUrl: string) {
  const owner = await registerUser(baseUrl, 'Bench Coordinator');
  const ws = await owner.api.req<{ id: string; name: string }>('POST', '/workspaces', {
    name: 'Leerecosysteem Genk',
    description: 'Jeugdwerk, scholen en sport bouwen samen aan vrije tijd voor elke jongere.',
  });
  const actorTypes = ['education', 'youth_work', 'sports', 'local_government', 'care_welfare'];
  const partners: string[] = [];
  for (let i = 0; i < 14; i++) {
    const p = await owner.api.req<{ id: string }>('POST', `/workspaces/${ws.id}/partners`, {
      kind: 'organisation',
      name: `Partner ${String(i + 1).padStart(2, '0')}`,
      actorType: actorTypes[i % actorTypes.length],
      tier: i < 5 ? 'core' : 'broad',
    });
    partners.push(p.id);
  }
  // Experiments tie partners together: the map gets edges.
  for (let i = 0; i < 8; i++) {
    await owner.api.req('POST', `/workspaces/${ws.id}/experiments`, {
      title: `Experiment ${i + 1}`,
      partnerIds: [partners[i]!, partners[(i + 3) % partners.length]!, partners[(i + 7) % 14]!],
    });
  }
  return { owner, ws };
}

/** Types the vision's text through the real editor (and waits until it is saved). */
async function writeVision(context: BrowserContext, baseUrl: string, wid: string) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/w/${wid}/vision`);
  const editor = page.locator('.ProseMirror');
  await editor.waitFor();
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
  await editor.click();
  await page.keyboard.type(VISION_TEXT);
  await page.locator('.ProseMirror', { hasText: VISION_TEXT }).waitFor();
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
  await page.close();
}

async function coldLoad(context: BrowserContext, baseUrl: string, spec: PageSpec): Promise<Sample> {
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PROFILE.latencyMs,
    downloadThroughput: (PROFILE.downKbit * 1000) / 8,
    uploadThroughput: (PROFILE.upKbit * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpuSlowdown });
  let jsBytes = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number; requestId: string }) => {
    if (scripts.has(e.requestId)) jsBytes += e.encodedDataLength;
  });
  const scripts = new Set<string>();
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string }) => {
    if (e.type === 'Script') scripts.add(e.requestId);
  });

  await page.goto(`${baseUrl}${spec.path}`, { waitUntil: 'commit' });
  const visible = await page.waitForFunction(spec.visible, VISION_TEXT, {
    polling: 'raf',
    timeout: 60_000,
  });
  const visibleMs = (await visible.jsonValue()) as number;
  const fcp = await page.waitForFunction(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? false,
    undefined,
    { timeout: 30_000 },
  );
  const fcpMs = (await fcp.jsonValue()) as number;
  await cdp.detach();
  await page.close();
  return { fcp: fcpMs, visible: visibleMs, jsBytes };
}

async function main() {
  const db = await createTestDatabase();
  const server = await startServer(db.env);
  const browser = await launchBrowser();
  try {
    const { owner, ws } = await setUp(server.url);
    // A signed-in session (cookies only) for the measured contexts; each starts with no cache.
    const setup = await browser.newContext({ locale: 'en-GB', viewport: PROFILE.viewport });
    await setup.request.post(`${server.url}/api/auth/login`, {
      data: { email: owner.email, password: owner.password },
    });
    await writeVision(setup, server.url, ws.id);
    const storageState = await setup.storageState();
    await setup.close();

    const pages: PageSpec[] = [
      {
        name: 'landing',
        path: '/',
        signedIn: false,
        visible: () => (document.querySelector('main h1') ? performance.now() : false),
      },
      {
        name: 'overview',
        path: `/w/${ws.id}`,
        signedIn: true,
        visible: () =>
          document.querySelector('main h1') &&
          document.querySelectorAll('[data-testid="activity-feed"] li').length > 0
            ? performance.now()
            : false,
      },
      {
        name: 'vision',
        path: `/w/${ws.id}/vision`,
        signedIn: true,
        visible: (text) =>
          (document.querySelector('.ProseMirror')?.textContent ?? '').includes(text)
            ? performance.now()
            : false,
      },
      {
        name: 'network',
        path: `/w/${ws.id}/network`,
        signedIn: true,
        // cytoscape has drawn the graph: its canvases exist and have a size.
        visible: () =>
          [
            ...document.querySelectorAll<HTMLCanvasElement>(
              '[data-testid="network-canvas"] canvas',
            ),
          ].some((c) => c.width > 0 && c.height > 0)
            ? performance.now()
            : false,
      },
    ];

    const newContext = (signedIn: boolean) =>
      browser.newContext({
        locale: 'en-GB',
        viewport: PROFILE.viewport,
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 3,
        ...(signedIn ? { storageState } : {}),
      });

    console.log(
      `phone profile: ${PROFILE.viewport.width}×${PROFILE.viewport.height}, CPU ${PROFILE.cpuSlowdown}× slower, ` +
        `${PROFILE.downKbit / 1000} Mbit/s down, ${PROFILE.upKbit} kbit/s up, ${PROFILE.latencyMs} ms latency, cache disabled`,
    );
    console.log(
      `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} at start; ${RUNS} cold loads per page, interleaved, after one warm-up round`,
    );

    const samples = new Map<string, Sample[]>(pages.map((p) => [p.name, []]));
    for (let round = 0; round <= RUNS; round++) {
      for (const spec of pages) {
        const context = await newContext(spec.signedIn);
        const s = await coldLoad(context, server.url, spec);
        await context.close();
        if (round > 0) samples.get(spec.name)!.push(s);
      }
    }

    console.log(
      `load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      '\n| page | first paint median ms | content visible median ms | target | all content visible ms | JS on the wire KB |',
    );
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const spec of pages) {
      const xs = samples.get(spec.name)!;
      const visible = median(xs.map((x) => x.visible));
      const target = TARGETS[spec.name];
      const verdict = target ? `≤ ${target} ${visible <= target ? 'met' : 'NOT met'}` : '–';
      console.log(
        `| ${spec.name} | ${median(xs.map((x) => x.fcp)).toFixed(0)} | ${visible.toFixed(0)} | ${verdict} | ${xs
          .map((x) => x.visible.toFixed(0))
          .join(', ')} | ${(median(xs.map((x) => x.jsBytes)) / 1024).toFixed(1)} |`,
      );
    }
  } finally {
    await browser.close();
    await server.stop();
    await db.drop();
  }
}

await main();
