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

  it('gives the same parents in any order the same id, and other parents another id', async () => {
    const registry = new DatasetRegistry();
    const p1 = await registry.commit('p1', { 'a.csv': text('a') });
    const p2 = await registry.commit('p2', { 'b.csv': text('b') });
    const joined = await registry.commit('joined', { 'c.csv': text('c') }, { parents: [p1.id, p2.id] });
    expect((await registry.commit('joined-again', { 'c.csv': text('c') }, { parents: [p2.id, p1.id] })).id).toBe(joined.id);
    expect((await registry.commit('from-p1', { 'c.csv': text('c') }, { parents: [p1.id] })).id).not.toBe(joined.id);
    expect((await registry.commit('no-parents', { 'c.csv': text('c') })).id).not.toBe(joined.id);
  });

  it('stores the bytes it hashed, even when the caller reuses its buffer while the commit runs', async () => {
    const registry = new DatasetRegistry();
    const buffer = text('cat,dog');
    const pending = registry.commit('labels', { 'labels.csv': buffer });
    buffer[0] = 'X'.charCodeAt(0);
    const snapshot = await pending;
    expect(snapshot.manifest['labels.csv']).toBe(await sha256Hex('cat,dog'));
    expect(await registry.verify(snapshot.id)).toEqual([]);
    buffer.fill(0); // and after it: the stored copy is the registry's own
    expect(await registry.verify(snapshot.id)).toEqual([]);
  });

  it('hands out snapshots that cannot be changed, so no caller can rewrite what an id stands for', async () => {
    const { registry, raw, corruptedHash } = await scenario();
    expect(() => {
      (raw.manifest as Record<string, Hash>)['txns.csv'] = '0'.repeat(64);
    }).toThrow(TypeError);
    expect(() => (raw.parents as Hash[]).push('0'.repeat(64))).toThrow(TypeError);
    expect(() => (raw.sources as string[]).push('s3://elsewhere')).toThrow(TypeError);
    expect(registry.get(raw.id).manifest['txns.csv']).toBe(corruptedHash);
  });

  it('keeps every source of the same bytes: a second origin is added to the snapshot, not dropped', async () => {
    const registry = new DatasetRegistry();
    const first = await registry.commit('from-kafka', { 't.csv': text('1') }, { sources: ['kafka://txns'] });
    const second = await registry.commit('from-s3', { 't.csv': text('1') }, { sources: ['s3://vendor/txns', 'kafka://txns'] });
    expect(second.id).toBe(first.id);
    expect(second.name).toBe('from-kafka');
    expect(second.sources).toEqual(['kafka://txns', 's3://vendor/txns']);
    registry.registerModel({ name: 'm', version: '1', trainedOn: [first.id] });
    expect(registry.upstreamOf('m', '1').sources).toEqual(['kafka://txns', 's3://vendor/txns']);
    expect(await registry.commit('again', { 't.csv': text('1') }, { sources: ['kafka://txns'] })).toBe(second);
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

  it('reports a file whose stored bytes are gone', async () => {
    const blobs = new Map<Hash, Uint8Array>();
    const registry = new DatasetRegistry(blobs);
    const snap = await registry.commit('labels', { 'ok.csv': text('fine'), 'labels.csv': text('cat,dog') });
    blobs.delete(snap.manifest['labels.csv']!);
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

  it('follows a corrupted file through every hop downstream, diamonds included, to every model', async () => {
    const registry = new DatasetRegistry();
    const raw = await registry.commit('raw', { 'bad.csv': text('bad') });
    const clean = await registry.commit('clean', { 'c.csv': text('c') }, { parents: [raw.id] });
    const features = await registry.commit('features', { 'f.csv': text('f') }, { parents: [clean.id] });
    const sample = await registry.commit('sample', { 's.csv': text('s') }, { parents: [raw.id] });
    const joined = await registry.commit('joined', { 'j.csv': text('j') }, { parents: [features.id, sample.id] });
    const unrelated = await registry.commit('unrelated', { 'u.csv': text('u') });
    registry.registerModel({ name: 'deep', version: '1', trainedOn: [joined.id] });
    registry.registerModel({ name: 'features', version: '1', trainedOn: [features.id] });
    registry.registerModel({ name: 'other', version: '1', trainedOn: [unrelated.id] });
    const impact = registry.impactOf(await sha256Hex('bad'));
    expect(impact.snapshots).toEqual([raw.id, clean.id, features.id, sample.id, joined.id].sort());
    expect(impact.models).toEqual(['deep@1', 'features@1']);
    expect(registry.upstreamOf('deep', '1').snapshots).toEqual([raw.id, clean.id, features.id, sample.id, joined.id].sort());
  });

  it('refuses to register the same model version twice, so the upstream and downstream walks agree', async () => {
    const { registry, raw, cleaned } = await scenario();
    expect(() => registry.registerModel({ name: 'fraud', version: '7', trainedOn: [raw.id] })).toThrow(/fraud@7 is already registered/);
    expect(registry.upstreamOf('fraud', '7').snapshots).toEqual([raw.id, cleaned.id].sort());
  });

  it('rejects a model without training data or with an unknown snapshot', async () => {
    const { registry } = await scenario();
    expect(() => registry.registerModel({ name: 'm', version: '1', trainedOn: [] })).toThrow(/no training data/);
    expect(() => registry.registerModel({ name: 'm', version: '1', trainedOn: ['0'.repeat(64)] })).toThrow(/unknown snapshot/);
    expect(() => registry.upstreamOf('ghost', '1')).toThrow(/unknown model/);
  });
});
