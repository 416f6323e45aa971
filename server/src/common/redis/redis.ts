import { Redis } from 'ioredis';
import { logger } from '../logging/logger';

/** A Redis client for REDIS_URL that logs (instead of crashing on) connection errors. */
export function createRedisClient(url: string, name: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: null, connectionName: `coalesce:${name}` });
  client.on('error', (err) => logger.warn({ err, name }, 'redis error'));
  return client;
}

export async function closeRedis(...clients: (Redis | undefined)[]): Promise<void> {
  await Promise.all(clients.map((c) => (c ? c.quit().catch(() => c.disconnect()) : undefined)));
}
