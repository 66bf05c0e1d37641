import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './apiGuard.demo';

afterEach(() => vi.restoreAllMocks());

describe('the API guard demo', () => {
  it('allows a burst of 5, rate-limits the next 2, rejects a wrong secret and a missing scope, and audits all 10', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await demo()).toEqual({ statuses: [200, 200, 200, 200, 200, 429, 429, 401, 403, 200], audited: 10 });
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('t=0 s predict (burst request 6): 429, retry after 1000 ms');
  });
});
