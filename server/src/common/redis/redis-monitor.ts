import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { logger } from '../logging/logger';
import { closeRedis, createRedisClient } from './redis';

export type RedisState = 'off' | 'up' | 'down';
type Listener = (state: RedisState) => void;

/** How long a heartbeat PING may stay unanswered before Redis counts as down. */
const HEARTBEAT_TIMEOUT_MS = 1000;

/**
 * Whether this instance can reach Redis right now (`off` without REDIS_URL). Features whose
 * cross-instance messages ride on Redis watch it: while it is `down` they fall back to reading
 * PostgreSQL, and on the way back `up` they replay what they may have missed. Its own client
 * has no offline queue, so a health ping fails at once instead of waiting for a reconnect.
 *
 * A closed connection is noticed at once; a Redis that stops answering on an open one (frozen,
 * partitioned away without a reset) only by the heartbeat: a PING every REDIS_FALLBACK_POLL_MS
 * (at most every second) that must be answered within a second.
 */
@Injectable()
export class RedisMonitor implements OnModuleInit, OnModuleDestroy {
  private client: Redis | undefined;
  private current: RedisState = 'off';
  private readonly listeners = new Set<Listener>();
  private heartbeat: NodeJS.Timeout | undefined;
  private beating = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    const url = this.config.redis.url;
    if (!url) return;
    this.current = 'down';
    this.client = createRedisClient(url, 'monitor', { enableOfflineQueue: false });
    this.client.on('ready', () => this.set('up'));
    this.client.on('close', () => this.set('down'));
    const every = Math.min(this.config.redis.fallbackPollMs, 1000);
    this.heartbeat = setInterval(() => void this.beat(), every);
    this.heartbeat.unref();
  }

  private async beat(): Promise<void> {
    if (this.beating || this.client?.status !== 'ready') return;
    this.beating = true;
    try {
      const state = await this.ping(HEARTBEAT_TIMEOUT_MS);
      // A close meanwhile has already said `down` (and a reconnect will say `up`).
      if (this.client?.status === 'ready') this.set(state);
    } finally {
      this.beating = false;
    }
  }

  get state(): RedisState {
    return this.current;
  }

  get prefix(): string {
    return this.config.redis.prefix;
  }

  /** Calls `fn` on every change of state; returns the unsubscribe. */
  onChange(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** A round trip to Redis within `ms`: `up`, `down`, or `off` without REDIS_URL. */
  async ping(ms = 1000): Promise<RedisState> {
    if (!this.client) return 'off';
    if (this.client.status !== 'ready') return 'down';
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.client.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), ms);
        }),
      ]);
      return 'up';
    } catch {
      return 'down';
    } finally {
      clearTimeout(timer);
    }
  }

  private set(state: RedisState): void {
    if (state === this.current) return;
    this.current = state;
    logger.info({ redis: state }, state === 'up' ? 'redis reachable' : 'redis unreachable');
    for (const fn of this.listeners) {
      try {
        fn(state);
      } catch (err) {
        logger.error({ err }, 'redis state listener');
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.listeners.clear();
    await closeRedis(this.client);
  }
}
