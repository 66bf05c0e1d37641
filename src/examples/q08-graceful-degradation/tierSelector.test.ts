import { describe, expect, it } from 'vitest';
import { TierSelector, type LoadSignals, type SelectorOptions, type Tier } from './tierSelector';

const rpsPerGpu = { high: 500, medium: 1_500, low: 5_000 } as const;

function setup(overrides: Partial<SelectorOptions> = {}) {
  const clock = { t: 0 };
  const selector = new TierSelector({
    enter: { medium: { gpuUtilPct: 85, p95LatencyMs: 25 }, low: { gpuUtilPct: 95, p95LatencyMs: 50 } },
    rpsPerGpu,
    recoveryMargin: 0.1,
    cooldownMs: 60_000,
    now: () => clock.t,
    ...overrides,
  });
  return { clock, selector };
}

/** The page's fleet: 20 GPUs. Below saturation queueing is ignored; at saturation the tail latency explodes. */
function measure(rps: number, tier: Tier): LoadSignals {
  const busyPct = (100 * rps) / (20 * rpsPerGpu[tier]);
  return busyPct < 100 ? { gpuUtilPct: busyPct, p95LatencyMs: 10 } : { gpuUtilPct: 100, p95LatencyMs: 200 };
}

/** Feeds the selector what the fleet would measure at its current tier, every 15 s, and counts tier changes. */
function run(setupResult: ReturnType<typeof setup>, rps: number, minutes: number) {
  const { clock, selector } = setupResult;
  const seen = new Set<Tier>();
  let changes = 0;
  for (let elapsed = 0; elapsed < minutes * 60_000; elapsed += 15_000) {
    clock.t += 15_000;
    const before = selector.current;
    seen.add(selector.select(measure(rps, before)));
    if (selector.current !== before) changes++;
  }
  return { seen: [...seen], changes };
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

  it('projects GPU use onto the higher tier by the per-GPU throughput ratio', () => {
    const { selector } = setup();
    selector.select({ gpuUtilPct: 99, p95LatencyMs: 80 });
    // LOW serves 5,000 rps per GPU and MEDIUM 1,500, so 30% busy on LOW is 100% on MEDIUM.
    expect(selector.projectOneUp({ gpuUtilPct: 30, p95LatencyMs: 2 })).toEqual({ gpuUtilPct: 100, p95LatencyMs: 2 });
  });

  it('stays on LOW through a sustained 50,000 rps spike, because MEDIUM would saturate', () => {
    const fleet = setup();
    run(fleet, 50_000, 1); // The spike arrives and the service drops to LOW.
    expect(fleet.selector.current).toBe('low');
    // LOW is only 50% busy and fast, but MEDIUM carries 30,000 rps at most on 20 GPUs.
    expect(run(fleet, 50_000, 60)).toEqual({ seen: ['low'], changes: 0 });
  });

  it('steps up to MEDIUM once the load falls to what MEDIUM can carry with margin, and no further', () => {
    const fleet = setup();
    run(fleet, 50_000, 10);
    // 20,000 rps projects to 67% on MEDIUM (under 85.5%) but to 200% on HIGH.
    expect(run(fleet, 20_000, 60)).toEqual({ seen: ['low', 'medium'], changes: 1 });
    // 7,000 rps projects to 70% on HIGH, under the 76.5% line.
    expect(run(fleet, 7_000, 10)).toEqual({ seen: ['medium', 'high'], changes: 1 });
  });

  it('does not flap when p95 oscillates around the 25 ms threshold', () => {
    const { clock, selector } = setup();
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      clock.t += 30_000;
      // 20% busy on MEDIUM projects to 60% on HIGH, which is safe; only latency is in question.
      seen.add(selector.select({ gpuUtilPct: 20, p95LatencyMs: i % 2 === 0 ? 26 : 23.5 }));
    }
    // 23.5 ms is under 25 ms but above the 22.5 ms recovery line, and HIGH would be no faster than MEDIUM.
    expect([...seen]).toEqual(['medium']);
  });

  it('recovers one tier per cool-down period, and only after a full safe period', () => {
    const { clock, selector } = setup();
    selector.select(measure(60_000, 'high'));
    expect(selector.current).toBe('low');
    expect(selector.select(measure(5_000, 'low'))).toBe('low'); // The safe period starts now (t = 0).
    clock.t = 59_999;
    expect(selector.select(measure(5_000, 'low'))).toBe('low');
    clock.t = 60_000;
    expect(selector.select(measure(5_000, 'low'))).toBe('medium');
    clock.t = 90_000;
    expect(selector.select(measure(5_000, 'medium'))).toBe('medium');
    clock.t = 120_000;
    expect(selector.select(measure(5_000, 'medium'))).toBe('high');
  });

  it('restarts the safe period when load returns during the cool-down', () => {
    const { clock, selector } = setup();
    selector.select({ gpuUtilPct: 90, p95LatencyMs: 20 });
    const quiet = { gpuUtilPct: 15, p95LatencyMs: 12 }; // Projects to 45% on HIGH.
    selector.select(quiet);
    clock.t = 50_000;
    selector.select({ gpuUtilPct: 27, p95LatencyMs: 12 }); // Projects to 81% on HIGH, over the 76.5% line.
    clock.t = 100_000;
    expect(selector.select(quiet)).toBe('medium');
    clock.t = 160_000;
    expect(selector.select(quiet)).toBe('high');
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

  it('rejects a cheaper tier that serves fewer requests per GPU, which would make every projection wrong', () => {
    expect(() => setup({ rpsPerGpu: { high: 500, medium: 400, low: 5_000 } })).toThrow(RangeError);
    expect(() => setup({ rpsPerGpu: { high: 0, medium: 1_500, low: 5_000 } })).toThrow(RangeError);
  });
});
