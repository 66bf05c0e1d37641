import { describe, expect, it } from 'vitest';
import { OutOfBlocksError, PagedKvCache } from './pagedKvCache';

describe('PagedKvCache allocation', () => {
  it('gives a prompt ceil(tokens / blockSize) blocks, so at most blockSize - 1 slots are wasted per sequence', () => {
    const cache = new PagedKvCache(10, 16);
    cache.addSequence('a', 33);
    expect(cache.blockTable('a')).toHaveLength(3);
    expect(cache.report(64)).toMatchObject({ logicalTokens: 33, usedBlocks: 3, pagedWasteSlots: 15 });
  });

  it('never wastes more than blockSize - 1 slots per sequence, whatever the lengths', () => {
    let seed = 12345; // a fixed linear congruential sequence keeps the lengths the same on every run
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n) + 1;
    const cache = new PagedKvCache(2_000, 16);
    for (let i = 0; i < 40; i++) {
      cache.addSequence(`s${i}`, next(300));
      for (let t = next(100); t > 0; t--) cache.appendToken(`s${i}`);
      const r = cache.report(1_000);
      expect(r.pagedWasteSlots).toBeLessThanOrEqual(r.sequences * 15);
      expect(r.usedBlocks * 16 - r.pagedWasteSlots).toBe(r.logicalTokens);
    }
  });

  it('takes a new block only when the last one is full', () => {
    const cache = new PagedKvCache(10, 4);
    cache.addSequence('a', 3);
    cache.appendToken('a');
    expect(cache.blockTable('a')).toHaveLength(1);
    cache.appendToken('a');
    expect(cache.blockTable('a')).toHaveLength(2);
    expect(cache.report(8)).toMatchObject({ logicalTokens: 5, pagedWasteSlots: 3 });
  });

  it('maps a sequence to blocks that need not be adjacent (the block table)', () => {
    const cache = new PagedKvCache(4, 2);
    cache.addSequence('a', 2); // block 0
    cache.addSequence('b', 2); // block 1
    cache.appendToken('a'); // block 2, after b's
    expect(cache.blockTable('a')).toEqual([0, 2]);
    cache.free('b');
    cache.addSequence('c', 4); // reuses the hole b left, then block 3: no external fragmentation
    expect(cache.blockTable('c')).toEqual([1, 3]);
  });

  it('compares with a contiguous reservation of maxSeqLen slots per sequence', () => {
    const cache = new PagedKvCache(64, 16);
    cache.addSequence('short', 40);
    cache.addSequence('long', 300);
    expect(cache.report(512)).toMatchObject({ contiguousSlots: 1024, contiguousWasteSlots: 1024 - 340, usedBlocks: 3 + 19, pagedWasteSlots: 8 + 4 });
  });
});

describe('PagedKvCache sharing', () => {
  it('lets forked samples share every prompt block without copying', () => {
    const cache = new PagedKvCache(10, 4);
    cache.addSequence('p', 6);
    cache.fork('p', 'q');
    expect(cache.blockTable('q')).toEqual(cache.blockTable('p'));
    expect(cache.report(16)).toMatchObject({ logicalTokens: 12, usedBlocks: 2 });
  });

  it('copies a shared partly filled block on the first write, and only for the writer', () => {
    const cache = new PagedKvCache(10, 4);
    cache.addSequence('p', 6);
    cache.fork('p', 'q');
    const before = cache.blockTable('p');
    expect(cache.appendToken('q')).toBe(true);
    expect(cache.blockTable('q')[0]).toBe(before[0]); // the full block stays shared
    expect(cache.blockTable('q')[1]).not.toBe(before[1]);
    expect(cache.blockTable('p')).toEqual(before);
    // p is now the only owner of its block, so it writes in place.
    expect(cache.appendToken('p')).toBe(false);
    expect(cache.blockTable('p')).toEqual(before);
    expect(cache.report(16)).toMatchObject({ logicalTokens: 14, usedBlocks: 3, pagedWasteSlots: 2 });
  });

  it('does not copy a shared block that is already full: the new token goes to a fresh block', () => {
    const cache = new PagedKvCache(10, 4);
    cache.addSequence('p', 8);
    cache.fork('p', 'q');
    expect(cache.appendToken('q')).toBe(false);
    expect(cache.blockTable('q')).toEqual([...cache.blockTable('p'), 2]);
  });

  it('returns a shared block to the pool only when its last owner is freed', () => {
    const cache = new PagedKvCache(4, 4);
    cache.addSequence('p', 8);
    cache.fork('p', 'q');
    cache.free('p');
    expect(cache.freeBlocks).toBe(2);
    cache.free('q');
    expect(cache.freeBlocks).toBe(4);
  });
});

