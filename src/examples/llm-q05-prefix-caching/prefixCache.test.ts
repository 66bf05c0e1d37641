import { describe, expect, it } from 'vitest';
import { H100_SXM, LLAMA3_8B, prefillStep } from '../llm-q01-prefill-decode/roofline';
import { PrefixCache, blockKeys, kvBytesPerToken, kvTransferMs } from './prefixCache';

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('blockKeys', () => {
  it('keys only full blocks', () => {
    expect(blockKeys(range(0, 35), 16)).toHaveLength(2);
  });

  it('gives a block a key that depends on every token before it, not only on its own tokens', () => {
    const a = blockKeys([...range(0, 4), ...range(100, 4)], 4);
    const b = blockKeys([...range(50, 4), ...range(100, 4)], 4);
    expect(a[1]).not.toBe(b[1]); // same second block, different prefix
    expect(blockKeys([...range(0, 4), 7, 7, 7, 7], 4)[0]).toBe(a[0]);
  });
});

describe('PrefixCache.admit', () => {
  it('reuses a shared system prompt block by block and computes only the rest', () => {
    const cache = new PrefixCache(100, 16);
    const system = range(1, 64);
    cache.release(cache.admit([...system, ...range(1000, 20)]));
    const second = cache.admit([...system, ...range(2000, 20)]);
    expect(second).toMatchObject({ cachedTokens: 64, computedTokens: 20 });
  });

  it('stops at the first differing block, even if later blocks hold the same tokens', () => {
    const cache = new PrefixCache(100, 4);
    cache.release(cache.admit([...range(0, 4), ...range(10, 4), ...range(20, 4)]));
    const other = cache.admit([...range(0, 4), 99, 99, 99, 99, ...range(20, 4)]);
    expect(other.cachedTokens).toBe(4);
    // A different first token (a timestamp at the top of the prompt) makes every block a miss.
    expect(cache.admit([42, ...range(1, 3), ...range(10, 4), ...range(20, 4)]).cachedTokens).toBe(0);
  });

  it('recomputes the last block of a fully cached prompt: its last token must run to give the first output token', () => {
    const cache = new PrefixCache(100, 16);
    cache.release(cache.admit(range(0, 32)));
    // vLLM caps a hit at prompt length - 1, rounded down to whole blocks: floor(31 / 16) = 1 block.
    expect(cache.admit(range(0, 32))).toMatchObject({ cachedTokens: 16, computedTokens: 16 });
    expect(cache.stats()).toMatchObject({ blockHitRate: 1 / 4, prefillTokensSaved: 16 });
  });

  it('still serves every full block when the prompt ends in a partial block', () => {
    const cache = new PrefixCache(100, 16);
    cache.release(cache.admit(range(0, 33)));
    expect(cache.admit(range(0, 33))).toMatchObject({ cachedTokens: 32, computedTokens: 1 });
  });

  it('never serves a partial block from the cache', () => {
    const cache = new PrefixCache(100, 16);
    cache.release(cache.admit(range(0, 30)));
    expect(cache.admit(range(0, 30)).cachedTokens).toBe(16);
  });

  it('evicts the least recently used unpinned block when full', () => {
    const cache = new PrefixCache(2, 4);
    // One token past the block, so a cached block can be served (the last token is always computed).
    const a = [...range(0, 4), 99];
    const b = [...range(10, 4), 99];
    cache.release(cache.admit(a));
    cache.release(cache.admit(b));
    cache.release(cache.admit(a)); // a is now more recent than b
    cache.release(cache.admit([...range(20, 4), 99])); // evicts b
    expect(cache.admit(a).cachedTokens).toBe(4);
    expect(cache.admit(b).cachedTokens).toBe(0);
  });

  it('never evicts a block pinned by a running request, and computes without caching when everything is pinned', () => {
    const cache = new PrefixCache(2, 4);
    const running = cache.admit(range(0, 9)); // pins both blocks
    const other = cache.admit(range(50, 9));
    expect(other).toMatchObject({ cachedTokens: 0, computedTokens: 9, keys: [] });
    expect(cache.size).toBe(2);
    cache.release(running);
    expect(cache.admit(range(0, 9)).cachedTokens).toBe(8);
  });

  it('evicts a child block before its parent, so what stays cached is still a usable prefix', () => {
    const cache = new PrefixCache(3, 4);
    cache.release(cache.admit(range(0, 13))); // parent, child, grandchild
    cache.release(cache.admit(range(100, 4))); // needs one slot: the grandchild goes, not the root
    expect(cache.admit(range(0, 13)).cachedTokens).toBe(8);
  });

  it('counts hit rate over full blocks and tokens saved over all prompt tokens', () => {
    const cache = new PrefixCache(100, 4);
    cache.release(cache.admit(range(0, 10))); // 2 blocks looked up, 0 hits
    cache.release(cache.admit(range(0, 10))); // 2 hits, 8 tokens saved
    expect(cache.stats()).toEqual({ blockHitRate: 2 / 4, prefillTokensSaved: 8, savedShare: 8 / 20 });
  });

  it('refuses to release a request twice, or one it did not admit', () => {
    const cache = new PrefixCache(10, 4);
    const a = cache.admit(range(0, 4));
    cache.release(a);
    expect(() => cache.release(a)).toThrow(/already released/);
    expect(() => new PrefixCache(10, 4).release(cache.admit(range(0, 4)))).toThrow(/not admitted by this cache/);
  });

  it('refuses a second release of the same request even while another request pins its blocks, and leaves that pin in place', () => {
    const cache = new PrefixCache(2, 4);
    const a = cache.admit(range(0, 5));
    const b = cache.admit(range(0, 5)); // same block, two pins
    cache.release(a);
    expect(() => cache.release(a)).toThrow(/already released/);
    // b still pins the block, so a new prompt that needs room cannot evict it.
    cache.admit(range(100, 4));
    cache.admit(range(200, 4));
    expect(cache.admit(range(0, 5)).cachedTokens).toBe(4);
    cache.release(b);
  });
});

