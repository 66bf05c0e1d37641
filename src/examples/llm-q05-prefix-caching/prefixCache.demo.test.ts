import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './prefixCache.demo';

afterEach(() => vi.restoreAllMocks());

describe('the prefix cache demo', () => {
  it('saves 2,528 of 3,564 prompt tokens (70.9%) with a 72.1% block hit rate, and prints the transfer times', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const r = demo();
    expect(r.prefillTokensSaved).toBe(2528);
    expect(r.savedShare).toBeCloseTo(2528 / 3564, 12);
    expect(r.blockHitRate).toBeCloseTo(158 / 219, 12);
    expect(r.transferMs[0]).toBeCloseTo(20.97, 2);
    expect(r.transferMs[1]).toBeCloseTo(2.33, 2);
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('KV of 8,000 tokens at 131,072 bytes/token: 21.0 ms over InfiniBand at 50 GB/s, 2.3 ms over NVLink at 450 GB/s');
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('user 1, turn 3: 496 prompt tokens, 384 from cache');
  });

  it("never meets the cap of prompt length - 1 in whole blocks: each turn's cached prefix ends where the previous answer begins", () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    demo();
    const lines = log.mock.calls.map((c) => String(c[0]));
    // Turn 2: 396 tokens, cap floor(395 / 16) = 24 blocks = 384, served 288 = turn 1's 296 tokens in whole blocks.
    // Turn 3: 496 tokens, cap floor(495 / 16) = 30 blocks = 480, served 384 = turn 2's 396 tokens in whole blocks.
    for (const [turn, length, cached, previous] of [
      [2, 396, 288, 296],
      [3, 496, 384, 396],
    ] as const) {
      expect(lines).toContain(`user 1, turn ${turn}: ${length} prompt tokens, ${cached} from cache`);
      expect(cached).toBe(Math.floor(previous / 16) * 16);
      expect(cached).toBeLessThan(Math.floor((length - 1) / 16) * 16);
    }
  });

  it('loses part of the gain when the cache holds only 30 blocks and evicts conversations', () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const r = demo(30);
    expect(r.prefillTokensSaved).toBe(2112);
    expect(r.blockHitRate).toBeCloseTo(132 / 219, 12);
  });
});
