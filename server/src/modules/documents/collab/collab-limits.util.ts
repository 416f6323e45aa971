/**
 * Limits of the collaboration socket as small, synchronous, instance-local parts (no I/O):
 * the pre-authentication gate and a token bucket. Synchronous on purpose: a socket's frames must
 * be handled in arrival order, which an awaited limiter would break.
 */

/** What the collaboration limits did, for tests and metrics (one per CollabService). */
export interface CollabCounters {
  /** Frames handled from attached sockets. */
  frames: number;
  /** Awareness messages or queries dropped by the rate limits. */
  awarenessDropped: number;
  /** Document updates dropped by the per-user write limits (the client is resynced). */
  updatesDropped: number;
}

export const newCollabCounters = (): CollabCounters => ({
  frames: 0,
  awarenessDropped: 0,
  updatesDropped: 0,
});

export interface PreAuthLimits {
  /** Bytes one socket may deliver before it is authenticated (or after it was refused). */
  maxBytesPerSocket: number;
  /** Bytes all such sockets together may deliver. */
  budgetBytes: number;
  /** Sockets one client address may have authenticating at once. */
  maxPerAddress: number;
}

/**
 * Bounds what unauthenticated `/collab/*` sockets can make the server hold: how many one address
 * may have open, and how many bytes they may deliver, each and together. The gateway pauses a
 * socket until it is authenticated, so an honest client delivers next to nothing here; what is
 * counted is data an attacker pipelines with the upgrade or sends after being refused.
 */
export class PreAuthGate {
  private bytes = 0;
  private sockets = 0;
  private readonly perAddress = new Map<string, number>();

  constructor(readonly limits: PreAuthLimits) {}

  /** A ticket for a new socket from `address`, or null when that address has too many. */
  admit(address: string): PreAuthTicket | null {
    const n = this.perAddress.get(address) ?? 0;
    if (n >= this.limits.maxPerAddress) return null;
    this.perAddress.set(address, n + 1);
    this.sockets++;
    return new PreAuthTicket(this, address);
  }

  stats(): { sockets: number; bytes: number; addresses: number } {
    return { sockets: this.sockets, bytes: this.bytes, addresses: this.perAddress.size };
  }

  /** @internal */
  charge(n: number): boolean {
    this.bytes += n;
    return this.bytes <= this.limits.budgetBytes;
  }

  /** @internal */
  release(address: string, bytes: number): void {
    this.bytes -= bytes;
    this.sockets--;
    const n = (this.perAddress.get(address) ?? 1) - 1;
    if (n <= 0) this.perAddress.delete(address);
    else this.perAddress.set(address, n);
  }
}

export class PreAuthTicket {
  private bytes = 0;
  private settled = false;

  constructor(
    private readonly gate: PreAuthGate,
    readonly address: string,
  ) {}

  /** Counts `n` bytes read; false when this socket or all of them went over their limit. */
  charge(n: number): boolean {
    if (this.settled) return true;
    this.bytes += n;
    const withinBudget = this.gate.charge(n);
    return withinBudget && this.bytes <= this.gate.limits.maxBytesPerSocket;
  }

  get active(): boolean {
    return !this.settled;
  }

  /** Authenticated or closed: gives back its bytes and its address slot. Idempotent. */
  settle(): void {
    if (this.settled) return;
    this.settled = true;
    this.gate.release(this.address, this.bytes);
  }
}

/**
 * A token bucket: `ratePerSecond` tokens flow in, at most `burst` are kept. `take` lets a cost
 * larger than the burst through when the bucket is full (a single large but legitimate frame
 * must pass once), leaving the bucket in debt.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
  }

  take(cost = 1): boolean {
    this.refill();
    if (this.tokens >= cost || this.tokens >= this.burst) {
      this.tokens -= cost;
      return true;
    }
    return false;
  }

  /** Milliseconds until `cost` can be taken (0 if now). */
  waitMs(cost = 1): number {
    this.refill();
    const needed = Math.min(cost, this.burst) - this.tokens;
    return needed <= 0 ? 0 : Math.ceil((needed / this.ratePerSecond) * 1000);
  }
}
