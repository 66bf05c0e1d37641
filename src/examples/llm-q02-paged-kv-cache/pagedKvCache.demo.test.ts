import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo, type Settings } from './pagedKvCache.demo';

afterEach(() => vi.restoreAllMocks());

/** The demo's printed lines for these settings. */
function printed(settings: Partial<Settings> = {}): string[] {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    demo(settings);
    return log.mock.calls.map((c) => String(c[0]));
  } finally {
    log.mockRestore();
  }
}

// Every run: prompts 100, 40, 300 and 200 tokens, the 200 forked twice, 20 steps for each of the six, so the
// sequences end at 120, 60, 320 and 3 × 220 = 1,160 tokens. Contiguous at 512: 6 × 512 = 3,072 slots,
// 3,072 − 1,160 = 1,912 wasted (62%), and 1,024 / 512 = 2 sequences fit.
const CONTIGUOUS_512 = 'contiguous at 512 per sequence: 3,072 slots, 1,912 wasted (62%); 2 sequences fit in the same 1,024 slots';

describe('the paged KV cache demo', () => {
  it("prints the page's figures: 50 blocks with 24 of 800 slots wasted, against 1,912 of 3,072 reserved", () => {
    // Blocks of 16: 8 + 4 + 20 for the chats; 12 full prompt blocks shared, plus 2 own blocks per sample = 18.
    // Filled: 120 + 60 + 320 + 200 + 3 × 20, plus the 8 prompt tokens each of 2 copies repeats = 776.
    expect(printed()).toEqual([
      '1,024 token slots: 64 blocks of 16',
      '6 sequences, 1,160 tokens in 50 blocks: 800 slots, 776 filled; 24 wasted (3%)',
      'copy-on-write copies of the shared last prompt block: 2',
      CONTIGUOUS_512,
      '120-token prompts admitted now: 1; the next needs 8 blocks, 6 free: it waits until blocks are freed',
    ]);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo()).toMatchObject({ blocks: 64, copies: 2, admittedBeforeFull: 1, contiguous: { slots: 3072, wasteSlots: 1912, sequencesThatFit: 2 } });
  });

  it('keeps the same 1,024 slots with blocks of 8: the prompt ends on a block boundary, so nothing is copied', () => {
    // 15 + 8 + 40 for the chats; 25 shared prompt blocks plus 3 own per sample (20 tokens) = 34; 97 blocks, 776 slots.
    // Filled: 120 + 60 + 320 + 200 + 60 = 760. Free 128 − 97 = 31: two 120-token prompts of 15 blocks, then 1 left.
    expect(printed({ blockSize: 8 })).toEqual([
      '1,024 token slots: 128 blocks of 8',
      '6 sequences, 1,160 tokens in 97 blocks: 776 slots, 760 filled; 16 wasted (2%)',
      'copy-on-write copies of the shared last prompt block: 0; the 200-token prompt fills its last block, so no sample writes into a shared block',
      CONTIGUOUS_512,
      '120-token prompts admitted now: 2; the next needs 15 blocks, 1 free: it waits until blocks are freed',
    ]);
  });

  it('prints true lines with blocks of 32', () => {
    // 4 + 2 + 10 for the chats; 6 shared prompt blocks plus 1 own per sample = 9; 25 blocks, 800 slots, 776 filled
    // (8 prompt tokens copied twice). Free 32 − 25 = 7: one prompt of 4 blocks, then 3 left.
    expect(printed({ blockSize: 32 })).toEqual([
      '1,024 token slots: 32 blocks of 32',
      '6 sequences, 1,160 tokens in 25 blocks: 800 slots, 776 filled; 24 wasted (3%)',
      'copy-on-write copies of the shared last prompt block: 2',
      CONTIGUOUS_512,
      '120-token prompts admitted now: 1; the next needs 4 blocks, 3 free: it waits until blocks are freed',
    ]);
  });

  it('prints true lines with blocks of 64, which waste the most', () => {
    // 2 + 1 + 5 for the chats; 3 shared prompt blocks plus 1 own per sample = 6; 14 blocks, 896 slots, 776 filled,
    // 120 wasted (13%). Free 16 − 14 = 2: one prompt of 2 blocks, then none left.
    expect(printed({ blockSize: 64 })).toEqual([
      '1,024 token slots: 16 blocks of 64',
      '6 sequences, 1,160 tokens in 14 blocks: 896 slots, 776 filled; 120 wasted (13%)',
      'copy-on-write copies of the shared last prompt block: 2',
      CONTIGUOUS_512,
      '120-token prompts admitted now: 1; the next needs 2 blocks, 0 free: it waits until blocks are freed',
    ]);
  });

  it('says a 256-token reservation cannot hold the 320-token sequence instead of throwing', () => {
    // chat3 ends at 300 + 20 = 320 tokens; the paged lines do not depend on the reservation.
    expect(printed({ maxSeqLen: 256 })).toEqual([
      '1,024 token slots: 64 blocks of 16',
      '6 sequences, 1,160 tokens in 50 blocks: 800 slots, 776 filled; 24 wasted (3%)',
      'copy-on-write copies of the shared last prompt block: 2',
      'a 256-token reservation cannot hold every sequence (the longest has 320 tokens): contiguous serving would reject or truncate it',
      '120-token prompts admitted now: 1; the next needs 8 blocks, 6 free: it waits until blocks are freed',
    ]);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo({ maxSeqLen: 256 }).contiguous).toBeNull();
  });
});
