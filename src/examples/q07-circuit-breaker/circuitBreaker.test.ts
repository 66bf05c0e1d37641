import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallerError, CallTimeoutError, CircuitBreaker, CircuitOpenError, isCallerError, type BreakerOptions } from './circuitBreaker';
import { seeded } from '../../lib/seededRandom';

afterEach(() => vi.restoreAllMocks());

class BadRequest extends Error {}

/** An error as an HTTP client raises it, with the response status. */
const httpError = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });

function setup(overrides: Partial<BreakerOptions> = {}) {
  const clock = { t: 0 };
  const breaker = new CircuitBreaker({
    windowMs: 10_000,
    minimumCalls: 20,
    failureRateThreshold: 0.2,
    openMs: 5_000,
    halfOpenProbes: 3,
    callTimeoutMs: 1_000,
    isCallerError: (e) => e instanceof BadRequest,
    now: () => clock.t,
    ...overrides,
  });
  return { clock, breaker };
}

const ok = () => Promise.resolve('ok');
const fail = () => Promise.reject(new Error('model server 503'));

async function calls(breaker: CircuitBreaker, n: number, call: () => Promise<string>): Promise<void> {
  for (let i = 0; i < n; i++) await breaker.execute(call).catch(() => undefined);
}

describe('CircuitBreaker while closed', () => {
  it('stays closed below the minimum call count, even when every call fails', async () => {
    const { breaker } = setup();
    await calls(breaker, 19, fail);
    expect(breaker.current).toBe('closed');
    expect(breaker.failureRate()).toBeUndefined();
  });

  it('opens when failures reach 20% of the calls in the window (4 of 20)', async () => {
    const { breaker } = setup();
    await calls(breaker, 16, ok);
    await calls(breaker, 3, fail);
    expect(breaker.current).toBe('closed');
    await calls(breaker, 1, fail);
    expect(breaker.current).toBe('open');
  });

  it('treats the rate as a ratio: 3 failures in 1,000 calls keep it closed', async () => {
    const { breaker } = setup();
    await calls(breaker, 997, ok);
    await calls(breaker, 3, fail);
    // "3 failures / 10 s window" = 0.3 per second, which a naive check reads as 30%.
    expect(breaker.failureRate()).toBeCloseTo(0.003);
    expect(breaker.current).toBe('closed');
  });

  it('forgets outcomes older than the window', async () => {
    const { clock, breaker } = setup();
    await calls(breaker, 16, ok);
    await calls(breaker, 3, fail);
    clock.t = 10_001;
    await calls(breaker, 1, fail);
    expect(breaker.failureRate()).toBeUndefined(); // Only one recent call: too few to judge.
    expect(breaker.current).toBe('closed');
  });

  it('does not count invalid input against the model', async () => {
    const { breaker } = setup();
    await calls(breaker, 30, () => Promise.reject(new BadRequest('schema mismatch')));
    expect(breaker.current).toBe('closed');
    expect(breaker.failureRate()).toBeUndefined(); // not calls the model failed, nor ones it served
  });

  it("by default treats only a CallerError, a 400, a 413 and a 422 as the caller's fault", async () => {
    const { breaker } = setup({ isCallerError: undefined });
    await calls(breaker, 25, () => Promise.reject(new CallerError('age must be a number')));
    await calls(breaker, 25, () => Promise.reject(httpError(422)));
    // One client sending oversized inputs must not open the breaker for everyone.
    await calls(breaker, 25, () => Promise.reject(httpError(413)));
    expect(breaker.current).toBe('closed');
    expect([400, 413, 422].map((s) => isCallerError(httpError(s)))).toEqual([true, true, true]);
    // 401, 403 and 404 from a model server mean a wrong key, route or model name: our misconfiguration.
    expect([401, 403, 404, 408, 429, 500, 503].map((s) => isCallerError(httpError(s)))).toEqual([false, false, false, false, false, false, false]);
    expect(isCallerError(new Error('socket hang up'))).toBe(false);
  });

  it('opens on a run of 404s: a model server that lost its model is down, whatever the status class', async () => {
    const { breaker } = setup({ isCallerError: undefined });
    await calls(breaker, 50, () => Promise.reject(httpError(404)));
    expect(breaker.current).toBe('open');
  });

  it('counts an error as a failure when the classifier itself throws, and re-throws the original error', async () => {
    const { breaker } = setup({
      minimumCalls: 5,
      isCallerError: () => {
        throw new TypeError('classifier bug');
      },
    });
    await expect(breaker.execute(fail)).rejects.toThrow('model server 503');
    await calls(breaker, 4, fail);
    expect(breaker.current).toBe('open');
  });

  it('does not let invalid input dilute the failure ratio: 4 failures in 16 model calls open it, whatever the bad requests in between', async () => {
    const { breaker } = setup({ minimumCalls: 16 });
    await calls(breaker, 12, ok);
    await calls(breaker, 20, () => Promise.reject(new BadRequest('schema mismatch')));
    await calls(breaker, 4, fail);
    expect(breaker.current).toBe('open'); // counting the 20 as successes would read 4 / 36 = 11%
  });
});

