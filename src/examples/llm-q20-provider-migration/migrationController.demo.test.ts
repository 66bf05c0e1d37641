import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './migrationController.demo';

afterEach(() => vi.restoreAllMocks());

describe('the provider migration demo', () => {
  it('rolls back a candidate that wins 6-3 (mean +0.075) but regresses refunds, advances it once fixed, and shows the dearer request', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await demo()).toEqual({ actions: ['rollback 0', 'advance 0.01'], wins: 6, losses: 3, costOld: 0.0026, costNew: 0.0027 });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('candidate as is: wins 6, losses 3, mean +0.075; faq +0.167, refunds -0.200');
    expect(lines).toContain('  -> rollback to 0% of traffic: critical slice refunds drops 0.200 > 0.05');
    expect(lines).toContain('after fixing the refund prompt: wins 7, losses 0, mean +0.175; faq +0.167, refunds +0.200');
    expect(lines).toContain('  -> advance to 1% of traffic');
    expect(lines).toContain('cost per request: $0.0026 now, $0.0027 on the candidate (+3.8% per request), although its price per token is 10% lower');
  });
});
