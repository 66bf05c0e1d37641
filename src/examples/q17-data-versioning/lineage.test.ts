import { describe, expect, it } from 'vitest';
import { DatasetRegistry, sha256Hex, type Hash } from './lineage';
import { corruptedFileScenario as scenario, text } from './lineageScenario';

describe('sha256Hex', () => {
  it('matches the published SHA-256 test vector for "abc"', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('DatasetRegistry.commit', () => {
  it('gives the same content the same id, whatever the insertion order or display name', async () => {
    const registry = new DatasetRegistry();
    const a = await registry.commit('clicks-v1', { 'a.csv': text('1,2'), 'b.csv': text('3,4') });
    const b = await registry.commit('clicks-renamed', { 'b.csv': text('3,4'), 'a.csv': text('1,2') });
    expect(b.id).toBe(a.id);
  });

  it('gives a snapshot a new id when a single byte changes', async () => {
    const registry = new DatasetRegistry();
    const a = await registry.commit('clicks', { 'a.csv': text('1,2') });
    const b = await registry.commit('clicks', { 'a.csv': text('1,3') });
    expect(b.id).not.toBe(a.id);
    expect(b.manifest['a.csv']).not.toBe(a.manifest['a.csv']);
  });

  it('stores a file shared by two snapshots only once', async () => {
    const registry = new DatasetRegistry();
    const big = new Uint8Array(1000).fill(7);
    await registry.commit('day-1', { 'history.bin': big, 'day.csv': text('d1') });
    await registry.commit('day-2', { 'history.bin': big, 'day.csv': text('d2') });
    expect(registry.storedBytes()).toBe(1000 + 2 + 2);
  });

  it('refuses a parent it has never seen, so lineage cannot point at nothing', async () => {
    const registry = new DatasetRegistry();
    await expect(registry.commit('x', {}, { parents: ['f'.repeat(64)] })).rejects.toThrow(/unknown parent/);
  });
});

describe('DatasetRegistry.verify', () => {
  it('reports a file whose stored bytes were overwritten after the snapshot was taken', async () => {
    const blobs = new Map<Hash, Uint8Array>();
    const registry = new DatasetRegistry(blobs);
    const snap = await registry.commit('labels', { 'ok.csv': text('fine'), 'labels.csv': text('cat,dog') });
    expect(await registry.verify(snap.id)).toEqual([]);
    blobs.set(snap.manifest['labels.csv']!, text('dog,dog'));
    expect(await registry.verify(snap.id)).toEqual(['labels.csv']);
  });
});

describe('lineage queries', () => {
  it('finds models trained directly on the file and through a derived dataset, and no others', async () => {
    const { registry, raw, cleaned, corruptedHash } = await scenario();
    const impact = registry.impactOf(corruptedHash);
    expect(impact.models).toEqual(['churn@3', 'fraud@7']);
    expect(impact.snapshots).toEqual([raw.id, cleaned.id].sort());
  });

  it('returns nothing for a file no snapshot contains', async () => {
    const { registry } = await scenario();
    expect(registry.impactOf(await sha256Hex('never stored'))).toEqual({ snapshots: [], models: [] });
  });

  it('walks upstream from a model to the external sources it depends on', async () => {
    const { registry, raw, cleaned } = await scenario();
    const upstream = registry.upstreamOf('fraud', '7');
    expect(upstream.snapshots).toEqual([raw.id, cleaned.id].sort());
    expect(upstream.sources).toEqual(['s3://lake/raw/txns/2024-06']);
  });

  it('rejects a model without training data or with an unknown snapshot', async () => {
    const { registry } = await scenario();
    expect(() => registry.registerModel({ name: 'm', version: '1', trainedOn: [] })).toThrow(/no training data/);
    expect(() => registry.registerModel({ name: 'm', version: '1', trainedOn: ['0'.repeat(64)] })).toThrow(/unknown snapshot/);
    expect(() => registry.upstreamOf('ghost', '1')).toThrow(/unknown model/);
  });
});