describe('PagedKvCache when blocks run out', () => {
  it('rejects a prompt that does not fit now and allocates nothing, so the scheduler can keep it waiting', () => {
    const cache = new PagedKvCache(3, 4);
    cache.addSequence('a', 4);
    expect(() => cache.addSequence('b', 9)).toThrow(new OutOfBlocksError(3, 2));
    expect(() => cache.addSequence('b', 9)).toThrow(/^out of KV blocks: need 3, 2 free$/);
    expect(cache.freeBlocks).toBe(2);
    expect(() => cache.blockTable('b')).toThrow(/unknown sequence b/);
  });

  it('rejects a prompt larger than the whole pool with a RangeError, since waiting would never admit it', () => {
    const cache = new PagedKvCache(3, 4);
    const tooLong = (() => {
      try {
        cache.addSequence('big', 13);
      } catch (e) {
        return e;
      }
    })();
    expect(tooLong).toBeInstanceOf(RangeError);
    expect(tooLong).not.toBeInstanceOf(OutOfBlocksError);
    expect(tooLong).toMatchObject({ message: 'prompt of 13 tokens needs 4 blocks; the pool has 3' });
    expect(cache.freeBlocks).toBe(3);
    cache.addSequence('fits', 12); // exactly the pool
    expect(cache.freeBlocks).toBe(0);
  });

  it('fails a decode step that needs a block when none is free, and succeeds after a preemption frees one', () => {
    const cache = new PagedKvCache(2, 2);
    cache.addSequence('old', 2);
    cache.addSequence('young', 2);
    let error: unknown;
    try {
      cache.appendToken('old');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutOfBlocksError);
    expect(error).toMatchObject({ needed: 1, free: 0 });
    cache.free('young'); // preempted: swapped out or recomputed later
    expect(cache.appendToken('old')).toBe(false);
    expect(cache.report(4).logicalTokens).toBe(3);
  });

  it('fails a copy-on-write when no block is free, leaving both owners unchanged', () => {
    const cache = new PagedKvCache(1, 4);
    cache.addSequence('p', 2);
    cache.fork('p', 'q');
    expect(() => cache.appendToken('q')).toThrow(OutOfBlocksError);
    expect(cache.report(4)).toMatchObject({ logicalTokens: 4, usedBlocks: 1 });
    cache.free('p');
    expect(cache.appendToken('q')).toBe(false);
  });
});

describe('PagedKvCache input checks', () => {
  it('names the field it rejects', () => {
    expect(() => new PagedKvCache(0, 16)).toThrow(new RangeError('numBlocks must be a positive integer, got 0'));
    expect(() => new PagedKvCache(8, 2.5)).toThrow(/blockSize/);
    const cache = new PagedKvCache(8, 4);
    expect(() => cache.addSequence('a', 0)).toThrow(/promptTokens/);
    cache.addSequence('a', 5);
    expect(() => cache.addSequence('a', 1)).toThrow(/already exists/);
    expect(() => cache.fork('a', 'a')).toThrow(/already exists/);
    expect(() => cache.appendToken('zz')).toThrow(/unknown sequence zz/);
    expect(() => cache.report(4)).toThrow(/maxSeqLen 4 is shorter than sequence a/);
  });

  it('rejects a block size of 0', () => {
    expect(() => new PagedKvCache(8, 0)).toThrow(/blockSize/);
  });

  it('rejects a fractional prompt length', () => {
    expect(() => new PagedKvCache(8, 4).addSequence('x', 2.5)).toThrow(/promptTokens/);
  });

  it('rejects a reservation of 0 even with no sequence to compare', () => {
    expect(() => new PagedKvCache(8, 4).report(0)).toThrow(/maxSeqLen/);
  });

  it('accepts a sequence exactly as long as the reservation', () => {
    const cache = new PagedKvCache(8, 4);
    cache.addSequence('a', 5);
    expect(cache.report(5)).toMatchObject({ contiguousSlots: 5, contiguousWasteSlots: 0 });
  });

  it('hands out a copy of the block table, so a caller cannot change the cache', () => {
    const cache = new PagedKvCache(8, 4);
    cache.addSequence('a', 5);
    (cache.blockTable('a') as number[]).push(7);
    expect(cache.blockTable('a')).toEqual([0, 1]);
    expect(cache.report(8)).toMatchObject({ usedBlocks: 2, pagedWasteSlots: 3 });
  });
});

describe('PagedKvCache usage', () => {
  it('reports the paged side and the longest sequence without a reservation, so a caller can check one first', () => {
    const cache = new PagedKvCache(8, 4);
    cache.addSequence('short', 2);
    cache.addSequence('long', 9);
    cache.addSequence('mid', 5);
    expect(cache.usage()).toEqual({ sequences: 3, logicalTokens: 16, longestSequence: 9, usedBlocks: 6, pagedWasteSlots: 8 });
    expect(() => cache.report(8)).toThrow(/maxSeqLen 8 is shorter than sequence long/);
    expect(cache.report(9)).toEqual({ ...cache.usage(), contiguousSlots: 27, contiguousWasteSlots: 11 });
  });
});
