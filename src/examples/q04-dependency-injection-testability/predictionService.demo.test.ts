import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './predictionService.demo';

afterEach(() => vi.restoreAllMocks());

describe('the prediction service demo', () => {
  it('fails only the request before a 2.5 s load, never starts with one 2 s limit, reloads in the background, refuses a NaN version and serves a stale copy until 10 minutes', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    // The request gives up at its 2 s deadline; the 2.5 s load goes on under its 60 s limit and serves the next one.
    expect(result.coldStart).toEqual({ failedAfterMs: 2_000, nextAnswer: '0.82 by fraud-v7', storeLoads: 1 });
    // With the load also cut at 2 s, no 2.5 s load ever lands: three requests, three loads, three failures.
    expect(result.oneLimitForBoth).toEqual({ failed: 3, storeLoads: 3, lastLoadAborted: 'LoadTimeoutError: the store did not answer within 2,000 ms' });
    // Five requests on a 60 s old copy share one background reload, which brings fraud-v8 2.5 s later.
    expect(result.reloadStoreLoads).toBe(1);
    expect(result.afterReload).toBe('0.4 by fraud-v8');
    expect(result.afterBrokenRelease).toBe('0.4 by fraud-v8');
    // fraud-v8 was handed over at 65 s; requests come when it is 2, 3, ... minutes old. At 605 s it is 540 s old, served;
    // at 665 s it is 600 s old, at the limit, so the request waits, and gives up after 2 s. fraud-v9's reload started at
    // 125 s and failed at 127.5 s, pausing reloads until 187.5 s; each later reload fails 2.5 s after it starts and
    // pauses them 60 s from then. So the store is asked at 245, 365, 485 and 605 s (the requests at 185, 305, 425 and
    // 545 s fall inside a pause), and by the waiting request at 665 s: five times.
    expect(result.outage).toEqual({ servedUntilMs: 605_000, storeLoads: 5, failedAtMs: 665_000, failedAfterMs: 2_000 });
    // fraud-v7: the answer at 2.5 s and the five at 62.5 s; fraud-v8: 65 s, 125 s and 127.5 s, then
    // the eight outage requests from 185 s to 605 s.
    expect(result.versionsLogged).toEqual([...Array<string>(6).fill('fraud-v7'), ...Array<string>(11).fill('fraud-v8')]);
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain(
      't=0 s, cold, the store needs 2.5 s: after 2 s the request failed: "model fraud could not be loaded (no model within the request\'s 2,000 ms; the load carries on) and no copy is cached"',
    );
    expect(lines).toContain('t=2.5 s: the load it joined went on and filled the cache: the next request is answered at once, 0.82 by fraud-v7; the store was asked 1 time');
    expect(lines).toContain(
      'one 2 s limit for both: 3 of 3 requests failed, the store was asked 3 times, the last load aborted (LoadTimeoutError: the store did not answer within 2,000 ms): a cold service never starts',
    );
    expect(lines).toContain('t=62.5 s, copy 60 s old: 5 requests answered at once (0.82 by fraud-v7); reloads started: 1');
    expect(lines).toContain(
      't=127.5 s, the reload brought fraud-v9: logged warn model.reload_failed_serving_stale (InvalidPredictionError: model fraud (fraud-v9) returned NaN, expected a probability in [0, 1]); answered 0.4 by fraud-v8',
    );
    expect(lines).toContain('storage down from t=127.5 s: answered from the cache up to t=605 s; the store was asked 5 times');
    expect(lines).toContain(
      't=665 s: after 2 s the request failed: "model fraud could not be loaded (no model within the request\'s 2,000 ms; the load carries on) and the cached copy is 600,000 ms old, too old to serve"',
    );
  });
});
