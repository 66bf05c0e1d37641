import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './tierSelector.demo';

afterEach(() => vi.restoreAllMocks());

describe('the tier selector demo', () => {
  it('degrades 96% of HIGH only to MEDIUM, drops to LOW for a 37,500 rps spike, returns to HIGH at 7,500 rps in three tier changes, and not at 8,000', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo()).toEqual({
      at96Pct: 'medium',
      path: ['high', 'low', 'medium', 'high'],
      tierChanges: 3,
      scaleOutOnPct: 375,
      // 80% of HIGH is under MEDIUM's 85% line but over the 76.5% recovery line: HIGH does not come back.
      pathAt80Pct: ['high', 'low', 'medium'],
    });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain("9,600 rps is 96% of HIGH's capacity, 32% of MEDIUM's: degrade to medium");
    // One 60 s cool-down per step: MEDIUM 60 s after the spike ends, HIGH 60 s after the first reading at MEDIUM.
    expect(lines).toContain('t=660 s: low -> medium');
    expect(lines).toContain('t=735 s: medium -> high');
    expect(lines).toContain("the same spike over 8,000 rps, 80% of HIGH's capacity: t=300 s: high -> low; t=660 s: low -> medium");
    expect(lines).toContain('  after 60 min, serving medium: 8,000 rps projected onto HIGH is 80%, not below the 76.5% recovery line');
  });
});
