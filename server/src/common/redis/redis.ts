import { Redis, type RedisOptions } from 'ioredis';
import { logger } from '../logging/logger';

/** A Redis client for REDIS_URL that logs (instead of crashing on) connection errors. */
export function createRedisClient(url: string, name: string, options: RedisOptions = {}): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: null,
    connectionName: `coalesce:${name}`,
    // Reconnect quickly after an outage (default backoff grows to 2 s): the catch-up from
    // PostgreSQL starts when the connection is back.
    retryStrategy: (times) => Math.min(times * 100, 500),
    ...options,
  });
  client.on('error', (err) => logger.warn({ err, name }, 'redis error'));
  return client;
}

export async function closeRedis(...clients: (Redis | undefined)[]): Promise<void> {
  await Promise.all(clients.map((c) => (c ? c.quit().catch(() => c.disconnect()) : undefined)));
}
