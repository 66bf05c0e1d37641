import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './fallbackChain.demo';

afterEach(() => vi.restoreAllMocks());

describe('the fallback chain demo', () => {
  it('answers from the primary, then the cache, the baseline and the default as each layer fails', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await demo()).toEqual(['primary', 'cache', 'baseline', 'default']);
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('backoff between retries: 50 ms, 100 ms');
  });
});
