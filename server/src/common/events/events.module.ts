import { Global, Module } from '@nestjs/common';
import { EventBus } from './event-bus';
import { RedisEventRelay } from './redis-relay';

/** The one EventBus of the process, injectable everywhere (relayed across instances with Redis). */
@Global()
@Module({ providers: [EventBus, RedisEventRelay], exports: [EventBus] })
export class EventsModule {}
