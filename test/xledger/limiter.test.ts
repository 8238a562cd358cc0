import { Semaphore, SlidingWindowLimiter } from '../../xledger/client/limiter';

describe('SlidingWindowLimiter', () => {
  it('allows max requests per window and says how long to wait', () => {
    let t = 1_000;
    const l = new SlidingWindowLimiter({ max: 20, windowMs: 5_000, now: () => t });
    for (let i = 0; i < 20; i++) {
      expect(l.tryAcquire().ok).toBe(true);
      t += 100; // 20 sends over 2 s
    }
    const denied = l.tryAcquire();
    expect(denied).toEqual({ ok: false, waitMs: 1_000 + 5_000 - t });
    t = 6_000; // the first send (t=1000) leaves the window exactly now
    expect(l.tryAcquire().ok).toBe(true);
    expect(l.tryAcquire().ok).toBe(false);
  });

  it('never lets more than max through in any window (simulated with acquire)', async () => {
    let t = 0;
    const l = new SlidingWindowLimiter({ max: 20, windowMs: 5_000, now: () => t });
    const sends: number[] = [];
    const sleep = async (ms: number) => {
      t += ms;
    };
    for (let i = 0; i < 100; i++) {
      await l.acquire(sleep);
      sends.push(t);
      t += 7; // a little work between requests
    }
    for (let i = 0; i + 20 < sends.length; i++) {
      expect(sends[i + 20]! - sends[i]!).toBeGreaterThanOrEqual(5_000);
    }
    // …and it is not needlessly slow: 100 requests need 4 full windows.
    expect(sends[99]! - sends[0]!).toBeLessThan(5 * 5_000);
  });

  it('validates its options', () => {
    expect(() => new SlidingWindowLimiter({ max: 0, windowMs: 1 })).toThrow(RangeError);
  });
});

describe('Semaphore', () => {
  it('caps concurrency and hands slots on in order', async () => {
    const s = new Semaphore(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (i: number) =>
      s.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        order.push(i);
        active--;
        return i;
      });
    const results = await Promise.all([0, 1, 2, 3, 4, 5].map(task));
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(order).toHaveLength(6);
  });

  it('releases the slot when the task throws', async () => {
    const s = new Semaphore(1);
    await expect(s.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(s.run(async () => 'next')).resolves.toBe('next');
  });
});
