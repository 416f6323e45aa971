import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { logger } from '../logging/logger';
import { closeRedis, createRedisClient } from '../redis/redis';
import { ClusterEventsRepository } from './cluster-events.repository';
import { CLUSTER_EVENTS, type DomainEventName } from './domain-events';
import { EventBus } from './event-bus';

/** How far back each read of the PostgreSQL path looks (a few missed polls fit in it). */
const WINDOW_SECONDS = 15;
/** How long a row stays in `cluster_events`, and an id in the seen set. */
const KEEP_SECONDS = 600;

interface Relayed {
  origin: string;
  id: string;
  name: DomainEventName;
  payload: unknown;
}

/**
 * With REDIS_URL, relays CLUSTER_EVENTS (revocations) between instances; without it, does
 * nothing. Two paths: Redis pub/sub, the fast one, and a short-lived log in PostgreSQL that every
 * instance reads every second (at most REDIS_FALLBACK_POLL_MS). Pub/sub alone loses an event
 * when the publisher's Redis connection is down or partitioned while the receiver's is up (the
 * receiver sees nothing wrong, so it does not fall back); the log does not. Each event has an id,
 * so whichever path brings it first delivers it and the other is ignored. An event that only the
 * log brought is delivered as `recovered`: socket.io's Redis adapter lost the room changes that
 * went with it, so the realtime gateway applies them locally.
 */
@Injectable()
export class RedisEventRelay implements OnModuleInit, OnModuleDestroy {
  private readonly origin = randomUUID();
  private pub: Redis | undefined;
  private sub: Redis | undefined;
  /** Ids delivered (or published) here, with when, so that the second path's copy is dropped. */
  private readonly seen = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private lastPurge = 0;

  constructor(
    private readonly bus: EventBus,
    private readonly log: ClusterEventsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const url = this.config.redis.url;
    if (!url) return;
    const channel = `${this.config.redis.prefix}domain-events`;
    this.pub = createRedisClient(url, 'events-pub');
    this.sub = createRedisClient(url, 'events-sub');
    this.sub.on('message', (_channel: string, message: string) => {
      try {
        const e = JSON.parse(message) as Relayed;
        if (e.origin !== this.origin) this.receive(e, false);
      } catch (err) {
        logger.warn({ err }, 'bad relayed event');
      }
    });
    // Not awaited: with Redis down at start, the subscription waits for it (ioredis resubscribes
    // after every reconnect); the start must not.
    this.sub.subscribe(channel).catch((err: unknown) => logger.warn({ err }, 'redis subscribe'));
    this.bus.setRelay((name, payload) => {
      const e: Relayed = { origin: this.origin, id: randomUUID(), name, payload };
      this.seen.set(e.id, Date.now());
      this.pub
        ?.publish(channel, JSON.stringify(e))
        .catch((err: unknown) => logger.warn({ err, name }, 'could not relay event'));
      this.log
        .append({ id: e.id, name, payload, origin: this.origin })
        .catch((err: unknown) => logger.warn({ err, name }, 'could not log a cluster event'));
    });
    this.timer = setInterval(
      () => void this.read(),
      Math.min(this.config.redis.fallbackPollMs, 1000),
    );
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.bus.setRelay(undefined);
    clearInterval(this.timer);
    await this.reading;
    await closeRedis(this.pub, this.sub);
  }

  /** One read of the PostgreSQL path (also for tests); one at a time. */
  read(): Promise<void> {
    this.reading ??= this.readOnce()
      .catch((err: unknown) => logger.warn({ err }, 'cluster events: read failed'))
      .finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async readOnce(): Promise<void> {
    const rows = await this.log.recent(WINDOW_SECONDS);
    for (const row of rows) {
      if (row.origin === this.origin) continue;
      this.receive({ ...row, name: row.name as DomainEventName }, true);
    }
    const now = Date.now();
    for (const [id, at] of this.seen) if (now - at > KEEP_SECONDS * 1000) this.seen.delete(id);
    if (now - this.lastPurge > 60_000) {
      this.lastPurge = now;
      await this.log.purge(KEEP_SECONDS);
    }
  }

  private receive(e: Relayed, fromLog: boolean): void {
    if (!CLUSTER_EVENTS.includes(e.name) || this.seen.has(e.id)) return;
    this.seen.set(e.id, Date.now());
    this.bus.deliverRemote(e.name, e.payload, fromLog);
  }
}
