import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './featurePipeline.demo';

afterEach(() => vi.restoreAllMocks());

describe('the feature pipeline demo', () => {
  it('gives the same features through both adapters, quarantines `forty` and a missing age, writes back only age_bucket, refuses a late write from an old age, and completes a failed batch on rerun', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    // Age 42 falls in 35-49 through either adapter; the Redis adapter decodes '42' and '"PT"' to 42 and 'PT'.
    expect(result.sameFeatures).toBe(true);
    // u2 (age 29) is written; u3 ('forty' is not JSON) and u4 (no age) are quarantined; the unknown user is neither.
    expect(result.written).toEqual(['u2']);
    expect(result.quarantined).toEqual(['u3', 'u4']);
    // The core writes back only what it owns: age_bucket is added and the country ingestion changed to "US" after the
    // batch's read stays (a write of the whole row as read would put "BR" back and list country here too).
    expect(result.fieldsAdded).toEqual(['age_bucket']);
    // Age 18 is in 18-34; the nightly batch's under-18, derived from age 17, must not overwrite it.
    expect(result.storedHash).toEqual({ age: '18', country: '"PT"', age_bucket: '"18-34"' });
    expect(result.nightlySuperseded).toEqual(['u7']);
    // A superseded row is not one of the run's features: nothing of it was written.
    expect(result.nightlyFeatures).toEqual([]);
    // The first run rejects after writing a; the rerun writes b too.
    expect(result.rerun).toEqual({ firstRun: 'failed (connection reset)', written: ['a', 'b'] });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('Redis adapter:     u1 -> {"age":42,"country":"PT","age_bucket":"35-49"}: the same features from the same core');
    expect(lines).toContain('Redis hash u1: age=42 country="PT" age_bucket="35-49" (JSON strings: the adapter encodes, the core sees typed values)');
    expect(lines).toContain('batch u2, u3, u4 and an unknown user: written u2; quarantined u3, u4; unknown user skipped');
    expect(lines).toContain('  u3 (age=forty country="PT", untouched): TypeError: feature "age" is missing or not a number');
    expect(lines).toContain('  u4 (country="DE", untouched): TypeError: feature "age" is missing or not a number');
    expect(lines).toContain('u2 gained age_bucket; the country ingestion wrote after the batch\'s read is kept (age=29 country="US" age_bucket="18-34")');
    expect(lines).toContain("u7: the nightly batch read age 17; then ingestion stored age 18 and its event's recompute wrote 18-34");
    expect(lines).toContain(
      'the nightly write, derived from age 17, lands last: refused as superseded and left out of its features; u7 holds age=18 country="PT" age_bucket="18-34"',
    );
    expect(lines).toContain('batch a, b with the store failing on b: failed (connection reset); rows with a bucket: a');
    expect(lines).toContain('rerun: rows with a bucket: a, b, the batch is complete');
  });
});
