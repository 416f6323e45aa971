import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { logger } from '../logging/logger';
import { closeRedis, createRedisClient } from '../redis/redis';
import { CLUSTER_EVENTS, type DomainEventName } from './domain-events';
import { EventBus } from './event-bus';

/** With REDIS_URL, relays CLUSTER_EVENTS between instances; without it, does nothing. */
@Injectable()
export class RedisEventRelay implements OnModuleInit, OnModuleDestroy {
  private readonly origin = randomUUID();
  private pub: Redis | undefined;
  private sub: Redis | undefined;

  constructor(
    private readonly bus: EventBus,
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
        const { origin, name, payload } = JSON.parse(message) as {
          origin: string;
          name: DomainEventName;
          payload: unknown;
        };
        if (origin !== this.origin && CLUSTER_EVENTS.includes(name)) {
          this.bus.deliverRemote(name, payload);
        }
      } catch (err) {
        logger.warn({ err }, 'bad relayed event');
      }
    });
    // Not awaited: with Redis down at start, the subscription waits for it (ioredis resubscribes
    // after every reconnect); the start must not.
    this.sub.subscribe(channel).catch((err: unknown) => logger.warn({ err }, 'redis subscribe'));
    this.bus.setRelay((name, payload) => {
      this.pub
        ?.publish(channel, JSON.stringify({ origin: this.origin, name, payload }))
        .catch((err: unknown) => logger.warn({ err, name }, 'could not relay event'));
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.bus.setRelay(undefined);
    await closeRedis(this.pub, this.sub);
  }
}
