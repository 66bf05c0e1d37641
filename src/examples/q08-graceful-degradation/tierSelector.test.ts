import { describe, expect, it } from 'vitest';
import { TierSelector, type LoadSignals, type SelectorOptions, type Tier } from './tierSelector';

const rpsPerGpu = { high: 500, medium: 1_500, low: 5_000 } as const;

function setup(overrides: Partial<SelectorOptions> = {}) {
  const clock = { t: 0 };
  const selector = new TierSelector({
    enter: { medium: { loadPct: 85, p95LatencyMs: 25, queueDepth: 200 }, low: { loadPct: 95, p95LatencyMs: 50, queueDepth: 1_000 } },
    rpsPerGpu,
    recoveryMargin: 0.1,
    cooldownMs: 60_000,
    now: () => clock.t,
    ...overrides,
  });
  return { clock, selector };
}

/** The page's fleet: 20 GPUs unless scaled out. Below saturation queueing is ignored; at saturation the backlog and the tail latency explode. */
function measure(rps: number, tier: Tier, gpus = 20): LoadSignals {
  const saturated = rps >= gpus * rpsPerGpu[tier];
  return { arrivalRps: rps, gpus, queueDepth: saturated ? 5_000 : 0, p95LatencyMs: saturated ? 200 : 10 };
}

/** Signals at a given share of the current tier's capacity on the 20-GPU fleet. */
function at(tier: Tier, loadPct: number, p95LatencyMs: number, queueDepth = 0): LoadSignals {
  return { arrivalRps: (loadPct / 100) * 20 * rpsPerGpu[tier], gpus: 20, queueDepth, p95LatencyMs };
}

/** Feeds the selector what the fleet would measure at its current tier, every 15 s, and counts tier changes. */
function run(setupResult: ReturnType<typeof setup>, rps: number, minutes: number, gpus = 20) {
  const { clock, selector } = setupResult;
  const seen = new Set<Tier>();
  let changes = 0;
  for (let elapsed = 0; elapsed < minutes * 60_000; elapsed += 15_000) {
    clock.t += 15_000;
    const before = selector.current;
    seen.add(selector.select(measure(rps, before, gpus)));
    if (selector.current !== before) changes++;
  }
  return { seen: [...seen], changes };
}

/**
 * A service whose HIGH tier is slow at a load it carries: p95 30 ms at HIGH, over the 25 ms line, and 10 ms at
 * MEDIUM, as a cheaper tier is by design; 6,000 rps is only 60% of HIGH's capacity. Counts tier changes.
 */
function runSlowHigh(setupResult: ReturnType<typeof setup>, minutes: number) {
  const { clock, selector } = setupResult;
  let changes = 0;
  for (let elapsed = 0; elapsed < minutes * 60_000; elapsed += 15_000) {
    clock.t += 15_000;
    const before = selector.current;
    selector.select({ arrivalRps: 6_000, gpus: 20, queueDepth: 0, p95LatencyMs: before === 'high' ? 30 : 10 });
    if (selector.current !== before) changes++;
  }
  return changes;
}

const calm = at('high', 40, 12);

