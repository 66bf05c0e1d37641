import { describe, expect, it } from 'vitest';
import { FakeHashClient } from './fakeHashClient';
import { ageBucket, HashFeatureStore, InMemoryFeatureStore, UserFeatureEngineer, type FeatureRow } from './featurePipeline';

/** An in-memory store whose reads each wait for a gate, so a test decides when each run goes on. */
class GatedStore extends InMemoryFeatureStore {
  readonly gates: (() => void)[] = [];
  override async read(entityIds: readonly string[], features: readonly string[]): Promise<Map<string, FeatureRow>> {
    const rows = await super.read(entityIds, features);
    await new Promise<void>((resolve) => this.gates.push(resolve));
    return rows;
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ageBucket', () => {
  it('puts every boundary in the bucket that starts there', () => {
    expect(ageBucket(0)).toBe('under-18');
    expect(ageBucket(17.9)).toBe('under-18');
    expect(ageBucket(18)).toBe('18-34');
    expect(ageBucket(35)).toBe('35-49');
    expect(ageBucket(50)).toBe('50-plus');
  });

  it('keeps ages above 100 instead of dropping them', () => {
    expect(ageBucket(104)).toBe('50-plus');
  });

  it('rejects negative and non-numeric ages', () => {
    expect(() => ageBucket(-1)).toThrow(RangeError);
    expect(() => ageBucket(Number.NaN)).toThrow(/finite/);
  });
});

describe('UserFeatureEngineer (core) with the in-memory adapter', () => {
  it('returns the row it read plus the age bucket, and writes back only the age bucket', async () => {
    const store = new InMemoryFeatureStore();
    store.rows.set('u1', { age: 42, country: 'PT' });
    const run = await new UserFeatureEngineer(store).computeUserFeatures(['u1']);
    expect(run.features.get('u1')).toEqual({ age: 42, country: 'PT', age_bucket: '35-49' });
    expect(store.rows.get('u1')).toEqual({ age: 42, country: 'PT', age_bucket: '35-49' });
  });

  it('does not store a made-up value for a field the user lacks (no "unknown" country)', async () => {
    const store = new InMemoryFeatureStore();
    store.rows.set('u1', { age: 42 });
    const run = await new UserFeatureEngineer(store).computeUserFeatures(['u1']);
    expect(store.rows.get('u1')).toEqual({ age: 42, age_bucket: '35-49' });
    expect(run.features.get('u1')).toEqual({ age: 42, age_bucket: '35-49' });
  });

  it('never lets a late run derived from an old age overwrite the recompute that the ingestion event triggered', async () => {
    const store = new GatedStore();
    store.rows.set('u1', { age: 17, country: 'PT' });
    const nightly = new UserFeatureEngineer(store).computeUserFeatures(['u1']); // reads age 17
    await tick();
    store.rows.set('u1', { ...store.rows.get('u1'), age: 18 }); // ingestion writes a birthday and emits an event
    const recompute = new UserFeatureEngineer(store).computeUserFeatures(['u1']); // the event's recompute reads 18
    await tick();
    store.gates[1]!();
    await recompute; // writes 18-34
    store.gates[0]!();
    const late = await nightly; // lands last, still holding the bucket for 17
    expect(store.rows.get('u1')).toEqual({ age: 18, country: 'PT', age_bucket: '18-34' });
    expect(late.superseded).toEqual(new Set(['u1']));
    expect(late.features.has('u1')).toBe(false);
  });

  it('skips users the store does not know', async () => {
    const store = new InMemoryFeatureStore();
    const run = await new UserFeatureEngineer(store).computeUserFeatures(['ghost']);
    expect(run.features.size).toBe(0);
    expect(run.quarantined.size).toBe(0);
  });

  it('quarantines rows without a usable age, with the reason, and still writes the good rows', async () => {
    const store = new InMemoryFeatureStore();
    store.rows.set('good', { age: 30, country: 'PT' });
    store.rows.set('no-age', { country: 'DE' });
    store.rows.set('negative', { age: -3, country: 'PT' });
    const run = await new UserFeatureEngineer(store).computeUserFeatures(['good', 'no-age', 'negative']);
    expect([...run.features.keys()]).toEqual(['good']);
    expect(run.quarantined.get('no-age')).toMatch(/"age" is missing/);
    expect(run.quarantined.get('negative')).toMatch(/non-negative/);
    expect(store.rows.get('good')).toMatchObject({ age_bucket: '18-34' });
    expect(store.rows.get('negative')).toEqual({ age: -3, country: 'PT' });
  });
});

describe('HashFeatureStore (Redis-style adapter)', () => {
  it('decodes stored strings back to numbers, so the core behaves the same as in memory', async () => {
    const client = new FakeHashClient();
    client.hashes.set('features:u1', { age: '29', country: '"BR"' });
    const run = await new UserFeatureEngineer(new HashFeatureStore(client)).computeUserFeatures(['u1', 'missing']);
    expect(run.features.get('u1')).toEqual({ age: 29, country: 'BR', age_bucket: '18-34' });
    expect(run.features.has('missing')).toBe(false);
    expect(client.hashes.get('features:u1')).toEqual({ age: '29', country: '"BR"', age_bucket: '"18-34"' });
  });

  it('quarantines a row whose age it cannot decode and still writes the rest of the batch', async () => {
    const client = new FakeHashClient();
    client.hashes.set('features:good', { age: '30' });
    client.hashes.set('features:bad', { age: 'forty', country: 'PT' }); // not JSON: written by something else
    const run = await new UserFeatureEngineer(new HashFeatureStore(client)).computeUserFeatures(['good', 'bad']);
    expect(run.quarantined.get('bad')).toMatch(/"age" is missing or not a number/);
    expect(client.hashes.get('features:good')).toEqual({ age: '30', age_bucket: '"18-34"' });
    expect(client.hashes.get('features:bad')).toEqual({ age: 'forty', country: 'PT' });
  });

  it('writes the bucket only if the stored age is still the one it was derived from', async () => {
    const client = new FakeHashClient();
    client.hashes.set('features:u1', { age: '17' });
    client.afterRead = () => client.hashes.set('features:u1', { age: '18' }); // ingestion, between read and write
    const run = await new UserFeatureEngineer(new HashFeatureStore(client)).computeUserFeatures(['u1']);
    expect(run.superseded).toEqual(new Set(['u1']));
    expect(client.hashes.get('features:u1')).toEqual({ age: '18' });
  });

  it('rejects the call when the store fails mid-batch, and a rerun completes it because the write is idempotent', async () => {
    const client = new FakeHashClient();
    client.hashes.set('features:a', { age: '30' });
    client.hashes.set('features:b', { age: '40' });
    client.failOn = 'features:b';
    const engineer = new UserFeatureEngineer(new HashFeatureStore(client));
    await expect(engineer.computeUserFeatures(['a', 'b'])).rejects.toThrow(/connection reset/);
    // Partial: a was written, b was not.
    expect(client.hashes.get('features:a')).toEqual({ age: '30', age_bucket: '"18-34"' });
    expect(client.hashes.get('features:b')).toEqual({ age: '40' });
    client.failOn = undefined;
    await engineer.computeUserFeatures(['a', 'b']);
    expect(client.hashes.get('features:a')).toEqual({ age: '30', age_bucket: '"18-34"' });
    expect(client.hashes.get('features:b')).toEqual({ age: '40', age_bucket: '"35-49"' });
  });
});
