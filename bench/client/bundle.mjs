#!/usr/bin/env node
// Prints the bytes (raw, gzip, brotli) of the JS and CSS a cold load of each page fetches
// before it can render, following Vite's manifest: the entry and its static imports, plus the
// page's lazy route chunks and theirs. "deferred" is what the same load fetches after the page
// is on screen (the socket.io client and the socket events' query table for a signed-in user; the invitations form and the shared
// schemas for a coordinator on the overview; the sign-in form's schemas). Every page also waits
// for the reader's language (client/src/i18n/<locale>.ts, plus landing.<locale>.ts or
// pages.<locale>.ts, and errors.<locale>.ts after it renders): Dutch unless `--locale en`. `--build` rebuilds the client first.
//   node bench/client/bundle.mjs [--build] [--json] [--locale nl|en] [--check]
// `--check` exits 1 when the workspace overview's first load passes its budget of 120 KB of gzip
// JS (issue 18; `npm test` runs it for both languages, so the budget cannot creep back up).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = process.env.CLIENT_DIST ?? join(root, 'client', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');

if (process.argv.includes('--build') || !existsSync(manifestPath)) {
  execFileSync('npx', ['vite', 'build'], { cwd: join(root, 'client'), stdio: 'inherit' });
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const localeArg = process.argv.indexOf('--locale');
const locale = localeArg > 0 ? process.argv[localeArg + 1] : 'nl';
/** The reader's core messages (every page), and the parts of them some pages add (lazyPage). */
const CATALOGUE = `src/i18n/${locale}.ts`;
const LANDING_MESSAGES = `src/i18n/landing.${locale}.ts`;
const PAGE_MESSAGES = `src/i18n/pages.${locale}.ts`;
const ERRORS = (key) => key === `src/i18n/errors.${locale}.ts`;

const SOCKET = (key) =>
  key.includes('/socket.io-client/') || key === 'src/features/workspaces/invalidation.ts';
const INVITATIONS = (key) => key === 'src/features/invitations/components/InvitationsPanel.tsx';
const COLLAB = (key) => /^_collab-/.test(key);
const AUTH_SCHEMAS = (key) => key === 'src/features/auth/schemas.ts';

/**
 * The route modules each page loads on a cold start (see client/src/app/router.tsx), and the
 * chunks it loads after it renders (manifest keys, matched).
 */
const PAGES = {
  landing: {
    modules: ['src/features/home/routes/HomePage.tsx', LANDING_MESSAGES],
    deferred: [ERRORS],
  },
  login: { modules: ['src/features/auth/routes/LoginPage.tsx'], deferred: [AUTH_SCHEMAS, ERRORS] },
  'workspace overview': {
    modules: [
      'src/features/workspaces/components/WorkspaceLayout.tsx',
      'src/features/workspaces/routes/WorkspaceHomePage.tsx',
    ],
    deferred: [SOCKET, INVITATIONS, ERRORS],
  },
  vision: {
    modules: [
      'src/features/workspaces/components/WorkspaceLayout.tsx',
      'src/features/documents/routes/DocumentPage.tsx',
      PAGE_MESSAGES,
    ],
    deferred: [SOCKET, COLLAB, ERRORS],
  },
  network: {
    modules: [
      'src/features/workspaces/components/WorkspaceLayout.tsx',
      'src/features/network/routes/NetworkPage.tsx',
      'src/features/network/components/NetworkGraph.tsx',
      PAGE_MESSAGES,
    ],
    deferred: [SOCKET, ERRORS],
  },
};

/** A manifest key and everything it imports statically (what the browser must fetch with it). */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  const entry = manifest[key];
  if (!entry) throw new Error(`not in the manifest: ${key}`);
  seen.add(key);
  for (const dep of entry.imports ?? []) closure(dep, seen);
  return seen;
}

const sizeCache = new Map();
function sizes(file) {
  if (!sizeCache.has(file)) {
    const bytes = readFileSync(join(dist, file));
    sizeCache.set(file, {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
      }).length,
    });
  }
  return sizeCache.get(file);
}

const kb = (n) => (n / 1024).toFixed(1);
const rows = Object.entries(PAGES).map(([page, { modules, deferred }]) => {
  const keys = new Set();
  for (const k of ['index.html', CATALOGUE, ...modules]) closure(k, keys);
  const js = new Set();
  const css = new Set();
  for (const k of keys) {
    js.add(manifest[k].file);
    for (const c of manifest[k].css ?? []) css.add(c);
  }
  const later = new Set();
  for (const k of Object.keys(manifest).filter((key) => deferred.some((match) => match(key)))) {
    for (const dep of closure(k)) if (!keys.has(dep)) later.add(manifest[dep].file);
  }
  const sum = (files) =>
    [...files].reduce(
      (acc, f) => {
        const s = sizes(f);
        return { raw: acc.raw + s.raw, gzip: acc.gzip + s.gzip, brotli: acc.brotli + s.brotli };
      },
      { raw: 0, gzip: 0, brotli: 0 },
    );
  return { page, files: js.size + css.size, js: sum(js), css: sum(css), deferred: sum(later) };
});

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  console.log(`client bundle, first load per page in ${locale} (${dist}), KB = 1024 bytes`);
  console.log(
    '| page | files | JS raw KB | JS gzip KB | JS brotli KB | CSS gzip KB | deferred JS gzip KB |\n| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const r of rows) {
    console.log(
      `| ${r.page} | ${r.files} | ${kb(r.js.raw)} | ${kb(r.js.gzip)} | ${kb(r.js.brotli)} | ${kb(r.css.gzip)} | ${kb(r.deferred.gzip)} |`,
    );
  }
}

if (process.argv.includes('--check')) {
  const BUDGET_KB = 120;
  const overview = rows.find((r) => r.page === 'workspace overview');
  const gz = overview.js.gzip / 1024;
  const ok = gz <= BUDGET_KB;
  console.log(
    `budget (${locale}): workspace overview first load ${gz.toFixed(1)} KB gzip JS, budget ${BUDGET_KB} KB: ${ok ? 'within' : 'OVER'}`,
  );
  if (!ok) process.exit(1);
}
