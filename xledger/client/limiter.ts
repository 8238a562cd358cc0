/**
 * Sliding-window request limiter (a log of send times). Pure apart from the injected clock, so it can be
 * tested without waiting. Xledger allows 20 requests per 5 s per token; the default window has a margin
 * because the server measures arrival times and the network jitters.
 */
export interface SlidingWindowOptions {
  max: number;
  windowMs: number;
  now?: () => number;
}

export type AcquireResult = { ok: true } | { ok: false; waitMs: number };

export class SlidingWindowLimiter {
  readonly max: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private readonly sent: number[] = [];

  constructor(options: SlidingWindowOptions) {
    if (!(options.max >= 1) || !(options.windowMs > 0)) throw new RangeError('limiter: max ≥ 1 and windowMs > 0');
    this.max = options.max;
    this.windowMs = options.windowMs;
    this.now = options.now ?? Date.now;
  }

  private prune(t: number): void {
    while (this.sent.length > 0 && this.sent[0]! <= t - this.windowMs) this.sent.shift();
  }

  /** Take a slot if one is free now; otherwise say how long until the oldest send leaves the window. */
  tryAcquire(): AcquireResult {
    const t = this.now();
    this.prune(t);
    if (this.sent.length < this.max) {
      this.sent.push(t);
      return { ok: true };
    }
    return { ok: false, waitMs: this.sent[0]! + this.windowMs - t };
  }

  /** Requests counted in the current window. */
  inWindow(): number {
    this.prune(this.now());
    return this.sent.length;
  }

  /** Wait (with the given sleep) until a slot is free and take it. */
  async acquire(sleep: (ms: number) => Promise<void>): Promise<void> {
    for (;;) {
      const r = this.tryAcquire();
      if (r.ok) return;
      await sleep(Math.max(1, r.waitMs));
    }
  }
}

/** Counting semaphore bounding requests in flight (Xledger also has a concurrency limit). */
export class Semaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('semaphore capacity must be ≥ 1');
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    // A finishing task hands its slot straight to the next waiter, so `active` never exceeds capacity.
    if (this.active >= this.capacity) await new Promise<void>((resolve) => this.waiters.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiters.shift();
      if (next) next();
      else this.active--;
    }
  }
}
