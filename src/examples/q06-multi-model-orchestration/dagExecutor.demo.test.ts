import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './dagExecutor.demo';

afterEach(() => vi.restoreAllMocks());

describe('the multi-model DAG demo', () => {
  it('answers on the critical path, 80 ms instead of 120 ms, falls back at 85 ms, and answers at the 100 ms deadline when every model hangs', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await demo()).toEqual({ sequentialMs: 120, healthyMs: 80, degradedMs: 85, worstCaseMs: 600, hungMs: 100, hungAnswer: 'popularity ranking' });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('healthy, the models start at: userEmb 0 ms, itemEmb 0 ms, interaction 40 ms, ranking 65 ms');
    expect(lines).toContain('answer "ranking output" at 80 ms; in turn it would take 120 ms: 33 % saved');
    expect(lines).toContain('  userEmb failed, itemEmb fallback, interaction skipped, ranking fallback');
  });
});
