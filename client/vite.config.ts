/// <reference types="vitest/config" />
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type Plugin, type Rollup } from 'vite';

const api = process.env.COALESCE_API ?? 'http://127.0.0.1:3000';

/**
 * Writes `<file>.br` (brotli, best quality) and `<file>.gz` beside every text asset of the
 * build, so the server sends compressed files without compressing per request.
 */
function precompress(): Plugin {
  const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  let outDir = 'dist';
  return {
    name: 'coalesce-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle(_options, bundle) {
      await Promise.all(
        Object.values(bundle).map(async (item) => {
          if (!COMPRESSIBLE.test(item.fileName)) return;
          const source = item.type === 'chunk' ? item.code : item.source;
          const bytes = typeof source === 'string' ? Buffer.from(source) : Buffer.from(source);
          if (bytes.length < 1024) return;
          const file = join(outDir, item.fileName);
          const [b, g] = await Promise.all([
            br(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
            gz(bytes, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${file}.br`, b), writeFile(`${file}.gz`, g)]);
        }),
      );
    },
  };
}

const LAYOUT = 'src/features/workspaces/components/WorkspaceLayout.tsx';

/**
 * The page chunks a deep link needs, by path (mirrors client/src/app/router.tsx). Without this
 * the browser learns about them only after the first chunk has been downloaded and run.
 */
/** The GETs every workspace page makes first (`$1` is the workspace id). */
const WS = ['/api/me', '/api/workspaces/$1'];

type Part = 'core' | 'landing' | 'pages';

/**
 * What a deep link needs, by path (mirrors client/src/app/router.tsx and the pages' queries):
 * its page chunks, the GETs its first render waits for, exactly as `api()` spells them, and the
 * part of the reader's messages its page shows (`lazyPage`'s `messages`).
 * Without this the browser learns about them only after the first chunk has been downloaded
 * and run.
 */
type Route = [pattern: string, modules: string[], gets: string[], messages: Part];
const ROUTES: Route[] = [
  ['^/$', ['src/features/home/routes/HomePage.tsx'], [], 'landing'],
  ['^/login$', ['src/features/auth/routes/LoginPage.tsx'], [], 'core'],
  ['^/w/?$', ['src/features/workspaces/routes/WorkspacesPage.tsx'], ['/api/me'], 'core'],
  [
    '^/w/([^/]+)/?$',
    [LAYOUT, 'src/features/workspaces/routes/WorkspaceHomePage.tsx'],
    [...WS, '/api/workspaces/$1/members?limit=200', '/api/workspaces/$1/activity?limit=30'],
    'core',
  ],
  [
    '^/w/([^/]+)/(vision|documents/[^/]+)/?$',
    [LAYOUT, 'src/features/documents/routes/DocumentPage.tsx'],
    WS,
    'pages',
  ],
  [
    '^/w/([^/]+)/network/?$',
    [
      LAYOUT,
      'src/features/network/routes/NetworkPage.tsx',
      'src/features/network/components/NetworkGraph.tsx',
    ],
    [...WS, '/api/workspaces/$1/partners?limit=200', '/api/workspaces/$1/network'],
    'pages',
  ],
  [
    '^/w/([^/]+)/proposals/?$',
    [LAYOUT, 'src/features/proposals/routes/ProposalsPage.tsx'],
    [...WS, '/api/workspaces/$1/proposals?limit=200'],
    'pages',
  ],
  [
    '^/w/([^/]+)/proposals/(?!new)[^/]+$',
    [LAYOUT, 'src/features/proposals/routes/ProposalPage.tsx'],
    WS,
    'pages',
  ],
  [
    '^/w/([^/]+)/partners/?$',
    [LAYOUT, 'src/features/partners/routes/PartnersPage.tsx'],
    [...WS, '/api/workspaces/$1/partners?limit=200'],
    'pages',
  ],
  [
    '^/w/([^/]+)/experiments/?$',
    [LAYOUT, 'src/features/experiments/routes/ExperimentsBoardPage.tsx'],
    [...WS, '/api/workspaces/$1/experiments?limit=200', '/api/workspaces/$1/partners?limit=200'],
    'pages',
  ],
  [
    '^/w/([^/]+)/activity/?$',
    [LAYOUT, 'src/features/activity/routes/ActivityPage.tsx'],
    WS,
    'pages',
  ],
  // The other pages: their chunks and words with the first chunk (their data follows from it).
  ...(
    [
      ['proposals/new', 'proposals/routes/NewProposalPage'],
      ['experiments/new', 'experiments/routes/NewExperimentPage'],
      ['experiments/[^/]+', 'experiments/routes/ExperimentPage'],
      ['partners/[^/]+', 'partners/routes/PartnerPage'],
      ['principles', 'principles/routes/PrinciplesPage'],
      ['policies', 'policies/routes/PoliciesPage'],
      ['connections', 'connections/routes/ConnectionsPage'],
      ['surveys', 'surveys/routes/SurveysPage'],
      ['surveys/[^/]+', 'surveys/routes/SurveyWavePage'],
      ['participation', 'participation/routes/ParticipationPage'],
      ['research', 'research/routes/ResearchPage'],
    ] as const
  ).map(([path, page]): Route => [
    `^/w/([^/]+)/${path}/?$`,
    [LAYOUT, `src/features/${page}.tsx`],
    WS,
    'pages',
  ]),
];

/**
 * Emits a small script, loaded `async` beside the first chunk, that adds `modulepreload` links
 * for the current path's page chunks and starts its first GETs: code and data download together
 * with the first chunk instead of after it. A file rather than an inline script, so a strict CSP
 * (`script-src 'self'`) holds.
 */
function routePreload(): Plugin {
  // Rolldown does not take files added to the bundle by an HTML hook: written after the bundle.
  let emitted: { fileName: string; source: string } | undefined;
  let outDir = 'dist';
  return {
    name: 'coalesce-route-preload',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle() {
      if (emitted) await writeFile(join(outDir, emitted.fileName), emitted.source);
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return;
        const chunks = Object.values(bundle).filter(
          (c): c is Rollup.OutputChunk => c.type === 'chunk',
        );
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const entry = chunks.find((c) => c.isEntry);
        const withImports = (file: string, into: Set<string>) => {
          if (into.has(file)) return into;
          into.add(file);
          for (const dep of byFile.get(file)?.imports ?? []) withImports(dep, into);
          return into;
        };
        const loaded = entry ? withImports(entry.fileName, new Set()) : new Set<string>();
        const table = ROUTES.map(([pattern, modules, gets, messages]) => {
          const files = new Set<string>();
          for (const m of modules) {
            const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(`/client/${m}`));
            if (!chunk) throw new Error(`route-preload: no chunk for ${m}`);
            withImports(chunk.fileName, files);
          }
          return [pattern, [...files].filter((f) => !loaded.has(f)), gets, messages];
        });
        // Each language's core messages are a chunk the first render waits for (main.tsx); a
        // route's page may also wait for another part (lazyPage).
        const catalogs: Record<string, Record<Part, string[]>> = {};
        for (const locale of ['en', 'nl']) {
          const files = (module: string) => {
            const chunk = chunks.find((c) =>
              c.facadeModuleId?.endsWith(`/client/src/i18n/${module}`),
            );
            if (!chunk) throw new Error(`route-preload: no chunk for ${module}`);
            return [...withImports(chunk.fileName, new Set())].filter((f) => !loaded.has(f));
          };
          catalogs[locale] = {
            core: files(`${locale}.ts`),
            landing: files(`landing.${locale}.ts`),
            pages: files(`pages.${locale}.ts`),
          };
        }
        // The reader's language as detectLocale (client/src/i18n/i18n.tsx) picks it.
        const language =
          `var c=${JSON.stringify(catalogs)},s=null;try{s=localStorage.getItem("coalesce.locale")}catch(x){}` +
          'if(!Object.prototype.hasOwnProperty.call(c,s))s=((navigator.languages||[])[0]||"").toLowerCase().indexOf("nl")===0?"nl":"en";' +
          'function pre(f){var l=document.createElement("link");' +
          'l.rel="modulepreload";l.href="/"+f;document.head.appendChild(l)}c[s].core.forEach(pre);';
        // GETs go into window.__coalesceEarly, keyed as api() keys them; api() takes each once.
        const source =
          `(function(){${language}var r=${JSON.stringify(table)},p=location.pathname,e=window.__coalesceEarly={};` +
          'for(var i=0;i<r.length;i++){var m=new RegExp(r[i][0]).exec(p);if(!m)continue;' +
          'r[i][1].forEach(pre);if(r[i][3]!=="core")c[s][r[i][3]].forEach(pre);' +
          'r[i][2].forEach(function(g){var u=g.replace("$1",m[1]);' +
          'e[u]=fetch(u,{credentials:"same-origin",headers:{accept:"application/json"}});' +
          'e[u].catch(function(){})});return}})();\n';
        const hash = createHash('sha256').update(source).digest('hex').slice(0, 10);
        const fileName = `assets/route-preload-${hash}.js`;
        emitted = { fileName, source };
        return [{ tag: 'script', attrs: { src: `/${fileName}`, async: true }, injectTo: 'head' }];
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), routePreload(), precompress()],
  // Read @coalesce/shared's TypeScript directly, so a change there hot-reloads the client.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: {
    port: 5173,
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
      '/collab': { target: api, ws: true },
    },
  },
  build: {
    // Source maps would publish the whole client; `COALESCE_SOURCEMAP=1` builds them locally.
    sourcemap: process.env.COALESCE_SOURCEMAP === '1',
    // .vite/manifest.json: which chunks and CSS each page loads (bench/client/bundle.mjs).
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
