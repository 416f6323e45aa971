import { Injectable } from '@nestjs/common';
import type { Health } from '@coalesce/shared';
import { RedisMonitor } from '../../common/redis/redis-monitor';
import { HealthRepository } from './health.repository';

/**
 * The database decides whether this instance can serve (`db: down` fails the check). Redis only
 * carries what instances tell each other, and each falls back to PostgreSQL without it: `redis:
 * down` reports `degraded` but the instance keeps serving.
 */
@Injectable()
export class HealthService {
  constructor(
    private readonly repository: HealthRepository,
    private readonly redis: RedisMonitor,
  ) {}

  async check(): Promise<Health> {
    const [db, redis] = await Promise.all([this.db(), this.redis.ping()]);
    return { status: db === 'up' && redis !== 'down' ? 'ok' : 'degraded', db, redis };
  }

  private async db(): Promise<'up' | 'down'> {
    try {
      await Promise.race([
        this.repository.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      return 'up';
    } catch {
      return 'down';
    }
  }
}
