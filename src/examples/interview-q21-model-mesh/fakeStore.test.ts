import { describe, expect, it } from 'vitest';
import { fakeStore } from './fakeStore';

describe('fakeStore', () => {
  it('answers sizes from its table and refuses a model it does not know', async () => {
    const store = fakeStore({ a: 7 });
    expect(await store.sizeOf('a')).toBe(7);
    await expect(store.sizeOf('b')).rejects.toThrow('unknown model b');
  });

  it('logs each load, holds its bytes from the start of the load until onEvict, and keeps the peak', async () => {
    const store = fakeStore({ a: 7, b: 5 });
    expect(await store.load('a')).toBe('weights-of-a');
    expect(await store.load('b')).toBe('weights-of-b');
    store.onEvict('a');
    expect(store.calls).toEqual(['a', 'b']);
    expect(store.memory).toEqual({ now: 5, peak: 12 });
  });

  it('holds a load until finish() is called, and fails a load once when asked to, giving its bytes back', async () => {
    const store = fakeStore({ a: 7, b: 5 });
    store.hold('a');
    let done = false;
    const loading = store.load('a').then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(done).toBe(false);
    expect(store.memory.now).toBe(7);
    store.finish('a');
    await loading;
    expect(done).toBe(true);
    store.failNext.add('b');
    await expect(store.load('b')).rejects.toThrow('storage timeout for b');
    expect(await store.load('b')).toBe('weights-of-b');
    expect(store.memory.now).toBe(12);
  });
});
