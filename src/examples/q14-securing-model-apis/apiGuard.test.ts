import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => vi.restoreAllMocks());
import { ApiGuard, constantTimeEqual, extractionHours, newApiKey, sha256, TokenBucketLimiter, type AuditRecord, type GuardLimits, type KeyRecord } from './apiGuard';

describe('TokenBucketLimiter', () => {
  it('allows a burst up to capacity, then refuses with the wait until the next token', () => {
    const clock = { t: 0 };
    const limiter = new TokenBucketLimiter(3, 0.5, () => clock.t); // 3 burst, one token per 2 s
    expect([1, 2, 3].map(() => limiter.take('k').allowed)).toEqual([true, true, true]);
    expect(limiter.take('k')).toEqual({ allowed: false, remaining: 0, retryAfterMs: 2000 });
  });

  it('refills with time, but never above capacity', () => {
    const clock = { t: 0 };
    const limiter = new TokenBucketLimiter(3, 0.5, () => clock.t);
    for (let i = 0; i < 3; i++) limiter.take('k');
    clock.t = 2000;
    expect(limiter.take('k').allowed).toBe(true);
    expect(limiter.take('k').allowed).toBe(false);
    clock.t = 1_000_000;
    expect(limiter.take('k').remaining).toBe(2); // back to a full bucket of 3, minus this request
  });

  it('keeps one bucket per key', () => {
    const limiter = new TokenBucketLimiter(1, 1, () => 0);
    expect(limiter.take('alice').allowed).toBe(true);
    expect(limiter.take('alice').allowed).toBe(false);
    expect(limiter.take('bob').allowed).toBe(true);
  });

  it('enforces 1,000 requests per hour over an hour', () => {
    const clock = { t: 0 };
    const limiter = new TokenBucketLimiter(50, 1000 / 3600, () => clock.t);
    let allowed = 0;
    for (; clock.t < 3_600_000; clock.t += 100) if (limiter.take('k').allowed) allowed++;
    expect(allowed).toBeGreaterThanOrEqual(1000);
    expect(allowed).toBeLessThanOrEqual(1050); // the rate plus one burst
  });

  it('rejects a cost the bucket can never hold', () => {
    expect(() => new TokenBucketLimiter(5, 1, () => 0).take('k', 6)).toThrow(RangeError);
  });

  it('says whether a cost could ever be admitted, so a caller can refuse it instead of waiting forever', () => {
    const limiter = new TokenBucketLimiter(5, 1, () => 0);
    expect([0, 0.5, 5, 5.5].map((cost) => limiter.admits(cost))).toEqual([false, true, true, false]);
  });

  it('reports the wait for a cost without spending any tokens', () => {
    const limiter = new TokenBucketLimiter(5, 1, () => 0);
    limiter.take('k', 4);
    expect(limiter.waitMs('k')).toBe(0);
    expect(limiter.waitMs('k', 3)).toBe(2000);
    expect(limiter.waitMs('k')).toBe(0); // asking twice spent nothing
  });

  it('does not lock a key out when the clock steps back', () => {
    const clock = { t: 3_600_000 };
    const hourly = new TokenBucketLimiter(50, 1000 / 3600, () => clock.t);
    hourly.take('k');
    clock.t = 0; // the wall clock is stepped back an hour
    expect(hourly.take('k').allowed).toBe(true);

    const tight = new TokenBucketLimiter(1, 1, () => clock.t);
    clock.t = 10_000;
    tight.take('k'); // empty
    clock.t = 0; // stepped back 10 s: the next token is still 1 s away, not 11 s
    expect(tight.take('k').retryAfterMs).toBe(1000);
    clock.t = 1000;
    expect(tight.take('k').allowed).toBe(true);
  });

  it('rejects a clock that returns a non-finite time instead of poisoning the bucket', () => {
    const clock = { t: 0 };
    const limiter = new TokenBucketLimiter(5, 1, () => clock.t);
    limiter.take('k');
    clock.t = Number.NaN;
    expect(() => limiter.take('k')).toThrow(/clock/);
    clock.t = 1000;
    expect(limiter.take('k')).toEqual({ allowed: true, remaining: 4, retryAfterMs: 0 }); // refilled to 5, minus this request
  });

  it('rejects a non-finite capacity or refill rate', () => {
    expect(() => new TokenBucketLimiter(Infinity, 1, () => 0)).toThrow(RangeError);
    expect(() => new TokenBucketLimiter(5, Infinity, () => 0)).toThrow(RangeError);
    expect(() => new TokenBucketLimiter(0, 1, () => 0)).toThrow(RangeError);
  });

  it('rejects a capacity below 1, which could never admit a request of cost 1', () => {
    expect(() => new TokenBucketLimiter(0.5, 1, () => 0)).toThrow(RangeError);
  });
});

