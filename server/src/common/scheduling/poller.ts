import { logger } from '../logging/logger';

/**
 * A background sweep run every `intervalMs` and once at start, one run at a time per instance:
 * a slow run makes the next ticks share its promise instead of piling up. The work keeps its
 * state in the database (SKIP LOCKED and the like), so several instances may poll at once.
 * `stop()` waits for a run in flight, so shutdown never cuts one off.
 */
export class Poller<T> {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<T> | undefined;
  private halted = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly run: () => Promise<T>,
    /** What a failed run answers (it is logged, never thrown). */
    private readonly onError: T,
  ) {}

  /** Whether `stop()` was called: a long run checks it between batches. */
  get stopped(): boolean {
    return this.halted;
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    this.halted = true;
    clearInterval(this.timer);
    await this.running;
  }

  tick(): Promise<T> {
    if (this.halted) return Promise.resolve(this.onError);
    this.running ??= this.run()
      .catch((err: unknown) => {
        logger.error({ err }, `${this.name} failed`);
        return this.onError;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
