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

  it('sends 10% of 100,000 users to the candidate, within 0.5 points', () => {
    const treated = users.filter((u) => assignVariant(u, ranker) === 'treatment').length;
    expect(Math.abs(treated / users.length - 0.1)).toBeLessThan(0.005);
  });

  it('makes experiments with different salts independent: about 1% of users are treated in both 10% tests', () => {
    const other: Allocation = { experimentId: 'retriever-v3', salt: 'retriever-v3-2024-06', treatmentShare: 0.1 };
    const both = users.filter((u) => assignVariant(u, ranker) === 'treatment' && assignVariant(u, other) === 'treatment').length;
    expect(Math.abs(both / users.length - 0.01)).toBeLessThan(0.002);
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

  it('fails safe to control for an experiment it does not know', () => {
    expect(new AllocationStore().variantFor('user-1', 'missing')).toBe('control');
  });

  it('rejects impossible shares, empty salts and unknown experiments', () => {
    const store = new AllocationStore();
    expect(() => store.upsert({ ...ranker, treatmentShare: 1.2 })).toThrow(RangeError);
    expect(() => store.upsert({ ...ranker, salt: '' })).toThrow(/salt/);
    expect(() => store.setShare('missing', 0.5)).toThrow(/unknown experiment/);
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

  it('rejects arm sizes that are not non-negative integers instead of reporting no mismatch', () => {
    expect(() => sampleRatioMismatch(50_000, undefined as unknown as number, 0.5)).toThrow(/treatmentUsers must be a non-negative integer, got undefined/);
    expect(() => sampleRatioMismatch(Number.NaN, 50_000, 0.5)).toThrow(/controlUsers must be a non-negative integer, got NaN/);
    expect(() => sampleRatioMismatch(50_000, -1, 0.5)).toThrow(RangeError);
    expect(() => sampleRatioMismatch(50_000.5, 50_000, 0.5)).toThrow(RangeError);
  });

  it('reports a mismatch when the chi-square cannot be computed (arm sizes overflow)', () => {
    expect(sampleRatioMismatch(Number.MAX_VALUE, Number.MAX_VALUE, 0.5).mismatch).toBe(true);
  });

  it('needs about 760,000 users per arm to see CTR move from 5.0% to 5.1%', () => {
    expect(usersPerArm(0.05, 0.001)).toBe(760_000);
    expect(() => usersPerArm(0, 0.01)).toThrow(RangeError);
  });
});