describe('CircuitBreaker while open and half-open', () => {
  async function opened() {
    const s = setup({ minimumCalls: 5 });
    await calls(s.breaker, 5, fail);
    expect(s.breaker.current).toBe('open');
    return s;
  }

  it('fails fast without calling the model, and says when to retry', async () => {
    const { clock, breaker } = await opened();
    clock.t = 1_000;
    let called = false;
    const attempt = breaker.execute(() => ((called = true), ok()));
    await expect(attempt).rejects.toBeInstanceOf(CircuitOpenError);
    await expect(attempt).rejects.toMatchObject({ retryAfterMs: 4_000 });
    expect(called).toBe(false);
  });

  it('goes half-open after the open period and admits only the configured probes', async () => {
    const { clock, breaker } = await opened();
    clock.t = 5_000;
    expect(breaker.current).toBe('half-open');
    const release: (() => void)[] = [];
    const slow = () => new Promise<string>((resolve) => release.push(() => resolve('ok')));
    const probes = [breaker.execute(slow), breaker.execute(slow), breaker.execute(slow)];
    await expect(breaker.execute(ok)).rejects.toBeInstanceOf(CircuitOpenError);
    release.forEach((r) => r());
    await Promise.all(probes);
    expect(breaker.current).toBe('closed');
  });

  it('frees the half-open probe slot when the classifier throws, so the breaker can still recover', async () => {
    let classifierBroken = true;
    const { clock, breaker } = setup({
      minimumCalls: 5,
      halfOpenProbes: 1,
      isCallerError: () => {
        if (classifierBroken) throw new TypeError('classifier bug');
        return false;
      },
    });
    await calls(breaker, 5, fail);
    clock.t = 5_000;
    await expect(breaker.execute(fail)).rejects.toThrow('model server 503');
    expect(breaker.current).toBe('open'); // the probe counted as a failure, not a leaked slot
    classifierBroken = false;
    clock.t = 10_000;
    await expect(breaker.execute(ok)).resolves.toBe('ok');
    expect(breaker.current).toBe('closed');
  });

  it("does not close on probes that ended in a caller's error: only real answers count", async () => {
    const { clock, breaker } = await opened();
    clock.t = 5_000;
    await calls(breaker, 3, () => Promise.reject(new BadRequest('schema mismatch')));
    expect(breaker.current).toBe('half-open');
    await calls(breaker, 1, fail); // the model is still down, and the next real answer says so
    expect(breaker.current).toBe('open');
  });

  it('reopens on a failed probe and restarts the open period', async () => {
    const { clock, breaker } = await opened();
    clock.t = 6_000;
    await calls(breaker, 1, ok);
    await calls(breaker, 1, fail);
    expect(breaker.current).toBe('open');
    clock.t = 10_999;
    expect(breaker.current).toBe('open');
    clock.t = 11_000;
    expect(breaker.current).toBe('half-open');
  });

  it('starts closed with a clean window, so old failures cannot reopen it', async () => {
    const { clock, breaker } = await opened();
    clock.t = 5_000;
    await calls(breaker, 3, ok);
    expect(breaker.current).toBe('closed');
    await calls(breaker, 4, fail);
    expect(breaker.current).toBe('closed'); // 4 calls < minimumCalls of 5.
  });

  it('lets a slow call admitted while closed not decide a later half-open state', async () => {
    const { clock, breaker } = setup({ minimumCalls: 5, halfOpenProbes: 1 });
    let release!: () => void;
    const slow = breaker.execute(() => new Promise<string>((resolve) => (release = () => resolve('ok'))));
    await calls(breaker, 5, fail);
    clock.t = 5_000;
    expect(breaker.current).toBe('half-open');
    release();
    await slow;
    expect(breaker.current).toBe('half-open'); // an answer to a call made before the outage says nothing about now
  });

  it('tells a caller refused a probe slot to retry after one call timeout, the longest a probe can take', async () => {
    const { clock, breaker } = await opened();
    clock.t = 5_000;
    const release: (() => void)[] = [];
    const slow = () => new Promise<string>((resolve) => release.push(() => resolve('ok')));
    const probes = [breaker.execute(slow), breaker.execute(slow), breaker.execute(slow)];
    await expect(breaker.execute(ok)).rejects.toMatchObject({ retryAfterMs: 1_000 }); // not 0, which invites a hot loop
    release.forEach((r) => r());
    await Promise.all(probes);
  });

  it('rejects a threshold given as a percentage instead of a ratio', () => {
    expect(() => setup({ failureRateThreshold: 20 })).toThrow(RangeError);
  });

  it('rejects a threshold, minimum call count or probe count that is missing or NaN, e.g. from an unset environment variable', () => {
    // A NaN threshold would keep the breaker closed through 100 failures in 100 calls.
    expect(() => setup({ failureRateThreshold: Number(undefined) })).toThrow(/failureRateThreshold is a ratio in \(0, 1\], got NaN/);
    expect(() => setup({ failureRateThreshold: 0 })).toThrow(RangeError);
    expect(() => setup({ minimumCalls: Number.NaN })).toThrow(/minimumCalls must be an integer >= 1, got NaN/);
    expect(() => setup({ minimumCalls: 2.5 })).toThrow(RangeError);
    expect(() => setup({ halfOpenProbes: Number.NaN })).toThrow(/halfOpenProbes must be an integer >= 1, got NaN/);
    expect(() => setup({ failureRateThreshold: 1, minimumCalls: 1, halfOpenProbes: 1 })).not.toThrow();
  });

  it('rejects a window or open period that is NaN, not positive or past 2^31 - 1 ms, since a NaN open period never ends', () => {
    // An unset OPEN_MS through Number(): `elapsed >= NaN` is never true, so the breaker would fail fast for ever.
    expect(() => setup({ openMs: Number(undefined) })).toThrow(new RangeError('openMs must be a positive number of ms up to 2147483647, got NaN'));
    expect(() => setup({ openMs: 0 })).toThrow(RangeError);
    expect(() => setup({ openMs: -5_000 })).toThrow(RangeError);
    expect(() => setup({ openMs: 2 ** 31 })).toThrow(RangeError); // a caller waiting retryAfterMs with setTimeout would retry at once
    // A NaN window forgets every outcome at once, so the breaker never opens.
    expect(() => setup({ windowMs: Number.NaN })).toThrow(new RangeError('windowMs must be a positive finite number of ms, got NaN'));
    expect(() => setup({ windowMs: 0 })).toThrow(RangeError);
    expect(() => setup({ windowMs: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => setup({ windowMs: 1, openMs: 2 ** 31 - 1 })).not.toThrow();
  });

  it('rejects a call timeout that is NaN, not positive or past 2^31 - 1 ms, since without one a hung probe never ends', () => {
    expect(() => setup({ callTimeoutMs: Number(undefined) })).toThrow(new RangeError('callTimeoutMs must be a positive number of ms up to 2147483647, got NaN'));
    expect(() => setup({ callTimeoutMs: 0 })).toThrow(RangeError);
    expect(() => setup({ callTimeoutMs: 2 ** 31 })).toThrow(RangeError);
  });
});

describe('CircuitBreaker call timeouts', () => {
  const hang = () => new Promise<string>(() => undefined);

  it('times out a probe that never answers as a failure, so the breaker cannot stay half-open', async () => {
    const { clock, breaker } = setup({ minimumCalls: 5, halfOpenProbes: 1, callTimeoutMs: 20 });
    await calls(breaker, 5, fail);
    clock.t = 5_000;
    await expect(breaker.execute(hang)).rejects.toBeInstanceOf(CallTimeoutError);
    expect(breaker.current).toBe('open');
    clock.t = 10_000;
    await expect(breaker.execute(ok)).resolves.toBe('ok');
    expect(breaker.current).toBe('closed');
  });

  it('counts calls that outlive the timeout as failures, so a hung model opens the breaker', async () => {
    const { breaker } = setup({ minimumCalls: 5, callTimeoutMs: 20 });
    await Promise.all([1, 2, 3, 4, 5].map(() => breaker.execute(hang).catch(() => undefined)));
    expect(breaker.current).toBe('open');
  });

  it('aborts the signal it gave the call that timed out, so the request can be cancelled', async () => {
    const { breaker } = setup({ callTimeoutMs: 20 });
    let signal: AbortSignal | undefined;
    await breaker.execute((s) => ((signal = s), hang())).catch(() => undefined);
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBeInstanceOf(CallTimeoutError);
  });
});

describe('CircuitBreaker clock and cost', () => {
  it('reads a monotonic clock, performance.now(), when none is injected', async () => {
    const now = vi.spyOn(performance, 'now').mockReturnValue(1_000);
    const { breaker } = setup({ minimumCalls: 5, now: undefined });
    await calls(breaker, 5, fail);
    now.mockReturnValue(3_000);
    await expect(breaker.execute(ok)).rejects.toMatchObject({ retryAfterMs: 3_000 });
  });

  it('forgets outcomes older than the window: what it keeps never exceeds twice the calls the window holds', async () => {
    // 10 ms apart in a 10 s window: 1,000 calls in the window at any time. Counts are kept running, not recounted per call.
    const { clock, breaker } = setup({ windowMs: 10_000, minimumCalls: 1_000 });
    let largest = 0;
    for (let i = 0; i < 30_000; i++, clock.t += 10) {
      await breaker.execute(ok);
      largest = Math.max(largest, (breaker as unknown as { outcomes: unknown[] }).outcomes.length);
    }
    expect(largest).toBeGreaterThanOrEqual(1_000);
    expect(largest).toBeLessThanOrEqual(2_002);
  });
});

describe('CircuitBreaker at low traffic and under chance bunching (the figures on the page)', () => {
  /** A model failing at `errorRate`, called `perSecond` times a second for `hours`; returns how often the breaker opened. */
  async function simulate(run: { perSecond: number; arrivals: 'even' | 'poisson'; hours: number; errorRate: number }) {
    const random = seeded(1);
    const { clock, breaker } = setup(); // 20% of at least 20 calls in 10 s, open for 5 s, 3 probes
    let opens = 0;
    let failedFast = 0;
    let calls = 0;
    while (clock.t < run.hours * 3_600_000) {
      const before = breaker.current;
      await breaker.execute(random() < run.errorRate ? fail : ok).catch((e: unknown) => void (e instanceof CircuitOpenError && failedFast++));
      if (before !== 'open' && breaker.current === 'open') opens++;
      calls++;
      const gapMs = 1_000 / run.perSecond;
      clock.t += run.arrivals === 'even' ? gapMs : -Math.log(1 - random()) * gapMs; // Poisson: exponential gaps
    }
    return { opensPerHour: opens / run.hours, failedFastShare: failedFast / calls };
  }

  it('opens about 17 times an hour at a steady 5% error rate and 2 evenly spaced calls/s, failing 2% of calls fast', async () => {
    const { opensPerHour, failedFastShare } = await simulate({ perSecond: 2, arrivals: 'even', hours: 20, errorRate: 0.05 });
    expect(opensPerHour).toBeGreaterThan(15); // 4 failures in 20 have a 1.6% chance, and every call is a new judgement
    expect(opensPerHour).toBeLessThan(19);
    expect(failedFastShare).toBeGreaterThan(0.015);
    expect(failedFastShare).toBeLessThan(0.025);
  });

  it('opens 7-8 times an hour with Poisson arrivals at 2/s, whose windows often hold too few calls to judge', async () => {
    const { opensPerHour, failedFastShare } = await simulate({ perSecond: 2, arrivals: 'poisson', hours: 20, errorRate: 0.05 });
    expect(opensPerHour).toBeGreaterThan(6);
    expect(opensPerHour).toBeLessThan(9.5);
    expect(failedFastShare).toBeGreaterThan(0.007);
    expect(failedFastShare).toBeLessThan(0.015);
  });

  it('at 0.5 calls/s, with the window lengthened to 120 s (60 calls) and minimumCalls 40, opens within 30 s of an outage', async () => {
    const { clock, breaker } = setup({ windowMs: 120_000, minimumCalls: 40 });
    const random = seeded(1);
    for (; clock.t < 1_800_000; clock.t += 2_000) await breaker.execute(random() < 0.05 ? fail : ok).catch(() => undefined);
    expect(breaker.current).toBe('closed'); // half an hour at a 5% error rate
    const outageAt = clock.t;
    for (; breaker.current !== 'open'; clock.t += 2_000) await breaker.execute(fail).catch(() => undefined);
    expect(clock.t - outageAt).toBeLessThanOrEqual(30_000); // 12 failures in 60 reach 20%
  });

  it('never opens below minimumCalls per window of evenly spaced traffic, even when every call fails', async () => {
    expect((await simulate({ perSecond: 1.5, arrivals: 'even', hours: 1, errorRate: 1 })).opensPerHour).toBe(0);
    expect((await simulate({ perSecond: 2, arrivals: 'even', hours: 1, errorRate: 1 })).opensPerHour).toBeGreaterThan(0);
  });
});
