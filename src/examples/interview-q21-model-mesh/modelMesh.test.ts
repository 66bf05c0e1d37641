import { describe, expect, it } from 'vitest';
import { fakeStore } from './fakeStore';
import { CapacityError, LoadTimeoutError, ModelMesh, ModelTooLargeError, PinnedFullError, PodBusyError } from './modelMesh';

const MB = 1_000_000;

/** Lets pending promise callbacks run. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A 10-byte mesh whose load of "a" outlives its deadline: the request times out, then the load completes
 * anyway. Returns the mesh and the request's settled outcome once the abandoned load has finished.
 */
async function loadThatFinishesLate(store: ReturnType<typeof fakeStore>, onEvict: (id: string, model: string) => void) {
  let fire = () => {};
  store.hold('a');
  const mesh = new ModelMesh({
    capacityBytes: 10,
    sizeOf: store.sizeOf,
    load: store.load,
    loadTimeoutMs: 1_000,
    schedule: (_ms, callback) => ((fire = callback), () => {}),
    onEvict,
  });
  const request = mesh.use('a', (m) => m);
  await flush();
  fire();
  await expect(request).rejects.toBeInstanceOf(LoadTimeoutError);
  store.finish('a'); // the abandoned load completes anyway
  await flush();
  await flush();
  return mesh;
}

