import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './apiGuard.demo';

afterEach(() => vi.restoreAllMocks());

describe('the API guard demo', () => {
  it('limits the first key to its burst of 5, the second key to what the shared account has left, rejects a wrong secret and a missing scope, and audits all 14', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await demo()).toEqual({ statuses: [200, 200, 200, 200, 200, 429, 429, 200, 200, 200, 429, 401, 403, 200], audited: 14 });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('t=0 s predict (burst request 6): 429, retry after 1000 ms');
    expect(lines).toContain('t=0 s predict (second key, same account, request 4): 429, retry after 500 ms');
  });
});
