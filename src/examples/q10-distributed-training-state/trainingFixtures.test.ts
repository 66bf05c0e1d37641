import { describe, expect, it } from 'vitest';
import { checkpointDir, MemoryStore, shardsAt, trainingStateAt } from './trainingFixtures';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('MemoryStore', () => {
  it('lists keys under a prefix in sorted order and logs puts and deletes', async () => {
    const store = new MemoryStore();
    await store.put('a/2', bytes('two'));
    await store.put('a/1', bytes('one'));
    await store.put('b/1', bytes('other'));
    await store.delete('a/2');
    expect(await store.list('a/')).toEqual(['a/1']);
    expect(new TextDecoder().decode(await store.get('a/1'))).toBe('one');
    expect(store.log).toEqual(['put a/2', 'put a/1', 'put b/1', 'delete a/2']);
  });

  it('crashes once its puts are used up, keeping what landed before', async () => {
    const store = new MemoryStore();
    store.putsBeforeCrash = 1;
    await store.put('x', bytes('kept'));
    await expect(store.put('y', bytes('lost'))).rejects.toThrow('node lost');
    expect([...store.objects.keys()]).toEqual(['x']);
  });

  it('keeps only the first byte of a put it truncates, and holds puts back until their gate opens', async () => {
    const store = new MemoryStore();
    store.truncates = (key) => key === 'cut';
    await store.put('cut', bytes('abc'));
    expect(store.objects.get('cut')).toEqual(bytes('a'));
    const open = store.hold('slow/');
    const held = store.put('slow/1', bytes('late'));
    await Promise.resolve();
    expect(store.objects.has('slow/1')).toBe(false);
    open();
    await held;
    expect(store.objects.has('slow/1')).toBe(true);
  });
});

describe('the training fixtures', () => {
  it('give each of two ranks its data-loader position and its own RNG state, and a shard per rank', () => {
    expect(trainingStateAt(7_500)).toEqual({
      step: 7_500,
      epoch: 1,
      ranks: [
        { samplesSeenInEpoch: 320_000, rngState: 'generators of rank 0 @7500' },
        { samplesSeenInEpoch: 320_000, rngState: 'generators of rank 1 @7500' },
      ],
    });
    expect([...shardsAt(2_000).keys()]).toEqual(['rank-0.bin', 'rank-1.bin']);
    expect(new TextDecoder().decode(shardsAt(2_000).get('rank-1.bin'))).toBe('weights+adam rank 1 @2000');
  });

  it('zero-pad the step in the checkpoint directory, so listing order is step order', () => {
    expect(checkpointDir(2_000)).toBe('checkpoints/step-000000002000/');
  });
});
