import { describe, expect, it } from 'vitest';
import { CapacityError, ModelMesh, type LoadedModel } from './modelMesh';

const MB = 1_000_000;

/** A fake model store: sizes per model, a call log, and loads that resolve when told to. */
function fakeStore(sizes: Record<string, number>) {
  const calls: string[] = [];
  const failNext = new Set<string>();
  const load = async (id: string): Promise<LoadedModel<string>> => {
    calls.push(id);
    await Promise.resolve();
    if (failNext.delete(id)) throw new Error(`storage timeout for ${id}`);
    const bytes = sizes[id];
    if (bytes === undefined) throw new Error(`unknown model ${id}`);
    return { model: `weights-of-${id}`, bytes };
  };
  return { load, calls, failNext };
}

describe('ModelMesh', () => {
  it('loads a cold model once and serves it from memory afterwards', async () => {
    const store = fakeStore({ a: 100 * MB });
    const mesh = new ModelMesh({ capacityBytes: 500 * MB, load: store.load });
    expect(await mesh.get('a')).toBe('weights-of-a');
    expect(await mesh.get('a')).toBe('weights-of-a');
    expect(store.calls).toEqual(['a']);
    expect(mesh.stats()).toMatchObject({ hits: 1, misses: 1, loads: 1, residentBytes: 100 * MB });
  });

  it('shares one in-flight load among concurrent requests for the same cold model', async () => {
    const store = fakeStore({ a: 100 * MB });
    const mesh = new ModelMesh({ capacityBytes: 500 * MB, load: store.load });
    const results = await Promise.all(Array.from({ length: 50 }, () => mesh.get('a')));
    expect(new Set(results)).toEqual(new Set(['weights-of-a']));
    expect(store.calls).toEqual(['a']);
  });

  it('evicts the least recently used model by bytes, not by count', async () => {
    const store = fakeStore({ a: 200 * MB, b: 200 * MB, c: 50 * MB, d: 300 * MB });
    const evicted: string[] = [];
    const mesh = new ModelMesh({ capacityBytes: 500 * MB, load: store.load, onEvict: (id) => evicted.push(id) });
    await mesh.get('a');
    await mesh.get('b');
    await mesh.get('c');
    await mesh.get('a'); // a is now the most recently used
    await mesh.get('d'); // needs 300 MB: b (200) then c (50) go, a stays
    expect(evicted).toEqual(['b', 'c']);
    expect(mesh.stats().resident).toEqual(['a', 'd']);
    expect(mesh.stats().residentBytes).toBe(500 * MB);
  });

  it('never evicts pinned models', async () => {
    const store = fakeStore({ hot: 300 * MB, x: 200 * MB, y: 200 * MB });
    const mesh = new ModelMesh({ capacityBytes: 500 * MB, load: store.load, pinned: new Set(['hot']) });
    await mesh.get('hot');
    await mesh.get('x');
    await mesh.get('y');
    expect(mesh.stats().resident).toEqual(['hot', 'y']);
  });

  it('refuses a model when pinned models leave no room, and one larger than the pod', async () => {
    const store = fakeStore({ hot: 400 * MB, big: 200 * MB, huge: 900 * MB });
    const mesh = new ModelMesh({ capacityBytes: 500 * MB, load: store.load, pinned: new Set(['hot']) });
    await mesh.get('hot');
    await expect(mesh.get('big')).rejects.toBeInstanceOf(CapacityError);
    await expect(mesh.get('huge')).rejects.toThrow(/needs 900000000 bytes/);
    expect(mesh.stats().resident).toEqual(['hot']);
  });

  it('forgets a failed load so the next request retries it', async () => {
    const store = fakeStore({ a: 100 * MB });
    store.failNext.add('a');
    const mesh = new ModelMesh({ capacityBytes: 500 * MB, load: store.load });
    await expect(mesh.get('a')).rejects.toThrow(/storage timeout/);
    expect(await mesh.get('a')).toBe('weights-of-a');
    expect(store.calls).toEqual(['a', 'a']);
  });

  it('keeps a skewed workload mostly in memory: 90% of requests to 10 models gives a high hit rate', async () => {
    const sizes = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`m${i}`, 10 * MB]));
    const store = fakeStore(sizes);
    // Room for 50 of the 1,000 models.
    const mesh = new ModelMesh({ capacityBytes: 500 * MB, load: store.load });
    for (let i = 0; i < 2000; i++) {
      const id = i % 10 === 9 ? `m${10 + ((i * 7919) % 990)}` : `m${i % 10}`;
      await mesh.get(id);
    }
    const { hits, misses } = mesh.stats();
    expect(hits / (hits + misses)).toBeGreaterThan(0.85);
    expect(mesh.stats().resident.length).toBe(50);
  });
});
