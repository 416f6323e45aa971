import { logger } from '../logging/logger';

/** When a sweep runs: see `Poller`. */
export interface PollerTiming {
  /** The shortest gap between two runs (DEADLINE_POLL_MS): work found due waits at most this. */
  intervalMs: number;
  /**
   * The longest gap while nothing is known to be due (SWEEP_IDLE_MS): how late this instance
   * notices work that another instance created and could not finish (it crashed).
   */
  idleMs: number;
}

/**
 * A background sweep, one run at a time per instance: a slow run makes callers share its promise
 * instead of piling up. The work keeps its state in the database (SKIP LOCKED and the like), so
 * several instances may sweep at once. `stop()` waits for a run in flight, so shutdown never
 * cuts one off.
 *
 * It runs at start, then when work falls due rather than on a fixed beat: after each run,
 * `nextDue` answers the earliest moment anything known is due (null: nothing), and the next run
 * is then, but no sooner than `intervalMs` and no later than `idleMs` after this one. A change
 * made on this instance that brings work forward calls `wake()`. So an idle server does not
 * query the database every second for nothing, while a deadline is still met to within
 * `intervalMs` of its moment, and work another instance left behind is found within `idleMs`.
 */
export class Poller<T> {
  private timer: NodeJS.Timeout | undefined;
  /** When the pending timer fires (Infinity: none). */
  private timerAt = Infinity;
  private running: Promise<T> | undefined;
  /** The run in flight and the scheduling after it: what `stop()` waits for. */
  private cycle: Promise<void> | undefined;
  private lastRunAt = -Infinity;
  /** A wake arrived during a run: look again right after it. */
  private wokenDuringRun = false;
  private started = false;
  private halted = false;

  constructor(
    private readonly name: string,
    private readonly timing: PollerTiming,
    private readonly run: () => Promise<T>,
    /** What a failed run answers (it is logged, never thrown). */
    private readonly onError: T,
    /** The earliest known moment (ms since the epoch) work falls due; null: none known. */
    private readonly nextDue: (result: T) => Promise<number | null> | number | null = () =>
      Date.now(),
  ) {}

  /** Whether `stop()` was called: a long run checks it between batches. */
  get stopped(): boolean {
    return this.halted;
  }

  start(): void {
    this.started = true;
    void this.tick();
  }

  async stop(): Promise<void> {
    this.halted = true;
    this.clearTimer();
    await this.cycle;
  }

  /**
   * Something on this instance may have brought work forward (due at `at`, default now): run
   * then, or `intervalMs` after the last run if that is later.
   */
  wake(at = Date.now()): void {
    if (this.halted || !this.started) return;
    if (this.running) {
      this.wokenDuringRun = true;
      return;
    }
    this.schedule(at);
  }

  /** Runs now (or joins the run in flight). */
  tick(): Promise<T> {
    if (this.halted) return Promise.resolve(this.onError);
    if (this.running) return this.running;
    this.clearTimer();
    this.lastRunAt = Date.now();
    this.wokenDuringRun = false;
    const running = this.run().catch((err: unknown) => {
      logger.error({ err }, `${this.name} failed`);
      return this.onError;
    });
    this.running = running;
    this.cycle = running.then(async (result) => {
      let due: number | null = null;
      try {
        if (!this.halted) due = await this.nextDue(result);
      } catch (err) {
        logger.error({ err }, `${this.name}: next due moment unknown`);
        due = Date.now();
      }
      // Also a wake that came while the next moment was being read: it may be sooner.
      if (this.wokenDuringRun) due = Date.now();
      this.running = undefined;
      this.cycle = undefined;
      if (this.started && !this.halted) this.schedule(due ?? Infinity);
    });
    return running;
  }

  /** Sets the timer for `at`, within [last run + intervalMs, now + idleMs], if that is sooner. */
  private schedule(at: number): void {
    const now = Date.now();
    const when = Math.min(
      Math.max(at, this.lastRunAt + this.timing.intervalMs),
      now + this.timing.idleMs,
    );
    if (when >= this.timerAt) return;
    this.clearTimer();
    this.timerAt = when;
    // setTimeout caps at 2^31-1 ms; idleMs is far below that.
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        void this.tick();
      },
      Math.max(0, when - now),
    );
    this.timer.unref();
  }

  private clearTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }
}
