import { describe, expect, it } from 'vitest';
import { ApiGuard, constantTimeEqual, extractionHours, sha256, TokenBucketLimiter, type AuditRecord } from './apiGuard';

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
});

describe('constantTimeEqual', () => {
  it('matches equal bytes and rejects any difference, including length', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
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
});

async function setup(capacity = 2) {
  const clock = { t: 0 };
  const records: AuditRecord[] = [];
  const guard = new ApiGuard(
    [{ keyId: 'k1', owner: 'team-fraud', secretSha256: await sha256('s3cret'), scopes: ['predict'] }],
    new TokenBucketLimiter(capacity, 1, () => clock.t),
    (r) => records.push(r),
    () => clock.t,
  );
  return { clock, records, guard };
}

describe('ApiGuard', () => {
  it('allows a valid key within its scope and audits who did what', async () => {
    const { guard, records } = await setup();
    expect(await guard.authorize('k1.s3cret', 'predict')).toEqual({ status: 200 });
    expect(records).toEqual([{ at: 0, keyId: 'k1', owner: 'team-fraud', action: 'predict', outcome: 'allowed' }]);
  });

  it('answers 401 alike for a wrong secret, an unknown key and a malformed key', async () => {
    const { guard, records } = await setup();
    expect((await guard.authorize('k1.guess', 'predict')).status).toBe(401);
    expect((await guard.authorize('k9.s3cret', 'predict')).status).toBe(401);
    expect((await guard.authorize('no-dot-here', 'predict')).status).toBe(401);
    expect(records.map((r) => r.outcome)).toEqual(['unauthenticated', 'unauthenticated', 'unauthenticated']);
  });

  it('never writes the secret into the audit log', async () => {
    const { guard, records } = await setup();
    await guard.authorize('k1.s3cret', 'predict');
    await guard.authorize('k1.wrong-secret', 'predict');
    expect(JSON.stringify(records)).not.toMatch(/s3cret|wrong-secret/);
  });

  it('answers 403 for an action outside the key scope', async () => {
    const { guard, records } = await setup();
    expect((await guard.authorize('k1.s3cret', 'download-weights')).status).toBe(403);
    expect(records[0]?.outcome).toBe('forbidden');
  });

  it('answers 429 with a retry hint once the key has used its burst, and audits it', async () => {
    const { guard, records, clock } = await setup(2);
    await guard.authorize('k1.s3cret', 'predict');
    await guard.authorize('k1.s3cret', 'predict');
    expect(await guard.authorize('k1.s3cret', 'predict')).toEqual({ status: 429, retryAfterMs: 1000 });
    expect(records.at(-1)?.outcome).toBe('rate-limited');
    clock.t = 1000;
    expect((await guard.authorize('k1.s3cret', 'predict')).status).toBe(200);
  });

  it('does not spend tokens on failed authentication', async () => {
    const { guard } = await setup(1);
    await guard.authorize('k1.guess', 'predict');
    expect((await guard.authorize('k1.s3cret', 'predict')).status).toBe(200);
  });
});
