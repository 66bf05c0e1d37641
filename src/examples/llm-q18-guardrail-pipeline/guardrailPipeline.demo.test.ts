import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './guardrailPipeline.demo';

afterEach(() => vi.restoreAllMocks());

describe('the guardrail pipeline demo', () => {
  it('saves the input stage latency by generating in parallel, blocks the injection, and applies each fail mode', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const r = await demo();
    expect(r['checks before generation']).toEqual({ allowed: true, latencyMs: 1040, blockedBy: undefined });
    expect(r['generation during input checks']).toEqual({ allowed: true, latencyMs: 980, blockedBy: undefined });
    expect(r['injection attempt']).toEqual({ allowed: false, latencyMs: 60, blockedBy: { stage: 'input', check: 'injection', status: 'block' } });
    expect(r['groundedness check hangs (fails open)']).toEqual({ allowed: true, latencyMs: 1000, blockedBy: undefined });
    expect(r['toxicity check hangs (fails closed)']).toEqual({ allowed: false, latencyMs: 1000, blockedBy: { stage: 'output', check: 'toxicity', status: 'timeout' } });
    expect(log.mock.calls.map((c) => String(c[0]))).toContain('groundedness check hangs (fails open): allowed after 1000 ms, failed open: groundedness');
  });
});
