import { beforeAll, describe, expect, it, vi } from 'vitest';
import { demo, type DemoResult } from './disparateImpact.demo';

// The demo draws millions of decisions: run it once and share its result and its lines.
let result: DemoResult;
let lines: string[];
beforeAll(() => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    result = demo();
    lines = log.mock.calls.map((c) => String(c[0]));
  } finally {
    log.mockRestore();
  }
});

describe('the disparate-impact monitor demo', () => {
  it('with two fair groups of 100 at 20%, would page in about 42% of windows on the ratio alone, and alerts in about 5% with the test', () => {
    expect(Math.abs(result.twoGroups.ratioAlone - 0.42)).toBeLessThan(0.01);
    expect(Math.abs(result.twoGroups.alerts - 0.05)).toBeLessThan(0.01);
  });

  it('with five fair groups, would page in about 29% of windows uncorrected, and alerts in at most 5% with the Bonferroni bar', () => {
    expect(Math.abs(result.fiveGroups.uncorrected - 0.29)).toBeLessThan(0.01);
    expect(result.fiveGroups.alerts).toBeLessThanOrEqual(0.05);
  });

  it('catches a real 20%-vs-15% gap (B flagged) in only about 15% of windows of 100 decisions per group, and about 74% at 1,000', () => {
    expect(Math.abs(result.realGap.caught - 0.15)).toBeLessThan(0.01);
    expect(result.realGap.wrongWay).toBeLessThan(0.01);
    expect(Math.abs(result.realGap.caughtAt1000 - 0.74)).toBeLessThan(0.02);
    expect(lines).toContain('2 groups, truly 20% vs 15%: the monitor flags B in 15.0% of windows (A, the wrong way round, in 0.2%)');
    expect(lines).toContain('  first window there with a ratio below 0.8 and no alert: A 21/100, B 14/100 (ratio 0.67, z 1.30): ok');
  });

  it('sends a significant gap above 0.8 to review, leaves out a group of 12 decisions, and reports an outage as such, not as ok', () => {
    expect(result.large).toEqual({ verdict: 'review', review: ['B'], tooSmall: ['C'] });
    expect(result.outage).toBe('no-favourable-outcomes');
    expect(lines).toContain('A and B with 10,000 decisions each, true rates 20% vs 17%: A 1,970/10,000, B 1,657/10,000 (ratio 0.84, z 5.74): review [B]');
    expect(lines).toContain('groups left out of that window as too small: [C] (C had 12 decisions)');
    expect(lines).toContain('nobody approved in either group: no-favourable-outcomes');
  });
});
