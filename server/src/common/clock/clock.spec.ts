import { clock, ManualClock } from './clock';

describe('clock', () => {
  it('is the real time, and lets SQL stamp, when nothing is simulated', () => {
    const before = Date.now();
    const now = clock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
    expect(clock.simulated()).toBeNull();
    expect(clock.stamp()).toBeUndefined();
  });

  it('follows a manual clock through awaits, only inside its run', async () => {
    const past = new Date('2025-01-01T10:00:00Z');
    const manual = new ManualClock(past);
    const seen = await clock.run(manual, async () => {
      const a = clock.now().toISOString();
      await new Promise((r) => setImmediate(r));
      manual.advance(3_600_000);
      const b = clock.simulated()?.toISOString();
      const c = await new Promise<string | undefined>((r) =>
        setTimeout(() => r(clock.stamp()?.toISOString()), 1),
      );
      return [a, b, c];
    });
    expect(seen).toEqual([
      '2025-01-01T10:00:00.000Z',
      '2025-01-01T11:00:00.000Z',
      '2025-01-01T11:00:00.000Z',
    ]);
    expect(clock.simulated()).toBeNull();
  });

  it('keeps concurrent runs apart', async () => {
    const a = new ManualClock(new Date('2025-01-01T00:00:00Z'));
    const b = new ManualClock(new Date('2026-01-01T00:00:00Z'));
    const read = async () => {
      await new Promise((r) => setTimeout(r, 2));
      return clock.now().getUTCFullYear();
    };
    const [ya, yb, real] = await Promise.all([clock.run(a, read), clock.run(b, read), read()]);
    expect([ya, yb]).toEqual([2025, 2026]);
    expect(real).toBe(new Date().getUTCFullYear());
  });
});
