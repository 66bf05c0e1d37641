import { describe, expect, it } from 'vitest';
import { AllocationStore, assignVariant, bucketOf, BUCKETS, sampleRatioMismatch, stableHash, usersPerArm, type Allocation } from './experimentBucketing';

const users = Array.from({ length: 100_000 }, (_, i) => `user-${i}`);
const ranker: Allocation = { experimentId: 'ranker-v2', salt: 'ranker-v2-2024-06', treatmentShare: 0.1 };

describe('bucketing', () => {
  it('gives the same user the same bucket on every call', () => {
    expect(bucketOf('user-42', 'salt')).toBe(bucketOf('user-42', 'salt'));
    expect(stableHash('user-42')).toBe(stableHash('user-42'));
  });

  it('spreads sequential ids evenly: each tenth of the buckets holds 10% of users within 0.5 points', () => {
    const deciles = new Array<number>(10).fill(0);
    for (const u of users) deciles[Math.floor((bucketOf(u, 'salt') / BUCKETS) * 10)]!++;
    for (const count of deciles) expect(Math.abs(count / users.length - 0.1)).toBeLessThan(0.005);
  });

  it('steps sequential ids through the buckets by many different strides, not a few repeated ones (FNV alone: 81)', () => {
    const buckets = Array.from({ length: 1_001 }, (_, i) => bucketOf(`user-${i}`, ranker.salt));
    const strides = new Set(buckets.slice(1).map((b, i) => (b - buckets[i]! + BUCKETS) % BUCKETS));
    expect(strides.size).toBeGreaterThan(500);
  });

  it('keeps the salt and the user id apart: ("ab", "c") and ("a", "bc") get different buckets', () => {
    expect(bucketOf('c', 'ab')).not.toBe(bucketOf('bc', 'a'));
  });

  it('sends 10% of 100,000 users to the candidate, within 0.5 points', () => {
    const treated = users.filter((u) => assignVariant(u, ranker) === 'treatment').length;
    expect(Math.abs(treated / users.length - 0.1)).toBeLessThan(0.005);
  });

  it('makes experiments with different salts independent: about 1% of users are treated in both 10% tests', () => {
    const other: Allocation = { experimentId: 'retriever-v3', salt: 'retriever-v3-2024-06', treatmentShare: 0.1 };
    const both = users.filter((u) => assignVariant(u, ranker) === 'treatment' && assignVariant(u, other) === 'treatment').length;
    expect(Math.abs(both / users.length - 0.01)).toBeLessThan(0.002);
  });

  it('treats exactly the buckets below the share times 10,000, rounded: 0.57 (5,699.999… in floating point) treats buckets 0 to 5,699', () => {
    const at57 = { ...ranker, treatmentShare: 0.57 };
    expect(users.some((u) => bucketOf(u, ranker.salt) === 5_699)).toBe(true);
    expect(users.every((u) => (assignVariant(u, at57) === 'treatment') === bucketOf(u, ranker.salt) < 5_700)).toBe(true);
  });

  it('only adds users when the share ramps up: everyone treated at 10% is still treated at 50%', () => {
    const at10 = users.filter((u) => assignVariant(u, ranker) === 'treatment');
    const at50 = { ...ranker, treatmentShare: 0.5 };
    expect(at10.every((u) => assignVariant(u, at50) === 'treatment')).toBe(true);
  });
});

