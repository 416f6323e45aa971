/// <reference types="vitest/config" />
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

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

export default defineConfig({
  plugins: [react(), tailwindcss(), precompress()],
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
  },
});
