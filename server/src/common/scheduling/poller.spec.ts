import { Poller } from './poller';

/** Lets the run's promise chain (run, nextDue, schedule) settle under fake timers. */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('Poller', () => {
  const timing = { intervalMs: 1_000, idleMs: 10_000 };
  let runs: number[];
  let due: number | null;
  let poller: Poller<number>;

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    runs = [];
    due = null;
    poller = new Poller(
      'test sweep',
      timing,
      () => {
        runs.push(Date.now() - 1_000_000);
        return Promise.resolve(runs.length);
      },
      -1,
      () => due,
    );
  });

  afterEach(async () => {
    await poller.stop();
    jest.useRealTimers();
  });

  it('runs at start, then waits the idle ceiling while nothing is due', async () => {
    poller.start();
    await settle();
    expect(runs).toEqual([0]);
    await jest.advanceTimersByTimeAsync(9_999);
    expect(runs).toEqual([0]);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([0, 10_000]);
  });

  it('runs when the next known work falls due, not later', async () => {
    due = 1_000_000 + 4_200;
    poller.start();
    await jest.advanceTimersByTimeAsync(4_199);
    expect(runs).toEqual([0]);
    due = null;
    await jest.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([0, 4_200]);
  });

  it('never runs sooner than the interval after the last run, even for overdue work', async () => {
    due = 0; // long past: e.g. a batch limit left work behind
    poller.start();
    await jest.advanceTimersByTimeAsync(3_000);
    expect(runs).toEqual([0, 1_000, 2_000, 3_000]);
  });

  it('a wake runs it soon, but within the interval of the last run only once', async () => {
    poller.start();
    await settle();
    await jest.advanceTimersByTimeAsync(5_000);
    poller.wake();
    poller.wake();
    await jest.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([0, 5_000]);
    poller.wake(); // right after a run: waits out the interval
    await jest.advanceTimersByTimeAsync(999);
    expect(runs).toEqual([0, 5_000]);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([0, 5_000, 6_000]);
  });

  it('a wake for a later moment moves the next run to then, not after it', async () => {
    poller.start();
    await settle();
    poller.wake(1_000_000 + 3_000);
    await jest.advanceTimersByTimeAsync(3_000);
    expect(runs).toEqual([0, 3_000]);
    poller.wake(1_000_000 + 60_000); // later than the idle ceiling: the ceiling wins
    await jest.advanceTimersByTimeAsync(10_000);
    expect(runs).toEqual([0, 3_000, 13_000]);
  });

  it('a wake during a run looks again an interval after it', async () => {
    let release!: () => void;
    const slow = new Poller(
      'slow sweep',
      timing,
      () => {
        runs.push(Date.now() - 1_000_000);
        return new Promise<number>((r) => (release = () => r(1)));
      },
      -1,
      () => null,
    );
    slow.start();
    slow.wake();
    release();
    await settle();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual([0, 1_000]);
    release();
    await slow.stop();
  });

  it('a wake while the next due moment is being read is not lost', async () => {
    let answer!: (due: number | null) => void;
    const slowDue = new Poller(
      'slow due',
      timing,
      () => {
        runs.push(Date.now() - 1_000_000);
        return Promise.resolve(1);
      },
      -1,
      () => new Promise<number | null>((r) => (answer = r)),
    );
    slowDue.start();
    await settle();
    slowDue.wake(); // the run is over, its next moment not read yet
    answer(null); // "nothing due": without the wake it would wait the idle ceiling
    await settle();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual([0, 1_000]);
    const stopping = slowDue.stop();
    answer(null);
    await stopping;
  });

  it('tick() joins the run in flight instead of starting another', async () => {
    let release!: () => void;
    let n = 0;
    const slow = new Poller(
      'slow sweep',
      timing,
      () => new Promise<number>((r) => (release = () => r(++n))),
      -1,
    );
    const a = slow.tick();
    const b = slow.tick();
    release();
    await expect(Promise.all([a, b])).resolves.toEqual([1, 1]);
    await slow.stop();
  });

  it('a failed run answers onError and is tried again after the interval', async () => {
    let fail = true;
    const flaky = new Poller(
      'flaky sweep',
      timing,
      () => {
        runs.push(Date.now() - 1_000_000);
        return fail ? Promise.reject(new Error('db down')) : Promise.resolve(1);
      },
      -1,
      () => {
        if (fail) throw new Error('db still down');
        return null;
      },
    );
    flaky.start();
    await settle();
    await expect(flaky.tick()).resolves.toBe(-1);
    fail = false;
    await jest.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual([0, 0, 1_000]);
    await jest.advanceTimersByTimeAsync(9_999);
    expect(runs).toEqual([0, 0, 1_000]);
    await flaky.stop();
  });

  it('stop() waits for the run in flight and nothing runs after it', async () => {
    let release!: () => void;
    let finished = false;
    const slow = new Poller(
      'slow sweep',
      timing,
      () =>
        new Promise<number>((r) => {
          release = () => {
            finished = true;
            r(1);
          };
        }),
      -1,
      () => 0,
    );
    slow.start();
    const stopped = slow.stop();
    release();
    await stopped;
    expect(finished).toBe(true);
    await jest.advanceTimersByTimeAsync(60_000);
    await expect(slow.tick()).resolves.toBe(-1);
  });

  it('without nextDue it keeps the plain interval', async () => {
    const plain = new Poller(
      'plain sweep',
      timing,
      () => {
        runs.push(Date.now() - 1_000_000);
        return Promise.resolve(1);
      },
      -1,
    );
    plain.start();
    await jest.advanceTimersByTimeAsync(2_000);
    expect(runs).toEqual([0, 1_000, 2_000]);
    await plain.stop();
  });
});