describe('AllocationStore', () => {
  it('rolls the candidate back to 0% instantly, with no redeploy', () => {
    const store = new AllocationStore();
    store.upsert(ranker);
    const sample = users.slice(0, 5_000);
    expect(sample.some((u) => store.variantFor(u, 'ranker-v2') === 'treatment')).toBe(true);
    store.rollback('ranker-v2');
    expect(sample.every((u) => store.variantFor(u, 'ranker-v2') === 'control')).toBe(true);
  });

  it('refuses a new salt for a running experiment, so treated users stay treated; a new experiment id is the way to re-randomise', () => {
    const store = new AllocationStore();
    store.upsert(ranker);
    const treated = users.filter((u) => store.variantFor(u, 'ranker-v2') === 'treatment');
    expect(() => store.upsert({ ...ranker, salt: 'ranker-v2-reshuffled', treatmentShare: 0.5 })).toThrow(/cannot change the salt of running experiment "ranker-v2"/);
    expect(treated.every((u) => store.variantFor(u, 'ranker-v2') === 'treatment')).toBe(true);
    store.upsert({ ...ranker, treatmentShare: 0.5 });
    expect(treated.every((u) => store.variantFor(u, 'ranker-v2') === 'treatment')).toBe(true);
    expect(() => store.upsert({ ...ranker, experimentId: 'ranker-v2b', salt: 'ranker-v2b-2024-07' })).not.toThrow();
  });

  it('refuses a salt that another experiment already uses, naming that experiment', () => {
    const store = new AllocationStore();
    store.upsert(ranker);
    expect(() => store.upsert({ experimentId: 'retriever-v3', salt: ranker.salt, treatmentShare: 0.1 })).toThrow(
      /salt "ranker-v2-2024-06" is already used by experiment "ranker-v2"/,
    );
    expect(store.variantFor('user-1', 'retriever-v3')).toBe('control');
    expect(() => store.upsert({ experimentId: 'retriever-v3', salt: 'retriever-v3-2024-06', treatmentShare: 0.1 })).not.toThrow();
  });

  it('refuses to lower a share except to 0, by setShare or upsert, so treated users are never moved back', () => {
    const store = new AllocationStore();
    store.upsert({ ...ranker, treatmentShare: 0.5 });
    const treated = users.filter((u) => store.variantFor(u, 'ranker-v2') === 'treatment');
    expect(() => store.setShare('ranker-v2', 0.1)).toThrow(/cannot lower the share of running experiment "ranker-v2" from 0.5 to 0.1.*roll back to 0 or start a new experiment id/);
    expect(() => store.upsert({ ...ranker, treatmentShare: 0.1 })).toThrow(/cannot lower the share/);
    expect(treated.every((u) => store.variantFor(u, 'ranker-v2') === 'treatment')).toBe(true);
    store.rollback('ranker-v2');
    expect(treated.every((u) => store.variantFor(u, 'ranker-v2') === 'control')).toBe(true);
  });

  it("stores a copy: changing the caller's object after upsert changes nothing", () => {
    const store = new AllocationStore();
    const allocation = { ...ranker };
    store.upsert(allocation);
    const treated = users.filter((u) => store.variantFor(u, 'ranker-v2') === 'treatment');
    allocation.treatmentShare = 0;
    allocation.salt = 'another-salt';
    expect(users.filter((u) => store.variantFor(u, 'ranker-v2') === 'treatment')).toEqual(treated);
  });

  it('fails safe to control for an experiment it does not know', () => {
    expect(new AllocationStore().variantFor('user-1', 'missing')).toBe('control');
  });

  it('rejects impossible shares, empty salts and unknown experiments', () => {
    const store = new AllocationStore();
    expect(() => store.upsert({ ...ranker, treatmentShare: 1.2 })).toThrow(RangeError);
    expect(() => store.upsert({ ...ranker, salt: '' })).toThrow(/salt/);
    expect(() => store.setShare('missing', 0.5)).toThrow(/unknown experiment/);
    store.upsert(ranker);
    for (const share of [Number.NaN, -0.1, 1.5, Number.POSITIVE_INFINITY]) expect(() => store.setShare('ranker-v2', share)).toThrow(RangeError);
  });

  it('refuses a salt containing U+0000, which would defeat the separator before the user id', () => {
    expect(() => new AllocationStore().upsert({ ...ranker, salt: 'ab\u0000c' })).toThrow(/must not contain U\+0000/);
  });
});

describe('experiment health and size', () => {
  it('accepts a 90/10 split that matches the configuration', () => {
    expect(sampleRatioMismatch(90_000, 10_000, 0.1).mismatch).toBe(false);
  });

  it('flags a sample ratio mismatch when the treatment arm lost 5% of its users', () => {
    const check = sampleRatioMismatch(90_000, 9_500, 0.1);
    expect(check.mismatch).toBe(true);
    expect(check.chiSquare).toBeGreaterThan(10.828);
  });

  it('puts the critical value between chi-square 10.816 (50,520 / 49,480 at 50%) and 10.858 (50,521 / 49,479)', () => {
    const passes = sampleRatioMismatch(50_520, 49_480, 0.5);
    const fails = sampleRatioMismatch(50_521, 49_479, 0.5);
    expect(passes.chiSquare).toBeCloseTo(10.816, 3);
    expect(passes.mismatch).toBe(false);
    expect(fails.chiSquare).toBeCloseTo(10.858, 3);
    expect(fails.mismatch).toBe(true);
  });

  it('refuses a split with an empty arm and counts too small for the chi-square approximation', () => {
    expect(() => sampleRatioMismatch(10, 0, 0)).toThrow(/both arms to be expected/);
    expect(() => sampleRatioMismatch(0, 10, 1)).toThrow(/both arms to be expected/);
    // 2 treated users where 0.2 are expected: chi-square says mismatch, though the exact probability is 0.01.
    expect(() => sampleRatioMismatch(0, 2, 0.1)).toThrow(/too few users for a chi-square SRM check/);
    expect(() => sampleRatioMismatch(45, 5, 0.1)).not.toThrow();
  });

  it('rejects arm sizes that are not non-negative integers instead of reporting no mismatch', () => {
    expect(() => sampleRatioMismatch(50_000, undefined as unknown as number, 0.5)).toThrow(/treatmentUsers must be a non-negative integer, got undefined/);
    expect(() => sampleRatioMismatch(Number.NaN, 50_000, 0.5)).toThrow(/controlUsers must be a non-negative integer, got NaN/);
    expect(() => sampleRatioMismatch(50_000, -1, 0.5)).toThrow(RangeError);
    expect(() => sampleRatioMismatch(50_000.5, 50_000, 0.5)).toThrow(RangeError);
  });

  it('reports a mismatch when the chi-square cannot be computed (arm sizes overflow)', () => {
    expect(sampleRatioMismatch(Number.MAX_VALUE, Number.MAX_VALUE, 0.5).mismatch).toBe(true);
  });

  it('needs about 760,000 users per arm to see the share of users who click move from 5.0% to 5.1%', () => {
    expect(usersPerArm(0.05, 0.001)).toBe(760_000);
  });

  it('refuses sizes for a baseline or change that is not a rate', () => {
    expect(() => usersPerArm(0, 0.01)).toThrow(RangeError);
    expect(() => usersPerArm(0.05, 0)).toThrow(RangeError);
    expect(() => usersPerArm(0.05, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => usersPerArm(0.95, 0.1)).toThrow(/baseline \+ delta at most 1/);
    expect(() => usersPerArm(0.95, 0.05)).not.toThrow();
  });
});
