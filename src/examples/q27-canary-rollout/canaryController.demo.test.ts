import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './canaryController.demo';

afterEach(() => vi.restoreAllMocks());

describe('the canary rollout demo', () => {
  it('promotes a version as good as the baseline through every step and rolls back one with 3% errors at 1%', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo()).toEqual({ 'version A': ['advance', 'advance', 'complete'], 'version B': ['rollback'] });
    expect(log.mock.calls.map((c) => String(c[0])).at(-1)).toMatch(/^version-B at 1% .*rollback: error rate \d\.\d\d points above baseline \(z = \d\.\d\d\)$/);
  });
});
