import { describe, expect, it } from 'vitest';
import { TierSelector, type SelectorOptions } from './tierSelector';

function setup(overrides: Partial<SelectorOptions> = {}) {
  const clock = { t: 0 };
  const selector = new TierSelector({
    enter: { medium: { gpuUtilPct: 85, p95LatencyMs: 25 }, low: { gpuUtilPct: 95, p95LatencyMs: 50 } },
    recoveryMargin: 0.1,
    cooldownMs: 60_000,
    now: () => clock.t,
    ...overrides,
  });
  return { clock, selector };
}

const calm = { gpuUtilPct: 40, p95LatencyMs: 12 };

describe('TierSelector', () => {
  it('stays HIGH under normal load', () => {
    expect(setup().selector.select(calm)).toBe('high');
  });

  it('reaches LOW when GPU is at 97%, although the MEDIUM condition holds as well', () => {
    const { selector } = setup();
    expect(selector.target({ gpuUtilPct: 97, p95LatencyMs: 10 })).toBe('low');
    expect(selector.select({ gpuUtilPct: 97, p95LatencyMs: 10 })).toBe('low');
  });

  it('degrades on either signal: a 30 ms p95 alone moves HIGH to MEDIUM at once', () => {
    const { selector } = setup();
    expect(selector.select({ gpuUtilPct: 50, p95LatencyMs: 30 })).toBe('medium');
  });

  it('does not flap when p95 oscillates around the 25 ms threshold', () => {
    const { clock, selector } = setup();
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      clock.t += 30_000;
      seen.add(selector.select({ gpuUtilPct: 60, p95LatencyMs: i % 2 === 0 ? 26 : 23.5 }));
    }
    // 23.5 ms is under 25 ms but above the 22.5 ms recovery line, so it never counts as calm.
    expect([...seen]).toEqual(['medium']);
  });

  it('recovers one tier per cool-down period, and only after a full calm period', () => {
    const { clock, selector } = setup();
    selector.select({ gpuUtilPct: 99, p95LatencyMs: 80 });
    expect(selector.current).toBe('low');
    expect(selector.select(calm)).toBe('low'); // Calm starts now (t = 0).
    clock.t = 59_999;
    expect(selector.select(calm)).toBe('low');
    clock.t = 60_000;
    expect(selector.select(calm)).toBe('medium');
    clock.t = 90_000;
    expect(selector.select(calm)).toBe('medium');
    clock.t = 120_000;
    expect(selector.select(calm)).toBe('high');
  });

  it('restarts the calm period when load returns during the cool-down', () => {
    const { clock, selector } = setup();
    selector.select({ gpuUtilPct: 90, p95LatencyMs: 20 });
    selector.select(calm);
    clock.t = 50_000;
    selector.select({ gpuUtilPct: 80, p95LatencyMs: 20 }); // 80% >= 76.5%: inside the band.
    clock.t = 100_000;
    expect(selector.select(calm)).toBe('medium');
    clock.t = 160_000;
    expect(selector.select(calm)).toBe('high');
  });

  it('obeys a manual override and ignores an unknown flag value', () => {
    const { selector } = setup();
    expect(selector.select(calm, 'low')).toBe('low');
    expect(selector.select({ gpuUtilPct: 99, p95LatencyMs: 90 }, 'high')).toBe('high');
    expect(selector.select({ gpuUtilPct: 99, p95LatencyMs: 90 }, 'LOWEST')).toBe('low');
  });

  it('holds the current tier when a metric is missing instead of guessing', () => {
    const { selector } = setup();
    selector.select({ gpuUtilPct: 90, p95LatencyMs: 20 });
    expect(selector.select({ gpuUtilPct: Number.NaN, p95LatencyMs: 5 })).toBe('medium');
  });

  it('rejects LOW thresholds below MEDIUM ones, the configuration that hides a tier', () => {
    expect(() => setup({ enter: { medium: { gpuUtilPct: 95, p95LatencyMs: 50 }, low: { gpuUtilPct: 85, p95LatencyMs: 25 } } })).toThrow(RangeError);
  });
});
