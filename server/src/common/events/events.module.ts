import { Global, Module } from '@nestjs/common';
import { EventBus } from './event-bus';
import { RedisEventRelay } from './redis-relay';
import { SweepPause } from './sweep-pause';

/** The one EventBus of the process, injectable everywhere (relayed across instances with Redis). */
@Global()
@Module({ providers: [EventBus, RedisEventRelay, SweepPause], exports: [EventBus, SweepPause] })
export class EventsModule {}
