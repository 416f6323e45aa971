import { existsSync, readdirSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../../config/config';
import { logger } from '../logging/logger';
import { API_BROTLI, API_GZIP } from './compression.settings';

/**
 * Not compressed on the fly: socket.io and the collaboration socket frame their own messages,
 * and the research export streams with its own backpressure (`drain` listeners that it removes
 * again; compression forwards `on('drain')` to its zlib stream but not `off`, so they would pile
 * up for the length of a large export).
 */
const NOT_COMPRESSED = /^\/(socket\.io|collab)(\/|$)|^\/api\/workspaces\/[^/]+\/export\/?$/;

/** Paths the SPA fallback must never answer. */
const NON_SPA = /^\/(api|socket\.io|collab)(\/|$)/;

/** Vite puts a content hash in every name under /assets/: those never change. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Encodings the build writes beside each asset, best first. */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/**
 * On-the-fly gzip/brotli for API answers (JSON, the OpenAPI page) above 1 KB, at the cheap
 * levels of `compression.settings.ts`: this runs for every answer.
 */
export function setupCompression(app: NestExpressApplication): void {
  app.use(
    compression({
      ...API_GZIP,
      brotli: API_BROTLI,
      filter: (req, res) => !NOT_COMPRESSED.test(req.path) && compression.filter(req, res),
    }),
  );
}

/** Every file of `dir` but dotfiles, as URL paths (`/assets/index-abc.js`). */
function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    // `.vite/manifest.json` is for the build's tooling (bench/client/bundle.mjs), not for users.
    if (entry.name.startsWith('.')) return [];
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full, root);
    return [`/${relative(root, full).split(sep).join('/')}`];
  });
}

/**
 * The built client: hashed assets cached for a year, everything else revalidated, each file
 * sent as the `.br`/`.gz` the build wrote beside it when the request accepts that encoding
 * (no compression work per request), and the SPA fallback to index.html. In production source
 * maps are not served: they would publish the whole client source.
 */
export function serveClient(app: NestExpressApplication, config: AppConfig): void {
  const dist = config.http.clientDist;
  const index = join(dist, 'index.html');
  if (!existsSync(index)) {
    logger.warn({ dist }, 'client build not found; serving the API only');
    return;
  }
  const files = new Set(listFiles(dist));
  const hideSourceMaps = config.env === 'production';

  const cacheControl = (path: string) =>
    path.startsWith('/assets/')
      ? IMMUTABLE
      : path === '/index.html'
        ? 'no-cache'
        : 'public, max-age=3600';

  /** Sends `path` (a URL path of a file in dist), precompressed when it can. */
  const send = (req: Request, res: Response, path: string) => {
    res.setHeader('Cache-Control', cacheControl(path));
    const variants = PRECOMPRESSED.filter((v) => files.has(path + v.suffix));
    if (variants.length > 0) res.vary('Accept-Encoding');
    const chosen = variants.find((v) => req.acceptsEncodings(v.encoding) === v.encoding);
    if (chosen) {
      res.type(extname(path));
      res.setHeader('Content-Encoding', chosen.encoding);
    }
    res.sendFile(join(dist, path + (chosen?.suffix ?? '')), { cacheControl: false });
  };

  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (NON_SPA.test(req.path)) return next();
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    if (hideSourceMaps && path.endsWith('.map')) {
      res.status(404).end();
      return;
    }
    if (path !== '/' && files.has(path)) return send(req, res, path);
    // A missing hashed asset (an old tab after a deploy) must not come back as index.html.
    if (path.startsWith('/assets/') || extname(path) === '.map') {
      res.status(404).end();
      return;
    }
    send(req, res, '/index.html');
  });
}
