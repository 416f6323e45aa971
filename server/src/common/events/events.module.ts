import { Global, Module } from '@nestjs/common';
import { ClusterEventsRepository } from './cluster-events.repository';
import { EventBus } from './event-bus';
import { RedisMonitor } from '../redis/redis-monitor';
import { RedisEventRelay } from './redis-relay';
import { SweepPause } from './sweep-pause';
import { SweepPauseRepository } from './sweep-pause.repository';

/**
 * The one EventBus of the process, injectable everywhere (relayed across instances with Redis),
 * and the RedisMonitor that tells features whether Redis is reachable.
 */
@Global()
@Module({
  providers: [
    EventBus,
    RedisEventRelay,
    ClusterEventsRepository,
    RedisMonitor,
    SweepPause,
    SweepPauseRepository,
  ],
  exports: [EventBus, RedisMonitor, SweepPause],
})
export class EventsModule {}