describe('KV transfer for prefill-decode disaggregation', () => {
  it('sizes Llama 3 8B at 2 x 32 layers x 8 heads x 128 x 2 bytes = 131,072 bytes per token', () => {
    expect(kvBytesPerToken(32, 8, 128, 2)).toBe(131_072);
  });

  it('takes 21 ms to send 8,000 tokens of it over a 400 Gb/s (50 GB/s) InfiniBand port and 2.3 ms over 450 GB/s of NVLink', () => {
    expect(kvTransferMs(8_000, 131_072, 400 / 8)).toBeCloseTo(20.97152, 9); // 1,048,576,000 bytes / 50e9 bytes/s
    expect(kvTransferMs(8_000, 131_072, 900 / 2)).toBeCloseTo(2.330169, 6); // / 450e9 bytes/s
  });

  it("is 6.7 % of TTFT when sent after an 8,000-token prefill at the calculator's 50 % MFU, 12.5 % at peak, counting causal attention", () => {
    // Q1's roofline counts the weights' 2 x parameters FLOP per token: 128 TFLOP, compute-bound.
    const weightsOnly = prefillStep(LLAMA3_8B, H100_SXM, 8_000);
    expect(weightsOnly.flops).toBe(128e12);
    expect(weightsOnly.bound).toBe('compute');
    // It leaves out attention. Causal: QK^T and AV over about n^2 / 2 pairs, 2 FLOP per multiply-add,
    // 32 heads x 128 = 4,096 query dimensions, 32 layers: 2 x 8,000^2 x 4,096 x 32 = 16.8 TFLOP, 13 % more.
    const attentionFlops = 2 * 8_000 ** 2 * 4_096 * 32;
    expect(attentionFlops / 1e12).toBeCloseTo(16.78, 2);
    expect(attentionFlops / weightsOnly.flops).toBeCloseTo(0.131, 3);
    const peakMs = ((weightsOnly.flops + attentionFlops) / H100_SXM.peakFlopsPerSecond) * 1000;
    expect(peakMs).toBeCloseTo(146.39, 2);
    expect(peakMs / 0.5).toBeCloseTo(292.775, 3);
    const transfer = kvTransferMs(8_000, kvBytesPerToken(32, 8, 128, 2), 50);
    const shareOfTtft = (prefillMs: number) => transfer / (prefillMs + transfer);
    expect(shareOfTtft(peakMs / 0.5)).toBeCloseTo(0.0668, 4);
    expect(shareOfTtft(peakMs)).toBeCloseTo(0.1253, 4);
  });

  it('grows linearly with the prompt', () => {
    expect(kvTransferMs(16_000, 131_072, 50)).toBeCloseTo(2 * kvTransferMs(8_000, 131_072, 50), 9);
    expect(kvTransferMs(0, 131_072, 50)).toBe(0);
  });
});

describe('input checks', () => {
  it('names the field it rejects', () => {
    expect(() => new PrefixCache(0, 16)).toThrow(new RangeError('capacityBlocks must be a positive integer, got 0'));
    expect(() => new PrefixCache(8, 0)).toThrow(/blockSize/);
    expect(() => blockKeys([1], 1.5)).toThrow(/blockSize/);
    expect(() => new PrefixCache(8, 4).admit([])).toThrow(/tokens must not be empty/);
    expect(() => kvBytesPerToken(32, 0, 128, 2)).toThrow(/kvHeads must be a positive number/);
    expect(() => kvTransferMs(-1, 131_072, 50)).toThrow(/promptTokens/);
    expect(() => kvTransferMs(10, 0, 50)).toThrow(/bytesPerToken/);
    expect(() => kvTransferMs(10, 131_072, 0)).toThrow(/linkGBps/);
  });
});
