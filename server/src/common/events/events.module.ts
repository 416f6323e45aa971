import { Global, Module } from '@nestjs/common';
import { EventBus } from './event-bus';

/** The one EventBus of the process, injectable everywhere. */
@Global()
@Module({ providers: [EventBus], exports: [EventBus] })
export class EventsModule {}
