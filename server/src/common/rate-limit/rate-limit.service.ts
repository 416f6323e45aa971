import { Inject, Injectable, type OnModuleDestroy, Optional } from '@nestjs/common';
import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { RateLimitedError } from '../errors/domain-error';
import { logger } from '../logging/logger';
import { metrics } from '../metrics/metrics';
import { closeRedis, createRedisClient } from '../redis/redis';
import { RedisMonitor } from '../redis/redis-monitor';

export interface LimitSpec {
  /** Key prefix: one limiter per purpose. */
  name: string;
  points: number;
  durationSeconds: number;
}

/**
 * Rate limits on rate-limiter-flexible, shared by every instance: Redis when REDIS_URL is set,
 * else PostgreSQL (`rate_limits`, atomic upserts, expired rows purged by the library). When the
 * store fails (e.g. the database is down) a per-instance memory limiter stands in; while Redis
 * is known to be down (RedisMonitor) that one answers at once, without a command to wait for.
 */
@Injectable()
export class RateLimitService implements OnModuleDestroy {
  private readonly limiters = new Map<string, RateLimiterAbstract>();
  /** Each limiter's memory stand-in (its insurance limiter), by the same id. */
  private readonly standIns = new Map<string, RateLimiterMemory>();
  private redis: Redis | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly redisMonitor?: RedisMonitor,
  ) {}

  private limiter(spec: LimitSpec): RateLimiterAbstract {
    const id = `${spec.name}:${spec.points}:${spec.durationSeconds}`;
    let limiter = this.limiters.get(id);
    if (limiter) return this.choose(id, limiter);
    const standIn = new RateLimiterMemory({
      keyPrefix: spec.name,
      points: spec.points,
      duration: spec.durationSeconds,
    });
    this.standIns.set(id, standIn);
    const common = {
      keyPrefix: spec.name,
      points: spec.points,
      duration: spec.durationSeconds,
      insuranceLimiter: standIn,
    };
    if (this.config.redis.url) {
      // No offline queue: while Redis is down a command fails at once and the memory
      // insurance limiter answers, instead of the request waiting for Redis to return. A
      // Redis that stops answering on an open connection (frozen) fails it after a second.
      this.redis ??= createRedisClient(this.config.redis.url, 'rate-limit', {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: 1000,
      });
      limiter = new RateLimiterRedis({ ...common, storeClient: this.redis });
    } else {
      const pool = (this.dataSource.driver as unknown as { master: unknown }).master;
      limiter = new RateLimiterPostgres({
        ...common,
        storeClient: pool,
        storeType: 'pool',
        tableName: 'rate_limits',
        tableCreated: true,
        clearExpiredByTimeout: true,
      });
    }
    this.limiters.set(id, limiter);
    return this.choose(id, limiter);
  }

  /** The store's limiter, or its memory stand-in while Redis is known to be down. */
  private choose(id: string, limiter: RateLimiterAbstract): RateLimiterAbstract {
    return (this.redisMonitor?.state === 'down' && this.standIns.get(id)) || limiter;
  }

  /** Counts one attempt for `key`, atomically; over the limit → RateLimitedError (429). */
  async consume(spec: LimitSpec, key: string, points = 1): Promise<void> {
    try {
      await this.limiter(spec).consume(key, points);
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        metrics.rateLimitHits.inc({ limiter: spec.name });
        throw new RateLimitedError(Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
      }
      throw err;
    }
  }

  /** Gives back `points` (an attempt that should not count, e.g. a create that failed). */
  async reward(spec: LimitSpec, key: string, points = 1): Promise<void> {
    await this.limiter(spec)
      .reward(key, points)
      .catch((err: unknown) =>
        logger.warn({ err, limiter: spec.name }, 'rate limit: reward failed'),
      );
  }

  /** Forgets `key` (e.g. failed logins once the right password came). */
  async reset(spec: LimitSpec, key: string): Promise<void> {
    await this.limiter(spec)
      .delete(key)
      .catch((err: unknown) =>
        logger.warn({ err, limiter: spec.name }, 'rate limit: reset failed'),
      );
  }

  async onModuleDestroy(): Promise<void> {
    await closeRedis(this.redis);
  }
}