describe('TierSelector', () => {
  it('stays HIGH under normal load', () => {
    expect(setup().selector.select(calm)).toBe('high');
  });

  it("degrades to MEDIUM, not LOW, at 96% of HIGH's capacity: 9,600 rps is 32% of MEDIUM's 30,000", () => {
    const { selector } = setup();
    expect(selector.target(at('high', 96, 10))).toBe('medium');
    expect(selector.select(at('high', 96, 10))).toBe('medium');
  });

  it("skips MEDIUM only when the arrivals would cross its own line: 35,000 rps is 117% of MEDIUM's capacity", () => {
    const { selector } = setup();
    expect(selector.select(measure(35_000, 'high'))).toBe('low');
  });

  it("goes from HIGH straight to LOW only when the arrivals reach 95% of MEDIUM's capacity: 28,500 rps, 285% of HIGH's", () => {
    expect(setup().selector.select(measure(28_499, 'high'))).toBe('medium');
    expect(setup().selector.select(measure(28_500, 'high'))).toBe('low');
  });

  it('never skips MEDIUM on latency or queue depth alone, however high', () => {
    expect(setup().selector.select(at('high', 50, 500))).toBe('medium');
    expect(setup().selector.select(at('high', 50, 10, 100_000))).toBe('medium');
  });

  it('moves one tier at a time on latency, which a cheaper tier lowers: MEDIUM first, LOW if MEDIUM is still as slow once it has settled', () => {
    const { clock, selector } = setup();
    expect(selector.select(at('high', 50, 80))).toBe('medium');
    clock.t += 60_000; // The 60 s settle window is over: this p95 is MEDIUM's own.
    expect(selector.select({ arrivalRps: 5_000, gpus: 20, queueDepth: 0, p95LatencyMs: 80 })).toBe('low');
  });

  it("does not undo a degrade on a p95 and a backlog that still reflect HIGH: 10,500 rps is 35% of MEDIUM's capacity", () => {
    const { clock, selector } = setup();
    expect(selector.select({ arrivalRps: 10_500, gpus: 20, queueDepth: 5_000, p95LatencyMs: 200 })).toBe('medium');
    // 15 s later the one-minute p95 still holds requests served at HIGH, and the queue is draining.
    clock.t += 15_000;
    expect(selector.select({ arrivalRps: 10_500, gpus: 20, queueDepth: 1_200, p95LatencyMs: 120 })).toBe('medium');
    clock.t += 30_000;
    expect(selector.select({ arrivalRps: 10_500, gpus: 20, queueDepth: 0, p95LatencyMs: 70 })).toBe('medium');
    // Once the window is over, a p95 still above LOW's line is MEDIUM's own, and it degrades.
    clock.t += 15_000;
    expect(selector.select({ arrivalRps: 10_500, gpus: 20, queueDepth: 0, p95LatencyMs: 70 })).toBe('low');
  });

  it("still degrades further inside the settle window when the projected load crosses the line: 35,000 rps is 117% of MEDIUM's", () => {
    const { clock, selector } = setup();
    expect(selector.select(at('high', 96, 10))).toBe('medium');
    clock.t += 15_000;
    expect(selector.select({ arrivalRps: 35_000, gpus: 20, queueDepth: 0, p95LatencyMs: 10 })).toBe('low');
  });

  it('takes the settle window from the options: with settleMs 0 the lagging p95 counts at once', () => {
    const { clock, selector } = setup({ settleMs: 0 });
    selector.select({ arrivalRps: 10_500, gpus: 20, queueDepth: 5_000, p95LatencyMs: 200 });
    clock.t += 15_000;
    expect(selector.select({ arrivalRps: 10_500, gpus: 20, queueDepth: 1_200, p95LatencyMs: 120 })).toBe('low');
  });

  it('does not settle after a step up: a backlog at HIGH counts at once, inside the settle window of the earlier degrade', () => {
    // 315 s suits a p95 over [5m] scraped every 15 s; the 60 s cool-down ends well inside it.
    const { clock, selector } = setup({ settleMs: 315_000 });
    expect(selector.select({ arrivalRps: 8_600, gpus: 20, queueDepth: 0, p95LatencyMs: 10 })).toBe('medium');
    for (let t = 15_000; t <= 90_000; t += 15_000) {
      clock.t = t;
      selector.select({ arrivalRps: 6_000, gpus: 20, queueDepth: 0, p95LatencyMs: 10 });
    }
    expect(selector.current).toBe('high');
    // Signals after a step up understate the new tier, so a slow, backed-up HIGH is HIGH's own.
    clock.t = 180_000;
    expect(selector.select({ arrivalRps: 6_000, gpus: 20, queueDepth: 5_000, p95LatencyMs: 80 })).toBe('medium');
  });

  it('degrades on any signal: a 30 ms p95 alone moves HIGH to MEDIUM at once', () => {
    const { selector } = setup();
    expect(selector.select(at('high', 50, 30))).toBe('medium');
  });

  it('degrades on a backlog of 200 waiting requests before the p95 or the load shows it', () => {
    const { selector } = setup();
    expect(selector.select(at('high', 60, 12, 250))).toBe('medium');
  });

  it("projects the measured arrivals onto the higher tier's load-tested capacity", () => {
    const { selector } = setup();
    selector.select(measure(35_000, 'high'));
    expect(selector.current).toBe('low');
    // 30,000 rps is 30% of LOW's 100,000 and 100% of MEDIUM's 30,000 on 20 GPUs.
    expect(selector.projectOneUp({ arrivalRps: 30_000, gpus: 20, queueDepth: 3, p95LatencyMs: 2 })).toEqual({ loadPct: 100, p95LatencyMs: 2, queueDepth: 3 });
  });

  it("does not step up on a low GPU reading: 35,000 rps arriving exceed MEDIUM's 30,000 however idle LOW looks", () => {
    const fleet = setup();
    fleet.selector.select(measure(35_000, 'high'));
    expect(fleet.selector.current).toBe('low');
    // Batched, LOW may show the GPUs 20% busy; arrivals still project to 117% on MEDIUM.
    expect(run(fleet, 35_000, 30)).toEqual({ seen: ['low'], changes: 0 });
  });

  it('has room to recover once scaling out adds GPUs: 35,000 rps on 40 GPUs is 58% of MEDIUM', () => {
    const { clock, selector } = setup();
    selector.select(measure(35_000, 'high'));
    const scaledOut = { arrivalRps: 35_000, gpus: 40, queueDepth: 0, p95LatencyMs: 2 };
    selector.select(scaledOut);
    clock.t = 60_000;
    expect(selector.select(scaledOut)).toBe('medium');
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

  it("returns to HIGH at the page's baseline, 7,500 rps on 20 GPUs, after a 37,500 rps spike", () => {
    const fleet = setup();
    expect(run(fleet, 7_500, 5).seen).toEqual(['high']);
    run(fleet, 37_500, 5);
    expect(fleet.selector.current).toBe('low');
    // 7,500 rps is 75% of HIGH's 10,000, under the 76.5% recovery line.
    expect(run(fleet, 7_500, 10)).toEqual({ seen: ['low', 'medium', 'high'], changes: 2 });
  });

  it('recovers to HIGH during the spike once 100 GPUs carry it: 37,500 rps is 75% of their HIGH capacity', () => {
    const fleet = setup();
    run(fleet, 37_500, 5);
    expect(fleet.selector.current).toBe('low');
    expect(run(fleet, 37_500, 10, 100).seen).toEqual(['low', 'medium', 'high']);
  });

  it('stays MEDIUM at 8,000 rps after a spike: 80% of HIGH is inside the band between 76.5% and 85%', () => {
    const fleet = setup();
    run(fleet, 40_000, 5);
    expect(run(fleet, 8_000, 240).seen).toEqual(['low', 'medium']);
  });

  it('reports the demand to scale out on as arrivals over HIGH capacity: 37,500 rps is 375% on 20 GPUs however idle LOW looks', () => {
    const { selector } = setup();
    const spike = measure(37_500, 'low');
    expect(selector.select(spike)).toBe('low');
    expect(selector.loadPct(spike, 'high')).toBe(375);
    expect(selector.loadPct(spike, 'low')).toBe(37.5);
  });

  it('backs off after a latency-driven degrade: HIGH slow at 30 ms, MEDIUM fast at 10 ms, 6,000 rps: 11 tier changes in the first hour, 4 in the second', () => {
    const fleet = setup();
    // Each step up that is undone within 10 minutes doubles the next cool-down: 1, 2, 4, 8, 16 minutes, then 30.
    expect(runSlowHigh(fleet, 60)).toBe(11);
    expect(runSlowHigh(fleet, 60)).toBe(4);
  });

  it('caps the backed-off cool-down at 30 minutes: a HIGH that stays slow is still retried twice an hour', () => {
    const fleet = setup();
    runSlowHigh(fleet, 120);
    // Uncapped, the cool-down would pass an hour and the retries would stop.
    expect(runSlowHigh(fleet, 60)).toBe(4);
  });

  it('goes back to the configured cool-down after a degrade that does not undo a recent step up', () => {
    const fleet = setup();
    runSlowHigh(fleet, 60); // The cool-down has backed off to 30 minutes.
    run(fleet, 6_000, 40); // Calm: HIGH is reached and holds for well over the 10-minute flap window.
    expect(fleet.selector.current).toBe('high');
    run(fleet, 37_500, 1); // A real spike: this degrade undoes nothing.
    expect(fleet.selector.current).toBe('low');
    // 6,000 rps projects to 20% of MEDIUM: one cool-down of 60 s (after the first safe reading) suffices again.
    expect(run(fleet, 6_000, 1.25).seen).toEqual(['low', 'medium']);
  });

  it('keeps MEDIUM while its p95 alternates between 23.5 and 26 ms, above the 22.5 ms recovery line', () => {
    const { clock, selector } = setup();
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      clock.t += 30_000;
      // 6,000 rps projects to 60% of HIGH's capacity, which is safe; only latency is in question.
      seen.add(selector.select({ arrivalRps: 6_000, gpus: 20, queueDepth: 0, p95LatencyMs: i % 2 === 0 ? 26 : 23.5 }));
    }
    // Both readings are above the 22.5 ms recovery line, and HIGH would be no faster than MEDIUM.
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
    // The next safe period starts with the first reading at MEDIUM (90 s), not at the step (60 s).
    clock.t = 90_000;
    expect(selector.select(measure(5_000, 'medium'))).toBe('medium');
    clock.t = 149_999;
    expect(selector.select(measure(5_000, 'medium'))).toBe('medium');
    clock.t = 150_000;
    expect(selector.select(measure(5_000, 'medium'))).toBe('high');
  });

  it('does not step up on the first reading after a step, even when readings come a cool-down apart', () => {
    const { clock, selector } = setup();
    selector.select(measure(35_000, 'high'));
    clock.t = 10_000;
    selector.select(measure(7_000, 'low'));
    clock.t = 70_000;
    expect(selector.select(measure(7_000, 'low'))).toBe('medium');
    clock.t = 130_000;
    expect(selector.select(measure(7_000, 'medium'))).toBe('medium');
  });

  it('does not count a metrics outage towards the safe period', () => {
    const { clock, selector } = setup();
    selector.select(measure(35_000, 'high'));
    clock.t = 1_000;
    selector.select({ arrivalRps: 20_000, gpus: 20, queueDepth: 0, p95LatencyMs: 2 });
    for (let t = 16_000; t < 600_000; t += 15_000) {
      clock.t = t;
      selector.select({ arrivalRps: Number.NaN, gpus: 20, queueDepth: 0, p95LatencyMs: 2 });
    }
    clock.t = 600_000;
    expect(selector.select({ arrivalRps: 20_000, gpus: 20, queueDepth: 0, p95LatencyMs: 2 })).toBe('low');
  });

  it('recovers from LOW to HIGH although one scrape in four is missing: only two missed in a row restart the cool-down', () => {
    const { clock, selector } = setup();
    selector.select(measure(35_000, 'high'));
    const missing = { arrivalRps: Number.NaN, gpus: 20, queueDepth: 0, p95LatencyMs: 2 };
    for (let i = 1; i <= 12; i++) {
      clock.t = i * 15_000;
      selector.select(i % 4 === 0 ? missing : measure(5_000, selector.current));
    }
    // Safe from 15 s: MEDIUM at 75 s; safe again from 90 s: HIGH at 150 s, each cool-down spanning one missed scrape.
    expect(selector.current).toBe('high');
  });

  it('restarts the safe period when load returns during the cool-down', () => {
    const { clock, selector } = setup();
    selector.select(at('high', 90, 20));
    const quiet = at('high', 45, 12); // 4,500 rps: 45% of HIGH's capacity.
    selector.select(quiet);
    clock.t = 50_000;
    selector.select(at('high', 81, 12)); // 8,100 rps: 81% of HIGH's capacity, over the 76.5% line.
    clock.t = 100_000;
    expect(selector.select(quiet)).toBe('medium');
    clock.t = 160_000;
    expect(selector.select(quiet)).toBe('high');
  });

  it('obeys a manual override and ignores an unknown flag value', () => {
    const { selector } = setup();
    selector.setOverride('low');
    expect(selector.select(calm)).toBe('low');
    expect(selector.current).toBe('low');
    selector.setOverride('high');
    expect(selector.select(at('high', 99, 90))).toBe('high');
    // Unknown value: decided from the signals, and 9,900 rps fits MEDIUM at 33%.
    selector.setOverride('LOWEST');
    expect(selector.select(at('high', 99, 90))).toBe('medium');
  });

  it('hands back to the controller as soon as the override is cleared: a forced LOW under calm load serves HIGH again', () => {
    const { selector } = setup();
    selector.setOverride('low');
    expect(selector.select(calm)).toBe('low');
    selector.setOverride(undefined);
    expect(selector.select(calm)).toBe('high');
  });

  it('keeps deciding under an override, so clearing it serves the tier the load calls for', () => {
    const { clock, selector } = setup();
    selector.setOverride('high');
    expect(selector.select(measure(35_000, 'high'))).toBe('high');
    clock.t = 15_000;
    selector.setOverride(undefined);
    expect(selector.current).toBe('low');
  });

  it("does not read a forced costlier tier's p95 as the controller's own: clearing a forced HIGH at 9,600 rps serves MEDIUM", () => {
    const { clock, selector } = setup();
    expect(selector.select(at('high', 96, 20))).toBe('medium');
    selector.setOverride('high');
    // HIGH at 96% of its capacity is slow: 60 ms is over MEDIUM's 50 ms line, but it is not MEDIUM's p95.
    for (let t = 15_000; t <= 120_000; t += 15_000) {
      clock.t = t;
      expect(selector.select(at('high', 96, 60, 300))).toBe('high');
    }
    selector.setOverride(undefined);
    // The p95 still holds HIGH's requests: it settles as after a degrade. 9,600 rps is 32% of MEDIUM's capacity.
    clock.t = 135_000;
    expect(selector.select(at('high', 96, 60, 300))).toBe('medium');
  });

  it('lets the p95 settle when an override is lowered to a cheaper tier, not only when it is cleared', () => {
    const { clock, selector } = setup();
    selector.select(at('high', 96, 20));
    selector.setOverride('high');
    clock.t = 120_000;
    selector.select(at('high', 96, 60, 300));
    selector.setOverride('medium');
    clock.t = 135_000;
    selector.select(at('high', 96, 60, 300));
    selector.setOverride(undefined);
    expect(selector.current).toBe('medium');
  });

  it("still reads a forced cheaper tier's p95, which can only understate the controller's: a slow forced LOW moves it off HIGH", () => {
    const { selector } = setup();
    selector.setOverride('low');
    expect(selector.select(at('high', 50, 80))).toBe('low');
    selector.setOverride(undefined);
    expect(selector.current).toBe('medium');
  });

  it('holds the current tier when a metric is missing instead of guessing', () => {
    const { selector } = setup();
    selector.select(at('high', 90, 20));
    expect(selector.select({ arrivalRps: Number.NaN, gpus: 20, queueDepth: 0, p95LatencyMs: 5 })).toBe('medium');
    expect(selector.select({ arrivalRps: 100, gpus: 0, queueDepth: 0, p95LatencyMs: 5 })).toBe('medium');
  });

  it('holds the tier on an infinite GPU count, which would project any load to 0% and recover after one cool-down', () => {
    const { clock, selector } = setup();
    selector.select(measure(35_000, 'high'));
    const broken = { arrivalRps: 35_000, gpus: Number.POSITIVE_INFINITY, queueDepth: 0, p95LatencyMs: 2 };
    selector.select(broken);
    clock.t = 60_000;
    expect(selector.select(broken)).toBe('low');
  });

  it('rejects a zero or negative threshold, which is always crossed and makes its tier one that can never be left', () => {
    const medium = { loadPct: 85, p95LatencyMs: 25, queueDepth: 200 };
    const low = { loadPct: 95, p95LatencyMs: 50, queueDepth: 1_000 };
    expect(() => setup({ enter: { medium: { ...medium, queueDepth: 0 }, low } })).toThrow(RangeError);
    expect(() => setup({ enter: { medium: { ...medium, loadPct: -85 }, low } })).toThrow(RangeError);
    expect(() => setup({ enter: { medium, low: { ...low, p95LatencyMs: Number.NaN } } })).toThrow(RangeError);
  });

  it('rejects LOW thresholds below MEDIUM ones, the configuration that hides a tier', () => {
    expect(() => setup({ enter: { medium: { loadPct: 95, p95LatencyMs: 50, queueDepth: 1_000 }, low: { loadPct: 85, p95LatencyMs: 25, queueDepth: 200 } } })).toThrow(RangeError);
  });

  it('rejects a cheaper tier that serves fewer requests per GPU, which would make every projection wrong', () => {
    expect(() => setup({ rpsPerGpu: { high: 500, medium: 400, low: 5_000 } })).toThrow(RangeError);
    expect(() => setup({ rpsPerGpu: { high: 0, medium: 1_500, low: 5_000 } })).toThrow(RangeError);
  });

  it('rejects a recovery margin that is not a fraction in [0, 1), NaN included, which would silently disable the recovery veto', () => {
    expect(() => setup({ recoveryMargin: Number.NaN })).toThrow(RangeError);
    expect(() => setup({ recoveryMargin: -0.1 })).toThrow(RangeError);
    expect(() => setup({ recoveryMargin: 1 })).toThrow(RangeError);
    expect(() => setup({ recoveryMargin: 0 })).not.toThrow();
  });

  it('rejects a NaN, infinite or negative cool-down or settle window', () => {
    expect(() => setup({ cooldownMs: Number.NaN })).toThrow(RangeError);
    expect(() => setup({ cooldownMs: -1 })).toThrow(RangeError);
    expect(() => setup({ cooldownMs: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => setup({ settleMs: Number.NaN })).toThrow(RangeError);
    expect(() => setup({ settleMs: -1 })).toThrow(RangeError);
    expect(() => setup({ cooldownMs: 0, settleMs: 0 })).not.toThrow();
  });

  it('rejects a flap window or a cool-down cap that is negative, not finite, or a cap below the cool-down', () => {
    expect(() => setup({ flapWindowMs: -1 })).toThrow(RangeError);
    expect(() => setup({ flapWindowMs: Number.NaN })).toThrow(RangeError);
    expect(() => setup({ maxCooldownMs: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => setup({ maxCooldownMs: 30_000 })).toThrow(RangeError);
    expect(() => setup({ cooldownMs: 3_600_000 })).not.toThrow();
  });
});
