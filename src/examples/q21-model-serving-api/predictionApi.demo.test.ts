import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './predictionApi.demo';

afterEach(() => vi.restoreAllMocks());

describe('the model-serving API demo', () => {
  it('rejects a misspelled field, replays a retried key after two store round trips, scopes keys per client, answers 422, 409 and 503 where the page says, frees keys after the lease and the retention, and drops an answer that outlived its lease', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    expect(result.statuses).toEqual({
      k0: ['400'], // "treshold" is not a v2 field
      // Run, replayed, other payload, replayed at 23 h, run again at 25 h (24 h retention).
      k1: ['200', '200 replayed', '422', '200 replayed', '200'],
      'app:k1': ['200'], // the same key from another client is another key
      k2: ['409', '200'], // the retry arrives while the first call holds the key; then the first call answers
      k3: ['503', '200'], // the failed call freed its key, so the retry runs
      // The stalled call's reservation holds for 60 s - 1 ms and is gone at 60 s, when the retry runs; the stalled call
      // returns at 60 s = its lease's end, so its answer is dropped (503) and the next retry replays the 60 s answer.
      k4: ['409', '200', '503', '200 replayed'],
    });
    // k1 at 0 h, app's k1, k2, k3 failing and its retry, the stalled k4 call and its retry at 60 s, k1 at 25 h: 8;
    // 400, 422, 409 and replays call nothing.
    expect(result.modelCalls).toBe(8);
    expect(result.roundTrips).toEqual({ first: ['reserve', 'set'], retry: ['reserve', 'get'] });
    // '["shop","k1"]' is 13 B; {"fingerprint": 64 hex characters, "expiresAt":176400000 (25 h + 24 h in ms), "response":
    // {"status":200,"body":{"apiVersion":"v2","modelVersion":"fraud-7","score":0.4,"label":true}}} is 207 B.
    expect(result.entryBytes).toBe(220);
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('POST /v2/predict with "treshold": 400 {"error":"invalid request","details":["treshold: unknown field"]}; the model ran 0 times');
    // Score (0.2 + 0.5 + 0.3 + 0.6) / 4 = 0.4: true at threshold 0.3, false at 0.5.
    expect(lines).toContain(
      'key k1, threshold 0.3: 200 {"apiVersion":"v2","modelVersion":"fraud-7","score":0.4,"label":true} after 2 store round trips (reserve, set); on the 0.5 default the label would be false',
    );
    expect(lines).toContain('the response is lost; the retry, its fields in another order: 200 replayed, the same body, the model ran 0 times, 2 round trips (reserve, get)');
    expect(lines).toContain('key k1 with other features: 422 {"error":"idempotency key was already used with a different payload"}; the model ran 0 times');
    expect(lines).toContain('key k2 retried while its first call runs: 409 {"error":"a request with this idempotency key is still in progress"}; the first call then answers 200');
    expect(lines).toContain('key k3, the model fails: 503 {"error":"model unavailable, retry with the same key"}; the retry: 200, the model ran 1 time');
    expect(lines).toContain('client "app" sending key k1 with those features: 200, the model ran 1 time (keys are scoped per client)');
    expect(lines).toContain('key k4, its call stalls: a retry 59,999 ms later gets 409; at 60 s, 200, the model ran 1 time');
    expect(lines).toContain(
      'the stalled call then returns, also at 60 s: 503 {"error":"the model call outlived its lease, retry with the same key"}; the next retry: 200 replayed, the 60 s retry\'s body',
    );
    expect(lines).toContain('key k1 again after 23 h: 200 replayed, the model ran 0 times; after 25 h, past the 24 h retention: 200, the model ran 1 time');
    // 220 B × 1M = 220 MB.
    expect(lines).toContain('a stored entry takes 220 B: 1M keyed requests a day kept 24 h take about 220 MB');
  });
});