describe('ModelMesh', () => {
  it('loads a cold model once and serves it from memory afterwards', async () => {
    const store = fakeStore({ a: 100 * MB });
    const mesh = new ModelMesh({ capacityBytes: 500 * MB, ...store });
    expect(await mesh.use('a', (m) => m)).toBe('weights-of-a');
    expect(await mesh.use('a', (m) => m)).toBe('weights-of-a');
    expect(store.calls).toEqual(['a']);
    expect(mesh.stats()).toMatchObject({ hits: 1, misses: 1, loads: 1, usedBytes: 100 * MB, freeFailures: 0 });
  });

  it('shares one in-flight load among concurrent requests for the same cold model', async () => {
    const store = fakeStore({ a: 100 * MB });
    const mesh = new ModelMesh({ capacityBytes: 500 * MB, ...store });
    const results = await Promise.all(Array.from({ length: 50 }, () => mesh.use('a', (m) => m)));
    expect(new Set(results)).toEqual(new Set(['weights-of-a']));
    expect(store.calls).toEqual(['a']);
  });

  it('evicts the least recently used model by bytes, not by count', async () => {
    const store = fakeStore({ a: 200 * MB, b: 200 * MB, c: 50 * MB, d: 300 * MB });
    const evicted: string[] = [];
    const mesh = new ModelMesh({ capacityBytes: 500 * MB, ...store, onEvict: (id) => void evicted.push(id) });
    for (const id of ['a', 'b', 'c', 'a']) await mesh.use(id, () => undefined); // a is now the most recently used
    await mesh.use('d', () => undefined); // needs 300 MB: b (200) then c (50) go, a stays
    expect(evicted).toEqual(['b', 'c']);
    expect(mesh.stats().resident).toEqual(['a', 'd']);
    expect(mesh.stats().usedBytes).toBe(500 * MB);
  });

  it('never evicts pinned models', async () => {
    const store = fakeStore({ hot: 300 * MB, x: 200 * MB, y: 200 * MB });
    const mesh = new ModelMesh({ capacityBytes: 500 * MB, ...store, pinned: new Set(['hot']) });
    for (const id of ['hot', 'x', 'y']) await mesh.use(id, () => undefined);
    expect(mesh.stats().resident).toEqual(['hot', 'y']);
  });

  it('refuses a model that pinned models leave too little room for, as a PinnedFullError (not retryable), and evicts nothing for it', async () => {
    const store = fakeStore({ hot: 400 * MB, small: 50 * MB, big: 200 * MB });
    const mesh = new ModelMesh({ capacityBytes: 500 * MB, ...store, pinned: new Set(['hot']) });
    await mesh.use('hot', () => undefined);
    await mesh.use('small', () => undefined);
    const error = await mesh.use('big', () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PinnedFullError);
    expect(error).toBeInstanceOf(CapacityError);
    expect((error as CapacityError).retryable).toBe(false); // pinned models never leave: only another pod helps
    expect((error as Error).message).toBe('model big needs 200,000,000 bytes; pinned models leave 100,000,000 of 500,000,000');
    expect(mesh.stats().resident).toEqual(['hot', 'small']); // evicting "small" would not have made room
    expect(store.calls).toEqual(['hot', 'small']);
  });

  it('reports a pod busy for now as a retryable PodBusyError, with the bytes it needs, has free and can evict', async () => {
    const store = fakeStore({ hot: 300 * MB, x: 120 * MB, y: 30 * MB, z: 150 * MB });
    const mesh = new ModelMesh({ capacityBytes: 500 * MB, ...store, pinned: new Set(['hot']) });
    await mesh.use('hot', () => undefined);
    const lease = await mesh.acquire('x');
    await mesh.use('y', () => undefined);
    const error = await mesh.use('z', () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PodBusyError);
    expect((error as CapacityError).retryable).toBe(true);
    expect((error as Error).message).toBe(
      'no room for z: needs 150,000,000 bytes, 50,000,000 free and 30,000,000 in idle models it can evict; the rest is pinned, in use or loading',
    );
    lease.release();
    expect(await mesh.use('z', (m) => m)).toBe('weights-of-z'); // the retry succeeds once x is released
  });

  it('refuses a model larger than the pod from its registered size, without loading it, on every request', async () => {
    const store = fakeStore({ huge: 900 * MB });
    const mesh = new ModelMesh({ capacityBytes: 500 * MB, ...store });
    await expect(mesh.use('huge', () => undefined)).rejects.toThrow('model huge needs 900,000,000 bytes, the pod has 500,000,000');
    const error = await mesh.use('huge', () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelTooLargeError);
    expect((error as CapacityError).retryable).toBe(false); // no retry and no other pod of this size helps
    expect(store.calls).toEqual([]);
    expect(store.memory.peak).toBe(0);
  });

  it('reserves a model before loading it, so two concurrent loads never hold more than the pod', async () => {
    const store = fakeStore({ a: 300 * MB, b: 300 * MB });
    const mesh = new ModelMesh({ capacityBytes: 500 * MB, ...store });
    store.hold('a');
    const first = mesh.use('a', (m) => m);
    await flush(); // a's 300 MB are reserved and its load is in flight
    await expect(mesh.use('b', (m) => m)).rejects.toBeInstanceOf(CapacityError); // a loading model cannot be evicted
    store.finish('a');
    expect(await first).toBe('weights-of-a');
    expect(store.memory.peak).toBe(300 * MB);
    expect(await mesh.use('b', (m) => m)).toBe('weights-of-b'); // a is idle now, so it is evicted for b
    expect(store.memory.peak).toBeLessThanOrEqual(500 * MB);
  });

  it('never evicts a model while a request is still using it', async () => {
    const store = fakeStore({ a: 300 * MB, b: 300 * MB });
    const evicted: string[] = [];
    const mesh = new ModelMesh({ capacityBytes: 500 * MB, ...store, onEvict: (id) => void evicted.push(id) });
    let finishInference = () => {};
    const inference = mesh.use('a', (m) => new Promise<string>((resolve) => (finishInference = () => resolve(m))));
    await flush(); // a is loaded and its request is still running
    await expect(mesh.use('b', () => undefined)).rejects.toBeInstanceOf(CapacityError);
    expect(evicted).toEqual([]);
    finishInference();
    expect(await inference).toBe('weights-of-a');
    await mesh.use('b', () => undefined);
    expect(evicted).toEqual(['a']);
  });

  it('releases a lease once however often release() is called, and after a failing request', async () => {
    const store = fakeStore({ a: 300 * MB, b: 300 * MB });
    const mesh = new ModelMesh({ capacityBytes: 500 * MB, ...store });
    const lease = await mesh.acquire('a');
    const second = await mesh.acquire('a');
    lease.release();
    lease.release(); // a second call must not release the other request's hold
    await expect(mesh.use('b', () => undefined)).rejects.toBeInstanceOf(CapacityError);
    second.release();
    await expect(
      mesh.use('a', () => {
        throw new Error('inference failed');
      }),
    ).rejects.toThrow('inference failed');
    expect(await mesh.use('b', (m) => m)).toBe('weights-of-b');
  });

  it('forgets a failed load and its reservation, so the next request retries it', async () => {
    const store = fakeStore({ a: 100 * MB });
    store.failNext.add('a');
    const mesh = new ModelMesh({ capacityBytes: 500 * MB, ...store });
    const waiters = [mesh.use('a', (m) => m), mesh.use('a', (m) => m)];
    for (const waiter of waiters) await expect(waiter).rejects.toThrow(/storage timeout/);
    expect(mesh.stats().usedBytes).toBe(0);
    expect(await mesh.use('a', (m) => m)).toBe('weights-of-a');
    expect(store.calls).toEqual(['a', 'a']);
  });

  it('fails a load that hangs past its deadline and aborts it; a runtime that stops on the abort frees its bytes', async () => {
    const store = fakeStore({ a: 100 * MB });
    let fire = () => {};
    let signal: AbortSignal | undefined;
    let hung = false;
    const mesh = new ModelMesh({
      capacityBytes: 500 * MB,
      sizeOf: store.sizeOf,
      load: (id, s) => {
        signal = s;
        if (hung) return store.load(id);
        hung = true; // the first load answers only to the abort
        return new Promise<string>((_, reject) => s.addEventListener('abort', () => reject(s.reason as Error)));
      },
      loadTimeoutMs: 30_000,
      schedule: (_ms, callback) => ((fire = callback), () => {}),
    });
    const request = mesh.use('a', (m) => m);
    await flush();
    expect(mesh.stats().usedBytes).toBe(100 * MB);
    fire();
    await expect(request).rejects.toThrow('model a did not load within 30,000 ms');
    expect(signal?.aborted).toBe(true);
    expect(mesh.stats().usedBytes).toBe(0);
    expect(await mesh.use('a', (m) => m)).toBe('weights-of-a'); // the next request loads afresh
  });

  it('keeps the bytes of a load past its deadline reserved while the runtime still runs it, and fetches no second copy', async () => {
    const store = fakeStore({ a: 6, b: 6 });
    let fire = () => {};
    store.hold('a'); // the runtime ignores the abort and keeps loading
    const mesh = new ModelMesh({
      capacityBytes: 10,
      sizeOf: store.sizeOf,
      load: store.load,
      schedule: (_ms, callback) => ((fire = callback), () => {}),
      onEvict: store.onEvict,
    });
    const request = mesh.use('a', (m) => m);
    await flush();
    fire();
    await expect(request).rejects.toBeInstanceOf(LoadTimeoutError);
    expect(mesh.stats().usedBytes).toBe(6);
    await expect(mesh.use('b', () => undefined)).rejects.toBeInstanceOf(PodBusyError); // 6 + 6 would overshoot 10
    const again = await mesh.use('a', () => undefined).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(PodBusyError);
    expect((again as Error).message).toBe('no room for a: a load of it past its deadline still holds 6 bytes');
    expect(store.calls).toEqual(['a']);
    store.finish('a'); // the runtime's load ends; its weights are handed back
    await flush();
    expect(mesh.stats().usedBytes).toBe(0);
    expect(await mesh.use('b', (m) => m)).toBe('weights-of-b');
    expect(store.memory.peak).toBe(6);
  });

  it('puts the registry lookup under the deadline: a hung lookup fails its requests and does not hold the model id', async () => {
    const store = fakeStore({ a: 6 });
    let fire = () => {};
    let armed = 0;
    let lookups = 0;
    const mesh = new ModelMesh({
      capacityBytes: 10,
      sizeOf: (id) => (++lookups === 1 ? new Promise<number>(() => {}) : store.sizeOf(id)), // the first lookup hangs
      load: store.load,
      schedule: (_ms, callback) => ((fire = callback), armed++, () => {}),
    });
    const request = mesh.use('a', (m) => m);
    await flush();
    expect(armed).toBe(1); // the deadline runs while the registry is still silent
    fire();
    await expect(request).rejects.toBeInstanceOf(LoadTimeoutError);
    expect(mesh.stats().usedBytes).toBe(0);
    expect(await mesh.use('a', (m) => m)).toBe('weights-of-a');
  });

  it('hands a load that resolves after its deadline to onEvict, so the runtime frees weights nobody counts', async () => {
    const store = fakeStore({ a: 6, b: 6 });
    const evicted: string[] = [];
    const mesh = await loadThatFinishesLate(store, (id, model) => {
      evicted.push(`${id}:${model}`);
      store.onEvict(id);
    });
    expect(evicted).toEqual(['a:weights-of-a']);
    expect(await mesh.use('b', (m) => m)).toBe('weights-of-b');
    // What the mesh counts is what the runtime holds: 6 bytes, not 12 on a 10-byte pod.
    expect(mesh.stats().usedBytes).toBe(6);
    expect(store.memory.now).toBe(6);
  });

  it('survives an onEvict that throws for a load resolving after its deadline: no unhandled rejection', async () => {
    const store = fakeStore({ a: 6 });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const mesh = await loadThatFinishesLate(store, () => {
        throw new Error('free() failed');
      });
      expect(unhandled).toEqual([]);
      expect(mesh.stats()).toMatchObject({ usedBytes: 0, freeFailures: 1 });
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('still evicts and loads the new model when onEvict throws while making room for it', async () => {
    const store = fakeStore({ a: 4, b: 4, c: 8 });
    const evicted: string[] = [];
    const mesh = new ModelMesh({
      capacityBytes: 10,
      sizeOf: store.sizeOf,
      load: store.load,
      onEvict: (id) => {
        evicted.push(id);
        throw new Error(`free() failed for ${id}`);
      },
    });
    await mesh.use('a', () => undefined);
    await mesh.use('b', () => undefined);
    expect(await mesh.use('c', (m) => m)).toBe('weights-of-c'); // needs both a and b gone
    expect(evicted).toEqual(['a', 'b']);
    // Counted, so an operator can see weights the mesh no longer counts but the runtime may still hold.
    expect(mesh.stats()).toMatchObject({ evictions: 2, resident: ['c'], usedBytes: 8, freeFailures: 2 });
  });

  it('survives an async onEvict that rejects while making room: the load succeeds and no unhandled rejection escapes', async () => {
    const store = fakeStore({ a: 6, b: 6 });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const mesh = new ModelMesh({
        capacityBytes: 10,
        sizeOf: store.sizeOf,
        load: store.load,
        onEvict: async () => {
          await Promise.resolve();
          throw new Error('free() failed');
        },
      });
      await mesh.use('a', () => undefined);
      expect(await mesh.use('b', (m) => m)).toBe('weights-of-b');
      await flush();
      await flush();
      expect(unhandled).toEqual([]);
      expect(mesh.stats()).toMatchObject({ evictions: 1, resident: ['b'], usedBytes: 6, freeFailures: 1 });
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('waits for an async onEvict before loading into the room it frees', async () => {
    const store = fakeStore({ a: 6, b: 6 });
    let finishFree = () => {};
    const mesh = new ModelMesh({
      capacityBytes: 10,
      sizeOf: store.sizeOf,
      load: store.load,
      onEvict: (id) => new Promise<void>((resolve) => (finishFree = () => (store.onEvict(id), resolve()))),
    });
    await mesh.use('a', () => undefined);
    const b = mesh.use('b', (m) => m);
    await flush();
    expect(store.calls).toEqual(['a']); // a is evicted, but the runtime has not freed it yet
    finishFree();
    expect(await b).toBe('weights-of-b');
    expect(store.memory.peak).toBe(6);
  });

  it('keeps the bytes of models being freed reserved, so a concurrent load cannot take room the runtime still holds', async () => {
    const store = fakeStore({ a: 8, b: 3, c: 7 });
    let finishFree = () => {};
    const mesh = new ModelMesh({
      capacityBytes: 10,
      sizeOf: store.sizeOf,
      load: store.load,
      onEvict: (id) => new Promise<void>((resolve) => (finishFree = () => (store.onEvict(id), resolve()))),
    });
    await mesh.use('a', () => undefined);
    const b = mesh.use('b', (m) => m); // evicts a (8) for 3 bytes
    await flush();
    expect(mesh.stats().usedBytes).toBe(8); // a's 8 bytes, not b's 3, until a is freed
    await expect(mesh.use('c', () => undefined)).rejects.toBeInstanceOf(PodBusyError);
    finishFree();
    expect(await b).toBe('weights-of-b');
    expect(mesh.stats().usedBytes).toBe(3);
    expect(store.memory.peak).toBeLessThanOrEqual(10);
  });

  it.each([
    ['the deadline', (finishLoad: () => void, fire: () => void) => (fire(), finishLoad())],
    ['the load', (finishLoad: () => void, fire: () => void) => (finishLoad(), fire())],
  ])('lets the first of deadline and load decide when both land in one tick (%s first): never served and freed', async (_first, land) => {
    let fire = () => {};
    let finishLoad = () => {};
    const handedBack: string[] = [];
    const mesh = new ModelMesh({
      capacityBytes: 10,
      sizeOf: async () => 6,
      load: () => new Promise<string>((resolve) => (finishLoad = () => resolve('weights'))),
      schedule: (_ms, callback) => ((fire = callback), () => {}),
      onEvict: (_id, model) => void handedBack.push(model),
    });
    const request = mesh.use('a', (m) => m).catch((e: unknown) => e);
    await flush();
    land(finishLoad, fire);
    const outcome = await request;
    await flush();
    if (outcome === 'weights') {
      expect(handedBack).toEqual([]);
      expect(mesh.stats()).toMatchObject({ resident: ['a'], usedBytes: 6 });
    } else {
      expect(outcome).toBeInstanceOf(LoadTimeoutError);
      expect(handedBack).toEqual(['weights']);
      expect(mesh.stats()).toMatchObject({ resident: [], usedBytes: 0 });
    }
  });

  it('ignores a deadline that fires after the load has decided: the model stays served and resident', async () => {
    let fire = () => {};
    let signal: AbortSignal | undefined;
    const handedBack: string[] = [];
    const mesh = new ModelMesh({
      capacityBytes: 10,
      sizeOf: async () => 6,
      load: async (_id, s) => ((signal = s), 'weights'),
      schedule: (_ms, callback) => ((fire = callback), () => {}), // a clock whose cancel does nothing
      onEvict: (_id, model) => void handedBack.push(model),
    });
    const lease = await mesh.acquire('a');
    fire();
    await flush();
    expect(lease.model).toBe('weights');
    expect(signal?.aborted).toBe(false);
    expect(handedBack).toEqual([]);
    expect(mesh.stats()).toMatchObject({ resident: ['a'], usedBytes: 6 });
  });

  it.each(Array.from({ length: 8 }, (_, delay) => delay))(
    'never evicts a model between its load ending and its waiter resuming (another load starts %s microtasks after)',
    async (delay) => {
      const store = fakeStore({ a: 6, b: 6 });
      const mesh = new ModelMesh({ capacityBytes: 10, sizeOf: async () => 6, load: store.load });
      store.hold('a');
      const a = mesh.use('a', () => mesh.stats().resident.includes('a'));
      await flush();
      store.finish('a');
      for (let i = 0; i < delay; i++) await Promise.resolve();
      const b = mesh.use('b', () => undefined).catch((e: unknown) => e);
      expect(await a).toBe(true); // still resident while its request runs
      await b; // refused while a is in use, loaded once a is released: either is right
    },
  );

  it('loads a model of exactly the pod capacity', async () => {
    const store = fakeStore({ a: 10 });
    const mesh = new ModelMesh({ capacityBytes: 10, ...store });
    expect(await mesh.use('a', (m) => m)).toBe('weights-of-a');
    expect(mesh.stats().usedBytes).toBe(10);
  });

  it('cancels the deadline once the load settles, whether it loads or fails', async () => {
    const store = fakeStore({ a: 6, b: 6 });
    store.failNext.add('b');
    const pending = new Set<number>();
    let next = 0;
    const mesh = new ModelMesh({
      capacityBytes: 20,
      ...store,
      schedule: () => {
        const id = next++;
        pending.add(id);
        return () => pending.delete(id);
      },
    });
    await mesh.use('a', () => undefined);
    await expect(mesh.use('b', () => undefined)).rejects.toThrow('storage timeout for b');
    expect(next).toBe(2);
    expect(pending.size).toBe(0);
  });

  it('counts requests that wait for an in-flight load as misses: three at once are three misses and one load', async () => {
    const store = fakeStore({ a: 6 });
    const mesh = new ModelMesh({ capacityBytes: 10, ...store });
    await Promise.all([1, 2, 3].map(() => mesh.use('a', () => undefined)));
    expect(mesh.stats()).toMatchObject({ hits: 0, misses: 3, loads: 1 });
  });

  it('accepts a loadTimeoutMs of 2^31 - 1, the longest setTimeout keeps', () => {
    const store = fakeStore({ a: 1 });
    expect(() => new ModelMesh({ capacityBytes: 10, sizeOf: store.sizeOf, load: store.load, loadTimeoutMs: 2 ** 31 - 1 })).not.toThrow();
  });

  it('refuses a model registered with a NaN size without evicting anything or touching the byte count', async () => {
    const store = fakeStore({ a: 6, bad: Number.NaN });
    const evicted: string[] = [];
    const mesh = new ModelMesh({ capacityBytes: 10, ...store, onEvict: (id) => void evicted.push(id) });
    await mesh.use('a', () => undefined);
    await expect(mesh.use('bad', () => undefined)).rejects.toThrow('model bad is registered with NaN bytes');
    expect(evicted).toEqual([]);
    expect(mesh.stats()).toMatchObject({ usedBytes: 6, resident: ['a'], evictions: 0 });
    expect(store.calls).toEqual(['a']);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 0, -1, 2 ** 31])('rejects a loadTimeoutMs of %s', (loadTimeoutMs) => {
    const store = fakeStore({ a: 1 });
    expect(() => new ModelMesh({ capacityBytes: 10, sizeOf: store.sizeOf, load: store.load, loadTimeoutMs })).toThrow(RangeError);
  });

  it('treats a model that loads as undefined as loaded: it is resident and can be evicted', async () => {
    const sizes = { a: 300 * MB, b: 300 * MB };
    const store = fakeStore(sizes);
    const mesh = new ModelMesh<string | undefined>({ capacityBytes: 500 * MB, sizeOf: store.sizeOf, load: async (id) => (id === 'a' ? undefined : store.load(id)) });
    expect(await mesh.use('a', (m) => m)).toBeUndefined();
    expect(mesh.stats().resident).toEqual(['a']);
    expect(await mesh.use('a', (m) => m)).toBeUndefined();
    expect(mesh.stats()).toMatchObject({ hits: 1, misses: 1 });
    expect(await mesh.use('b', (m) => m)).toBe('weights-of-b');
    expect(mesh.stats()).toMatchObject({ evictions: 1, resident: ['b'], usedBytes: 300 * MB });
  });

  it('keeps a skewed workload mostly in memory: 90% of requests to 10 models gives a high hit rate', async () => {
    const sizes = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`m${i}`, 10 * MB]));
    const store = fakeStore(sizes);
    // Room for 50 of the 1,000 models.
    const mesh = new ModelMesh({ capacityBytes: 500 * MB, ...store });
    for (let i = 0; i < 2000; i++) {
      const id = i % 10 === 9 ? `m${10 + ((i * 7919) % 990)}` : `m${i % 10}`;
      await mesh.use(id, () => undefined);
    }
    const { hits, misses } = mesh.stats();
    expect(hits / (hits + misses)).toBeGreaterThan(0.85);
    expect(mesh.stats().resident.length).toBe(50);
    expect(store.memory.peak).toBeLessThanOrEqual(500 * MB);
  });
});
