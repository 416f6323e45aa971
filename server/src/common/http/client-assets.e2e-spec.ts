import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/test-app';

/** A built client as Vite + our precompress plugin leave it, without running Vite. */
function fakeClientDist(): string {
  const dist = mkdtempSync(join(tmpdir(), 'coalesce-dist-'));
  mkdirSync(join(dist, 'assets'));
  const js = `export const answer = ${JSON.stringify('x'.repeat(4000))};\n`;
  const html = '<!doctype html><html><body><div id="root"></div></body></html>';
  writeFileSync(join(dist, 'index.html'), html);
  writeFileSync(join(dist, 'index.html.gz'), gzipSync(html));
  writeFileSync(join(dist, 'assets/index-abc123.js'), js);
  writeFileSync(join(dist, 'assets/index-abc123.js.br'), brotliCompressSync(js));
  writeFileSync(join(dist, 'assets/index-abc123.js.gz'), gzipSync(js));
  writeFileSync(join(dist, 'assets/index-abc123.js.map'), '{"version":3}');
  mkdirSync(join(dist, '.vite'));
  writeFileSync(join(dist, '.vite/manifest.json'), '{}');
  return dist;
}

describe('client assets and compression (e2e)', () => {
  let dist: string;
  let prod: TestApp;
  let dev: TestApp;
  beforeAll(async () => {
    dist = fakeClientDist();
    prod = await startTestApp({ NODE_ENV: 'production', CLIENT_DIST: dist, LOG_LEVEL: 'silent' });
    dev = await startTestApp({ NODE_ENV: 'development', CLIENT_DIST: dist, LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    await prod?.close();
    await dev?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends the brotli file the build wrote for `Accept-Encoding: gzip, br`, cached for a year', async () => {
    const res = await request(prod.baseUrl)
      .get('/assets/index-abc123.js')
      .set('Accept-Encoding', 'gzip, br')
      .expect(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // The bytes on the wire are the small .br file (supertest decodes it for res.text).
    expect(Number(res.headers['content-length'])).toBeLessThan(200);
    expect(res.text).toContain('export const answer');
  });

  it('falls back to gzip, then to the plain file', async () => {
    const gz = await request(prod.baseUrl)
      .get('/assets/index-abc123.js')
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await request(prod.baseUrl)
      .get('/assets/index-abc123.js')
      .set('Accept-Encoding', 'identity')
      .expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toContain('export const answer');
  });

  it('serves index.html (and the SPA fallback) revalidated on every load', async () => {
    for (const path of ['/', '/w/some-workspace/network']) {
      const res = await request(prod.baseUrl)
        .get(path)
        .set('Accept-Encoding', 'gzip, br')
        .expect(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.text).toContain('<div id="root">');
    }
  });

  it('answers a missing hashed asset with 404, not the page', async () => {
    await request(prod.baseUrl).get('/assets/gone-000000.js').expect(404);
  });

  it('does not serve the build manifest', async () => {
    const res = await request(prod.baseUrl).get('/.vite/manifest.json');
    expect(res.text).toContain('<div id="root">');
  });

  it('does not publish source maps in production', async () => {
    await request(prod.baseUrl).get('/assets/index-abc123.js.map').expect(404);
    await request(dev.baseUrl).get('/assets/index-abc123.js.map').expect(200);
  });

  it('compresses JSON answers on the fly', async () => {
    const res = await request(prod.baseUrl)
      .get('/api/docs-json')
      .set('Accept-Encoding', 'gzip, br')
      .expect(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
  });

  it('leaves socket.io and the research export uncompressed', async () => {
    const io = await request(prod.baseUrl)
      .get('/socket.io/?EIO=4&transport=polling')
      .set('Accept-Encoding', 'gzip, br');
    expect(io.headers['content-encoding']).toBeUndefined();
    const exp = await request(prod.baseUrl)
      .get('/api/workspaces/00000000-0000-4000-8000-000000000000/export')
      .set('Accept-Encoding', 'gzip, br');
    expect(exp.headers['content-encoding']).toBeUndefined();
  });
});
