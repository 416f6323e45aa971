import { Injectable } from '@nestjs/common';
import { EventBus } from './event-bus';

/**
 * Workspaces that background sweeps (proposal deadlines, and any later time-based sweep such as
 * expiries) must leave alone for a while: the demo writes a history whose dates all lie in the
 * real past and ends each item itself at its simulated moment; a sweep running on today's clock
 * would end them in between, dated today. The pause reaches every instance (a cluster event
 * over REDIS_URL, in the milliseconds before the demo writes its first due item) and lapses on
 * its own after `maxMs`, so a crashed demo pauses nothing for long.
 */
@Injectable()
export class SweepPause {
  private readonly paused = new Map<string, number>();

  constructor(private readonly bus: EventBus) {
    bus.on('sweeps.paused', ({ workspaceId, until }) => {
      if (until > Date.now()) this.paused.set(workspaceId, until);
      else this.paused.delete(workspaceId);
    });
  }

  /** Pauses the sweeps for `workspaceId` until the returned function is called (or `maxMs`). */
  pause(workspaceId: string, maxMs = 10 * 60_000): () => void {
    this.bus.emit('sweeps.paused', { workspaceId, until: Date.now() + maxMs });
    return () => this.bus.emit('sweeps.paused', { workspaceId, until: 0 });
  }

  /** The workspaces a sweep must skip now (usually none). */
  workspaceIds(): string[] {
    const now = Date.now();
    for (const [id, until] of this.paused) if (until <= now) this.paused.delete(id);
    return [...this.paused.keys()];
  }
}
