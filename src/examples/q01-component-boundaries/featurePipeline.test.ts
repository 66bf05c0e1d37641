import { describe, expect, it } from 'vitest';
import { ageBucket, HashFeatureStore, InMemoryFeatureStore, UserFeatureEngineer, type HashClient } from './featurePipeline';

/** A fake Redis hash client: strings in, strings out, {} for a missing key. */
class FakeHashClient implements HashClient {
  readonly hashes = new Map<string, Record<string, string>>();
  async hGetAll(key: string) {
    return { ...this.hashes.get(key) };
  }
  async hSet(key: string, values: Record<string, string>) {
    this.hashes.set(key, { ...this.hashes.get(key), ...values });
    return Object.keys(values).length;
  }
}

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
  it('derives the age bucket and writes the derived row back through the port', async () => {
    const store = new InMemoryFeatureStore();
    store.rows.set('u1', { age: 42, country: 'PT' });
    const result = await new UserFeatureEngineer(store).computeUserFeatures(['u1']);
    expect(result.get('u1')).toEqual({ age: 42, country: 'PT', age_bucket: '35-49' });
    expect(store.rows.get('u1')).toMatchObject({ age_bucket: '35-49' });
  });

  it('skips users the store does not know', async () => {
    const store = new InMemoryFeatureStore();
    const result = await new UserFeatureEngineer(store).computeUserFeatures(['ghost']);
    expect(result.size).toBe(0);
  });

  it('fails loudly when a row has no usable age', async () => {
    const store = new InMemoryFeatureStore();
    store.rows.set('u2', { country: 'DE' });
    await expect(new UserFeatureEngineer(store).computeUserFeatures(['u2'])).rejects.toThrow(/"age" is missing/);
  });
});

describe('HashFeatureStore (Redis-style adapter)', () => {
  it('decodes stored strings back to numbers, so the core behaves the same as in memory', async () => {
    const client = new FakeHashClient();
    client.hashes.set('features:u1', { age: '29', country: '"BR"' });
    const result = await new UserFeatureEngineer(new HashFeatureStore(client)).computeUserFeatures(['u1', 'missing']);
    expect(result.get('u1')).toEqual({ age: 29, country: 'BR', age_bucket: '18-34' });
    expect(result.has('missing')).toBe(false);
    expect(client.hashes.get('features:u1')?.age_bucket).toBe('"18-34"');
  });
});
