import { createServer, type Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { metrics, registry } from './metrics';

/** Counts and times every answered request by its route pattern (bounded label values). */
export function httpMetrics(req: Request, res: Response, next: NextFunction): void {
  const started = process.hrtime.bigint();
  res.once('finish', () => {
    const route =
      (req.route as { path?: string } | undefined)?.path ??
      (req.path.startsWith('/api/') ? 'unmatched' : 'static');
    const labels = { method: req.method, route, status: String(res.statusCode) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
  });
  next();
}

/** `GET /metrics` with `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise). */
export function metricsEndpoint(token: string) {
  const expected = Buffer.from(`Bearer ${token}`);
  return async (req: Request, res: Response): Promise<void> => {
    const given = Buffer.from(req.headers.authorization ?? '');
    const { timingSafeEqual } = await import('node:crypto');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.status(401).set('WWW-Authenticate', 'Bearer').end();
      return;
    }
    res.set('Content-Type', registry.contentType).send(await registry.metrics());
  };
}

/** `/metrics` without a token on a port of its own (METRICS_PORT), for a private network. */
export function startMetricsServer(port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
