import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './failoverRouter.demo';

afterEach(() => vi.restoreAllMocks());

describe('the failover router demo', () => {
  it('splits 80/20, ignores isolated misses, keeps routing to us-east until it leaves 35 s into a failure, returns its traffic only after two good probes in a row, fails static, and shows what a 20% region and a 30% standby leave unserved', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    // 1,000 requests at i / 1,000: those below 0.8 (i = 0..799) go to us-east, the other 200 (0.8 itself included) to eu-west.
    expect(result.healthy).toEqual({ 'us-east': 800, 'eu-west': 200 });
    // Miss, miss, good, miss, miss: the good probe resets the count, so at most 2 failures in a row, below 3.
    expect(result.keptAfterIsolatedMisses).toBe(true);
    // Probes sent at 10, 20 and 30 s; the third failure is recorded when its timeout ends: 30 + 5 = 35 s, or 30 s with no timeout.
    expect(result.outAfterSeconds).toEqual({ timeout5s: 35, refusedAtOnce: 30 });
    expect(result.duringFailover).toEqual({ 'us-east': 0, 'eu-west': 1000 });
    // Good (1 in a row), missed (resets to 0), good (1), good (2 = healthyAfter): us-east gets its 800 back only after the 4th probe.
    expect(result.recovery).toEqual([0, 0, 0, 800]);
    // Both regions out: every request fails static on the normal 80/20 weights.
    expect(result.failStatic).toEqual({ requests: 1000, counts: { 'us-east': 800, 'eu-west': 200 } });
    // Peak 10,000 rps: a 2,000 rps eu-west leaves 10,000 - 2,000 = 8,000; a 10,000 rps one leaves 0; a 3,000 rps standby leaves 7,000.
    expect(result.unservedRps).toEqual({ euWestSizedForShare: 8000, euWestSizedAsPrimary: 0, standbyAt30Percent: 7000 });
    // The standby (weight 0) is the only healthy region left, so it takes the whole share: 1, not NaN.
    expect(result.standbyShare).toBe(1);
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toHaveLength(9);
    expect(lines).toContain('us-east misses 2 probes, answers 1, misses 2 more: still in the pool, 800 to us-east, 200 to eu-west');
    expect(lines).toContain(
      'us-east fails just after a good probe at t=0: it leaves the pool at t=35 s with 5 s probe timeouts, t=30 s if probes are refused at once, as detectionSeconds computes',
    );
    expect(lines).toContain('until then us-east, still in the pool after 2 failed probes, takes 800 of every 1,000 requests, and they see errors');
    expect(lines).toContain('after 3 failures in a row: 0 to us-east, 1,000 to eu-west');
    expect(lines).toContain('us-east recovers but flaps; its requests of 1,000 after a good probe: 0, a missed one: 0, a good one: 0, a second good one in a row: 800');
    expect(lines).toContain('every health check fails: the router fails static on normal weights, 800 to us-east, 200 to eu-west');
    expect(lines).toContain('at an assumed peak of 10,000 rps, us-east lost: eu-west sized for its 20% (2,000 rps) leaves 8,000 rps unserved; sized as a primary (10,000 rps), 0');
    expect(lines).toContain(
      'active-passive, eu-west standby at 30% (3,000 rps): it gets 0 of 1,000 requests, 1,000 (a 100% share) once us-east is out, but 7,000 rps (70%) go unserved until it scales up',
    );
  });
});
