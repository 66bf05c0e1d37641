import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './toolReliability.demo';

afterEach(() => vi.restoreAllMocks());

describe('the tool reliability demo', () => {
  it('contrasts pass@3 and pass^3, compounds ten steps, and charges a retried payment once', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    expect(result.passAt3).toBe(1);
    expect(result.passHat3).toBeCloseTo(0.467, 3);
    expect(result.tenSteps).toBeCloseTo(0.599, 3);
    expect(result.charges).toBe(1);
    const lines = log.mock.calls.map((call) => String(call[0]));
    expect(lines).toContain('k=3: pass@k 1.000, pass^k 0.467');
    expect(lines).toContain('10 steps at p=0.95: 59.9 % of runs succeed; with 3 attempts a step: 99.88 %');
    expect(lines).toContain('payment: charged 4999 cents / charged 4999 cents; tool called 2 times, 1 charge recorded');
  });
});
