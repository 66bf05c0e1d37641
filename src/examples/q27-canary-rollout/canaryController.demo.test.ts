import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './canaryController.demo';

afterEach(() => vi.restoreAllMocks());

describe('the canary rollout demo', () => {
  it('promotes a version as good as the baseline through every step, rolls back one with 3% errors by the z-test and a broken one by the ceiling', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo()).toEqual({ 'version A': ['advance', 'advance', 'complete'], 'version B': ['rollback'], 'version C': ['rollback'] });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines.at(-2)).toMatch(/^version-B at 1% .*rollback: error rate \d\.\d\d points above baseline \(z = \d\.\d\d\)$/);
    expect(lines.at(-1)).toBe('version-C at 1% (22 canary / 2153 baseline requests): rollback: 11 errors in the last 22 canary requests, over the ceiling of 10 in 100');
  });
});
