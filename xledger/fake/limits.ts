import { SlidingWindowLimiter } from '../client/limiter';
import type { Knobs } from './types';

export type LimitVerdict =
  | { ok: true; release: () => void }
  | { ok: false; code: 'BAD_REQUEST.BURST_RATE_LIMIT_REACHED' | 'BAD_REQUEST.CONCURRENCY_LIMIT_REACHED'; message: string }
  | { ok: false; code: 'BAD_REQUEST.INSUFFICIENT_CREDITS'; message: string; resetAtMs: number };

/**
 * Per-token burst window, in-flight count and credit budget. Rejected requests do not use up the burst
 * window or credits (assumed).
 */
export class TokenLimits {
  private readonly burst = new Map<string, SlidingWindowLimiter>();
  private readonly inFlight = new Map<string, number>();
  private readonly credits = new Map<string, { used: number; windowStart: number }>();
  maxInFlightSeen = 0;

  constructor(private readonly now: () => number) {}

  reset(): void {
    this.burst.clear();
    this.inFlight.clear();
    this.credits.clear();
    this.maxInFlightSeen = 0;
  }

  admit(token: string, knobs: Knobs): LimitVerdict {
    const flying = this.inFlight.get(token) ?? 0;
    if (knobs.concurrencyLimit.enabled && flying >= knobs.concurrencyLimit.max) {
      return {
        ok: false,
        code: 'BAD_REQUEST.CONCURRENCY_LIMIT_REACHED',
        message: `Concurrency limit reached: at most ${knobs.concurrencyLimit.max} requests at a time per token.`,
      };
    }
    if (knobs.credits.enabled) {
      const t = this.now();
      let c = this.credits.get(token);
      if (!c || t >= c.windowStart + knobs.credits.windowMs) {
        c = { used: 0, windowStart: t };
        this.credits.set(token, c);
      }
      if (c.used >= knobs.credits.perWindow) {
        return {
          ok: false,
          code: 'BAD_REQUEST.INSUFFICIENT_CREDITS',
          message: 'Insufficient credits: the request quota for this period is used up.',
          resetAtMs: c.windowStart + knobs.credits.windowMs,
        };
      }
    }
    if (knobs.burstLimit.enabled) {
      let l = this.burst.get(token);
      if (!l || l.max !== knobs.burstLimit.max || l.windowMs !== knobs.burstLimit.windowMs) {
        l = new SlidingWindowLimiter({ max: knobs.burstLimit.max, windowMs: knobs.burstLimit.windowMs, now: this.now });
        this.burst.set(token, l);
      }
      if (!l.tryAcquire().ok) {
        return {
          ok: false,
          code: 'BAD_REQUEST.BURST_RATE_LIMIT_REACHED',
          message: `Burst rate limit reached: at most ${knobs.burstLimit.max} requests per ${knobs.burstLimit.windowMs / 1000} s.`,
        };
      }
    }
    if (knobs.credits.enabled) this.credits.get(token)!.used++;
    this.inFlight.set(token, flying + 1);
    this.maxInFlightSeen = Math.max(this.maxInFlightSeen, flying + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.inFlight.set(token, (this.inFlight.get(token) ?? 1) - 1);
      },
    };
  }
}
