import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './canaryController.demo';

afterEach(() => vi.restoreAllMocks());

describe('the canary rollout demo', () => {
  it('promotes a version as good as the baseline through every step, rolls back one with 3% errors by the z-test and a broken or too slow one by the ceiling', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo()).toEqual({ 'version A': ['advance', 'advance', 'complete'], 'version B': ['rollback'], 'version C': ['rollback'], 'version D': ['rollback'] });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines[0]).toBe('version-A at 1%, 60 s: wait: need 292 canary / 28,908 baseline requests, have 115 / 11,885');
    expect(lines).toContain('version-A at 1%, 180 s: advance to 10%');
    expect(lines.at(-3)).toMatch(/^version-B at 1%, 180 s: rollback: error rate \d\.\d\d points above baseline \(z = \d\.\d\d\)$/);
    expect(lines.at(-2)).toBe('version-C at 1%, 11 s: rollback: 11 errors in the last 22 canary requests, over the ceiling of 10 in 100');
    expect(lines.at(-1)).toBe('version-D at 1%, 6 s: rollback: 11 errors in the last 11 canary requests, over the ceiling of 10 in 100');
  });
});