describe('constantTimeEqual', () => {
  it('matches equal bytes and rejects any difference, including length', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
  });
});

describe('newApiKey', () => {
  it('issues "<keyId>.<secret>" with 256 random bits (43 base64url characters) and the hash to store', async () => {
    const a = await newApiKey('team-a');
    const b = await newApiKey('team-a');
    const [keyId, secret = ''] = a.key.split('.');
    expect(keyId).toBe('team-a');
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(b.key).not.toBe(a.key);
    expect(a.secretSha256).toEqual(await sha256(secret));
  });

  it('rejects a key id the guard could not parse', async () => {
    await expect(newApiKey('has.dot')).rejects.toThrow(/key id/);
    await expect(newApiKey('')).rejects.toThrow(/key id/);
  });
});

describe('extraction arithmetic', () => {
  it('takes 10,000 hours (about 1.14 years) to send 10M queries at 1K per hour on one key', () => {
    expect(extractionHours(10_000_000, 1000)).toBe(10_000);
    expect(extractionHours(10_000_000, 1000) / 8760).toBeCloseTo(1.14, 2);
  });

  it('takes only 100 hours with 100 keys, so per-key limits need per-account limits too', () => {
    expect(extractionHours(10_000_000, 1000, 100)).toBe(100);
  });

  it('rejects a limit or key count that would divide by zero', () => {
    expect(() => extractionHours(10_000_000, 0)).toThrow(RangeError);
    expect(() => extractionHours(10_000_000, 1000, 0)).toThrow(RangeError);
  });

  it('rejects a negative or NaN query count instead of returning negative or NaN hours', () => {
    expect(() => extractionHours(-1, 1000)).toThrow(RangeError);
    expect(() => extractionHours(Number.NaN, 1000)).toThrow(RangeError);
  });
});

const SOURCE = '203.0.113.7';

async function setup({ keyBurst = 2, keyRate = 1, accountBurst = 100, failureBurst = 100, keys = 1, sinkFails = { now: false } } = {}) {
  const clock = { t: 0 };
  const records: AuditRecord[] = [];
  const issued = await Promise.all(Array.from({ length: keys }, (_, i) => newApiKey(`k${i + 1}`)));
  const limits: GuardLimits = {
    perKey: new TokenBucketLimiter(keyBurst, keyRate, () => clock.t),
    perAccount: new TokenBucketLimiter(accountBurst, 1, () => clock.t),
    failedAuthPerSource: new TokenBucketLimiter(failureBurst, failureBurst / 60, () => clock.t), // per minute
  };
  const guard = new ApiGuard(
    issued.map((k, i) => ({ keyId: `k${i + 1}`, account: 'team-fraud', secretSha256: k.secretSha256, scopes: ['predict'] })),
    limits,
    (r) => {
      if (sinkFails.now) throw new Error('audit disk full');
      records.push(r);
    },
    () => clock.t,
  );
  const call = (key: string, action = 'predict', cost?: number) => guard.authorize({ key, action, source: SOURCE, cost });
  return { clock, records, guard, limits, call, key: issued[0]?.key ?? '', keys: issued.map((k) => k.key) };
}

