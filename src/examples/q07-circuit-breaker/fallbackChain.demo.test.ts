import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './fallbackChain.demo';

afterEach(() => vi.restoreAllMocks());

describe('the fallback chain demo', () => {
  it('answers from the primary, then the cache, the baseline and the default as each layer fails, and refuses invalid input', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await demo()).toEqual(['primary', 'cache', 'baseline', 'default', 'refused']);
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('(empty user): refused with "user must not be empty", not answered by a fallback');
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('backoff between retries: 50 ms, 100 ms');
  });
});
