import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { logger } from '../logging/logger';
import { closeRedis, createRedisClient } from '../redis/redis';
import { CLUSTER_EVENTS, type DomainEventName } from './domain-events';
import { EventBus } from './event-bus';

const CHANNEL = 'coalesce:domain-events';

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
    await this.sub.subscribe(CHANNEL);
    this.bus.setRelay((name, payload) => {
      this.pub
        ?.publish(CHANNEL, JSON.stringify({ origin: this.origin, name, payload }))
        .catch((err: unknown) => logger.warn({ err, name }, 'could not relay event'));
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.bus.setRelay(undefined);
    await closeRedis(this.pub, this.sub);
  }
}
