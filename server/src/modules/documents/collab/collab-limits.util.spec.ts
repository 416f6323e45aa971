import { PreAuthGate, TokenBucket } from './collab-limits.util';

describe('PreAuthGate', () => {
  const gate = () =>
    new PreAuthGate({ maxBytesPerSocket: 100, budgetBytes: 250, maxPerAddress: 2 });

  it('admits at most maxPerAddress sockets per address, and again once one settles', () => {
    const g = gate();
    const a = g.admit('a')!;
    expect(g.admit('a')).not.toBeNull();
    expect(g.admit('a')).toBeNull();
    expect(g.admit('b')).not.toBeNull();
    a.settle();
    a.settle(); // idempotent
    expect(g.admit('a')).not.toBeNull();
    expect(g.stats()).toEqual({ sockets: 3, bytes: 0, addresses: 2 });
  });

  it('cuts a socket over its own limit and any socket once the budget is spent', () => {
    const g = gate();
    const [a, b, c] = [g.admit('a')!, g.admit('b')!, g.admit('c')!];
    expect(a.charge(100)).toBe(true);
    expect(a.charge(1)).toBe(false);
    expect(b.charge(100)).toBe(true);
    expect(c.charge(60)).toBe(false); // 261 > 250
    expect(g.stats().bytes).toBe(261);
    a.settle();
    b.settle();
    c.settle();
    expect(g.stats()).toEqual({ sockets: 0, bytes: 0, addresses: 0 });
    expect(a.charge(1_000)).toBe(true); // settled: no longer counted
  });
});

describe('TokenBucket', () => {
  it('refills at its rate up to the burst and lets one oversized cost through when full', () => {
    let now = 0;
    const b = new TokenBucket(10, 20, () => now);
    expect(b.take(15)).toBe(true);
    expect(b.take(10)).toBe(false);
    expect(b.waitMs(10)).toBe(500);
    now = 500;
    expect(b.take(10)).toBe(true);
    now = 10_000;
    expect(b.take(50)).toBe(true); // full: a single large cost passes, leaving debt
    expect(b.take(1)).toBe(false);
    expect(b.waitMs(1)).toBe(3_100);
  });
});
