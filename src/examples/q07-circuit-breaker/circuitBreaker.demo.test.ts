import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './circuitBreaker.demo';

afterEach(() => vi.restoreAllMocks());

describe('the circuit breaker demo', () => {
  it('opens on the fourth failure of 20 calls, fails fast while open, and closes after three good probes', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    expect(result).toEqual({ transitions: ['closed', 'open', 'half-open', 'closed'], failedFast: 6 });
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('6 calls failed fast instead of waiting on a dead server');
  });
});
