import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EventBus } from '../events/event-bus';
import { metrics } from './metrics';

/** Counts committed activity events by type (votes among them) on the instance that made them. */
@Injectable()
export class MetricsListener implements OnModuleInit, OnModuleDestroy {
  private off: (() => void) | undefined;

  constructor(private readonly bus: EventBus) {}

  onModuleInit(): void {
    this.off = this.bus.on('activity.recorded', (event, meta) => {
      if (!meta.remote) metrics.events.inc({ type: event.type });
    });
  }

  onModuleDestroy(): void {
    this.off?.();
  }
}