describe('ApiGuard', () => {
  it('allows a valid key within its scope and audits who did what', async () => {
    const { call, key, records } = await setup();
    expect(await call(key)).toEqual({ status: 200 });
    expect(records).toEqual([{ at: 0, keyId: 'k1', account: 'team-fraud', action: 'predict', outcome: 'allowed' }]);
  });

  it('stamps each audit record with the injected clock', async () => {
    const { call, key, records, clock } = await setup();
    clock.t = 12_345;
    await call(key);
    expect(records[0]?.at).toBe(12_345);
  });

  it('names the key and account in the audit record of a 401 for a key id we issued', async () => {
    const { call, records } = await setup();
    await call('k1.guess');
    expect(records).toEqual([{ at: 0, keyId: 'k1', account: 'team-fraud', action: 'predict', outcome: 'unauthenticated' }]);
  });

  it('answers 401 alike for a wrong secret, an unknown key and a malformed key', async () => {
    const { call, records } = await setup();
    expect((await call('k1.guess')).status).toBe(401);
    expect((await call('k9.guess')).status).toBe(401);
    expect((await call('no-dot-here')).status).toBe(401);
    expect(records.map((r) => r.outcome)).toEqual(['unauthenticated', 'unauthenticated', 'unauthenticated']);
  });

  it('never writes the secret into the audit log', async () => {
    const { call, key, records } = await setup();
    await call(key);
    await call('k1.wrong-secret');
    expect(JSON.stringify(records)).not.toContain(key.split('.')[1]);
    expect(JSON.stringify(records)).not.toContain('wrong-secret');
  });

  it('logs the key id only when it is a known key, so a pasted secret never reaches the log', async () => {
    const { call, records } = await setup();
    await call('s3cret.part2');
    await call('evil\n{"keyId":"k1"}.x');
    expect(records.map((r) => r.keyId)).toEqual([null, null]);
    expect(JSON.stringify(records)).not.toMatch(/s3cret|evil/);
  });

  it('logs an action outside the vocabulary as "invalid-action" rather than verbatim', async () => {
    const { call, key, records } = await setup();
    expect((await call(key, 'x'.repeat(1_000_000) + '\nforged')).status).toBe(403);
    expect(records[0]?.action).toBe('invalid-action');
  });

  it('answers 403 for an action outside the key scope', async () => {
    const { call, key, records } = await setup();
    expect((await call(key, 'download-weights')).status).toBe(403);
    expect(records[0]?.outcome).toBe('forbidden');
  });

  it('authenticates before checking scope: a wrong secret asking for an unscoped action gets 401 and spends a failure token', async () => {
    const { call, key, records } = await setup({ failureBurst: 1 });
    expect((await call('k1.guess', 'download-weights')).status).toBe(401);
    expect(records.map((r) => r.outcome)).toEqual(['unauthenticated']);
    expect((await call(key)).status).toBe(429); // the one failure token is spent: the source is locked out
  });

  it('spends nothing on a 403: five of them leave the key and the failure budget whole', async () => {
    const { call, key } = await setup({ keyBurst: 1, failureBurst: 1 });
    for (let i = 0; i < 5; i++) expect((await call(key, 'download-weights')).status).toBe(403);
    expect((await call(key)).status).toBe(200);
  });

  it('answers 429 with a retry hint once the key has used its burst, and audits it', async () => {
    const { call, key, records, clock } = await setup({ keyBurst: 2 });
    await call(key);
    await call(key);
    expect(await call(key)).toEqual({ status: 429, retryAfterMs: 1000 });
    expect(records.at(-1)?.outcome).toBe('rate-limited');
    clock.t = 1000;
    expect((await call(key)).status).toBe(200);
  });

  it('rounds the retry hint up, so a client that waits exactly that long gets through', async () => {
    const { call, key, clock } = await setup({ keyBurst: 1, keyRate: 3 });
    await call(key);
    expect(await call(key)).toEqual({ status: 429, retryAfterMs: 334 }); // 1000 / 3 = 333.3 ms
    clock.t = 334;
    expect((await call(key)).status).toBe(200);
  });

  it('lets exactly the burst through when 10 calls arrive at once, and audits all 10', async () => {
    const { call, key, records } = await setup({ keyBurst: 2 });
    // Hold every hash until all ten are computed, so the ten calls resume together, as on a busy server.
    const digest = globalThis.crypto.subtle.digest.bind(globalThis.crypto.subtle);
    let computed = 0;
    let release = () => {};
    const allComputed = new Promise<void>((resolve) => (release = resolve));
    vi.spyOn(globalThis.crypto.subtle, 'digest').mockImplementation(async (algorithm, data) => {
      const hash = await digest(algorithm, data);
      if (++computed === 10) release();
      await allComputed;
      return hash;
    });
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => call(key)))).map((d) => d.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    expect(records).toHaveLength(10);
  });

  it('caps one account with 100 keys at the account burst, not 100 times the key burst', async () => {
    const { call, keys } = await setup({ keyBurst: 5, accountBurst: 5, keys: 100 });
    let allowed = 0;
    for (const key of keys) for (let i = 0; i < 5; i++) if ((await call(key)).status === 200) allowed++;
    expect(allowed).toBe(5);
  });

  it('does not spend a key token on a request the account refuses', async () => {
    const { call, key, limits } = await setup({ keyBurst: 5, accountBurst: 3 });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(key)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(limits.perKey.waitMs('k1', 2)).toBe(0); // 5 - 3 allowed = 2 left
  });

  it('charges LLM requests by tokens: five 1,000-token requests fit a 5,000-token bucket, the sixth gets 429', async () => {
    const { call, key } = await setup({ keyBurst: 5000, accountBurst: 50_000 });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(key, 'predict', 1000)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('answers 413, audited as too-large, for a request costing more than the key or the account bucket can ever hold, instead of throwing', async () => {
    const { call, key, records } = await setup({ keyBurst: 5000, accountBurst: 1000 });
    expect(await call(key, 'predict', 5001)).toEqual({ status: 413 }); // above both buckets
    expect(await call(key, 'predict', 2000)).toEqual({ status: 413 }); // fits the key, not the account
    expect(records.map((r) => r.outcome)).toEqual(['too-large', 'too-large']);
    expect(await call(key, 'predict', 1000)).toEqual({ status: 200 }); // the refusals spent nothing
  });

  it('rejects a cost that is not a positive finite number: that is a bug in the caller, not a client request', async () => {
    const { call, key, records } = await setup();
    for (const cost of [0, -1, Number.NaN, Infinity]) await expect(call(key, 'predict', cost)).rejects.toThrow(/cost/);
    expect(records).toHaveLength(0);
  });

  it('refuses the request if the audit write throws, and spends nothing, so it succeeds once the sink works', async () => {
    const sinkFails = { now: true };
    const { call, key, records } = await setup({ keyBurst: 1, sinkFails });
    await expect(call(key)).rejects.toThrow(/audit/);
    sinkFails.now = false;
    expect((await call(key)).status).toBe(200);
    expect(records).toHaveLength(1);
  });

  it('throws on an empty source, which would pool every client into one failure bucket', async () => {
    const { guard, key, records } = await setup();
    for (const source of ['', ' ']) await expect(guard.authorize({ key, action: 'predict', source })).rejects.toThrow(TypeError);
    expect(records).toHaveLength(0);
  });

  it('does not spend tokens on failed authentication', async () => {
    const { call, key } = await setup({ keyBurst: 1 });
    await call('k1.guess');
    expect((await call(key)).status).toBe(200);
  });

  it('locks out a source after 100 failed attempts in a minute: the 101st gets 429, not 401, even with the right secret', async () => {
    const { call, key, clock } = await setup();
    for (let i = 0; i < 100; i++) expect((await call(`k1.guess-${i}`)).status).toBe(401);
    expect((await call('k1.guess-100')).status).toBe(429);
    expect((await call(key)).status).toBe(429); // a correct guess must not get through either
    clock.t = 60_000;
    expect((await call(key)).status).toBe(200);
  });

  it('counts requests refused while a source is locked out instead of writing an audit record for each', async () => {
    const { call, guard, records } = await setup({ failureBurst: 3 });
    for (let i = 0; i < 1000; i++) await call(`k1.guess-${i}`);
    expect(records).toHaveLength(3);
    expect(guard.lockedOutRefusals).toBe(997);
  });

  it('rejects key records it could not match: a malformed key id, a hash that is not 32 bytes, a duplicate id', async () => {
    const { limits } = await setup();
    const ok: KeyRecord = { keyId: 'k1', account: 'a', secretSha256: new Uint8Array(32), scopes: ['predict'] };
    const guardWith = (keys: KeyRecord[]) => () =>
      new ApiGuard(
        keys,
        limits,
        () => undefined,
        () => 0,
      );
    expect(guardWith([{ ...ok, keyId: 'k.1' }])).toThrow(/key id/);
    expect(guardWith([{ ...ok, secretSha256: new Uint8Array(16) }])).toThrow(/32 bytes/);
    expect(guardWith([ok, ok])).toThrow(/duplicate/);
  });
});
