import { AsyncLocalStorage } from 'node:async_hooks';

/** A time source that can be moved by hand (the demo writes 18 months of history in seconds). */
export interface SimulatedClock {
  now(): Date;
}

const storage = new AsyncLocalStorage<SimulatedClock>();

/**
 * The one seam through which services take "now". In production nothing is ever simulated:
 * `clock.now()` is `new Date()` and `clock.simulated()` is null, so SQL keeps its own `now()`
 * and column defaults (`COALESCE($n, now())`, or leaving a date column out of an insert). The
 * demo runs its script inside `clock.run(simulated, …)`; AsyncLocalStorage carries the
 * simulated time through every await of that script (and only of that script: concurrent
 * requests keep the real time).
 */
export const clock = {
  now(): Date {
    return storage.getStore()?.now() ?? new Date();
  },

  /** The simulated time, or null when the real time applies (let the database stamp it). */
  simulated(): Date | null {
    return storage.getStore()?.now() ?? null;
  },

  /**
   * The value for a date column that otherwise takes its database default: the simulated time,
   * or undefined so the insert leaves the column out and the default applies as before.
   */
  stamp(): Date | undefined {
    return storage.getStore()?.now();
  },

  run<T>(simulated: SimulatedClock, fn: () => Promise<T>): Promise<T> {
    return storage.run(simulated, fn);
  },
};

/** A clock that stands still until moved: every event of one step shares its moment. */
export class ManualClock implements SimulatedClock {
  private at: Date;

  constructor(start: Date) {
    this.at = new Date(start);
  }

  now(): Date {
    return new Date(this.at);
  }

  set(at: Date): void {
    this.at = new Date(at);
  }

  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}
