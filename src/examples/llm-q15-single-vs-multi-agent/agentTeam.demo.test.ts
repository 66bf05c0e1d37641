import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './agentTeam.demo';

afterEach(() => vi.restoreAllMocks());

describe('the single-versus-team demo', () => {
  it('prints both estimates, the $0.72 break-even, and skips the worker that failed twice and the one that hung', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await demo()).toEqual({ breakEven: 0.72, failed: ['competitors', 'patents'] });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('one agent: 216,000 tokens, 480 s, success 78.4%, peak context 34,000');
    expect(lines).toContain('orchestrator + 4 workers: 238,000 tokens, 150 s, success 66.7%, peak context 28,000');
    expect(lines).toContain('with handoffs that lose 0.5% instead of 2%: success 75.3%');
    expect(lines).toContain('done: pricing: 3 sources; regulation: 3 sources');
    expect(lines).toContain('failed: competitors (search quota exceeded); patents (no result within 100 ms)');
  });
});
