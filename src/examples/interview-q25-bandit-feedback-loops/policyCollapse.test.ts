import { describe, expect, it } from 'vitest';
import { EpsilonGreedy, seededRng, type BanditPolicy } from './bandits';
import { actionDiversity, CollapseGuard } from './policyCollapse';

describe('actionDiversity', () => {
  it('is 1 for a uniform spread and 0 when one arm takes everything', () => {
    expect(actionDiversity([0, 1, 2, 3], 4)).toBeCloseTo(1, 10);
    expect(actionDiversity([2, 2, 2, 2], 4)).toBe(0);
  });

  it('falls as traffic concentrates: 97.5% on one of two arms is about 0.17', () => {
    const actions = [...new Array<number>(39).fill(0), 1];
    expect(actionDiversity(actions, 2)).toBeCloseTo(0.169, 3);
  });

  it('rejects actions outside the arm range', () => {
    expect(() => actionDiversity([0, 5], 3)).toThrow(RangeError);
  });
});

/** Five arms with close click rates: a greedy policy locks onto one early and never learns it was wrong. */
const RATES = [0.5, 0.45, 0.4, 0.35, 0.3];

function simulate(seed: number, guarded: boolean) {
  const rng = seededRng(seed);
  const world = seededRng(seed + 5);
  const policy = new EpsilonGreedy(5, rng, { minEpsilon: 0, decay: 0.99 });
  const guard = new CollapseGuard(policy, rng, { window: 200, minDiversity: 0.3, explorationBurst: 50 });
  const late: number[] = [];
  for (let t = 0; t < 3000; t++) {
    const arm = guarded ? guard.decide().arm : policy.select();
    const reward = world() < (RATES[arm] ?? 0) ? 1 : 0;
    if (guarded) guard.update(arm, reward);
    else policy.update(arm, reward);
    if (t >= 2000) late.push(arm);
  }
  return { diversity: actionDiversity(late, 5), collapses: guard.collapseCount };
}

describe('CollapseGuard', () => {
  it('an unguarded greedy policy collapses onto a single arm', () => {
    expect(simulate(1, false).diversity).toBe(0);
  });

  it('detects the collapse and forces exploration bursts that keep diversity above the threshold', () => {
    const { diversity, collapses } = simulate(1, true);
    expect(collapses).toBeGreaterThan(0);
    expect(diversity).toBeGreaterThan(0.3);
  });

  it('never intervenes while the policy is diverse enough', () => {
    const rng = seededRng(9);
    const uniform: BanditPolicy = { arms: 4, select: () => Math.floor(rng() * 4), probabilities: () => [0.25, 0.25, 0.25, 0.25], update: () => undefined };
    const guard = new CollapseGuard(uniform, seededRng(10), { window: 100, minDiversity: 0.5, explorationBurst: 20 });
    const decisions = Array.from({ length: 1000 }, () => guard.decide());
    expect(guard.collapseCount).toBe(0);
    expect(decisions.some((d) => d.forced)).toBe(false);
  });

  it.each([Number.NaN, 0, -1, 2.5, Number.POSITIVE_INFINITY])('rejects an explorationBurst of %s, which would force no exploration or never stop', (explorationBurst) => {
    const stuck: BanditPolicy = { arms: 3, select: () => 0, probabilities: () => [1, 0, 0], update: () => undefined };
    expect(() => new CollapseGuard(stuck, seededRng(2), { window: 10, minDiversity: 0.2, explorationBurst })).toThrow(
      new RangeError(`explorationBurst must be a whole number of 1 or more, got ${explorationBurst}`),
    );
  });

  it('marks forced decisions so they can be logged with their propensity', () => {
    const stuck: BanditPolicy = { arms: 3, select: () => 0, probabilities: () => [1, 0, 0], update: () => undefined };
    const guard = new CollapseGuard(stuck, seededRng(2), { window: 10, minDiversity: 0.2, explorationBurst: 5 });
    const decisions = Array.from({ length: 15 }, () => guard.decide());
    expect(decisions.slice(0, 10).every((d) => !d.forced && d.arm === 0)).toBe(true);
    expect(decisions.slice(10).every((d) => d.forced)).toBe(true);
    expect(decisions[0]?.propensity).toBe(1); // the policy always picks arm 0
    expect(decisions.slice(10).every((d) => d.propensity === 1 / 3)).toBe(true); // forced: uniform over 3 arms
    expect(decisions[12]?.probabilities).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(guard.collapseCount).toBe(1);
  });

  it('without a cap, bursts against a stuck policy take 22% of traffic, far beyond a 5% exploration budget', () => {
    const stuck: BanditPolicy = { arms: 5, select: () => 0, probabilities: () => [1, 0, 0, 0, 0], update: () => undefined };
    const guard = new CollapseGuard(stuck, seededRng(1), { window: 200, minDiversity: 0.3, explorationBurst: 50 });
    for (let i = 0; i < 100_000; i++) guard.decide();
    // Measured 0.224: a burst's 50 decisions count towards the next 200-decision window, so the
    // window only looks collapsed again once enough of them slide out, about 223 decisions per cycle.
    expect(guard.forcedShare).toBeGreaterThan(0.2);
  });

  it('without a cap, starts the first burst as soon as the first window collapses, even when bursts are longer than the window', () => {
    const stuck: BanditPolicy = { arms: 3, select: () => 0, probabilities: () => [1, 0, 0], update: () => undefined };
    const guard = new CollapseGuard(stuck, seededRng(2), { window: 10, minDiversity: 0.2, explorationBurst: 50 });
    const decisions = Array.from({ length: 11 }, () => guard.decide());
    expect(decisions[10]!.forced).toBe(true);
    expect(guard.collapseCount).toBe(1);
  });

  it('keeps forced bursts within maxForcedShare of traffic, while still counting every collapse for the alert', () => {
    const stuck: BanditPolicy = { arms: 5, select: () => 0, probabilities: () => [1, 0, 0, 0, 0], update: () => undefined };
    const guard = new CollapseGuard(stuck, seededRng(1), { window: 200, minDiversity: 0.3, explorationBurst: 50, maxForcedShare: 0.05 });
    let forced = 0;
    for (let i = 1; i <= 100_000; i++) {
      if (guard.decide().forced) forced++;
      expect(forced).toBeLessThanOrEqual(0.05 * i); // at every point, not only on average
    }
    expect(guard.forcedShare).toBeGreaterThan(0.04);
    expect(guard.forcedShare).toBeLessThanOrEqual(0.05);
    expect(guard.collapseCount).toBeGreaterThan(100); // detected about every window, bursts only when the budget allows
  });

  it('starts a capped burst at exactly the first allowed decision, and a collapse one decision earlier only raises the alert', () => {
    // Every window collapses: the policy and the forced picks (rng 0) all choose arm 0. Bursts of 5 at a 50 % cap
    // start at least 10 decisions apart; the first may start at decision 10 - 5 = 5.
    const stuck: BanditPolicy = { arms: 3, select: () => 0, probabilities: () => [1, 0, 0], update: () => undefined };
    const burstStarts = (window: number): number[] => {
      const guard = new CollapseGuard(stuck, () => 0, { window, minDiversity: 0.2, explorationBurst: 5, maxForcedShare: 0.5 });
      const forced = Array.from({ length: 60 }, () => guard.decide().forced);
      return forced.flatMap((f, i) => (f && !forced[i - 1] ? [i] : []));
    };
    // Window 10: collapses at decisions 10, 20, 30, ...; each lands exactly on the next allowed start (10 + 10 = 20).
    expect(burstStarts(10)).toEqual([10, 20, 30, 40, 50]);
    // Window 9: a burst at 9 allows the next at 19; the collapse at 18 is one decision early, so it waits for the one at 27.
    expect(burstStarts(9)).toEqual([9, 27, 45]);
  });

  it.each([Number.NaN, 0, -0.1, 1.5])('rejects a maxForcedShare of %s', (maxForcedShare) => {
    const stuck: BanditPolicy = { arms: 3, select: () => 0, probabilities: () => [1, 0, 0], update: () => undefined };
    expect(() => new CollapseGuard(stuck, seededRng(2), { window: 10, minDiversity: 0.2, explorationBurst: 5, maxForcedShare })).toThrow(
      new RangeError(`maxForcedShare must be in (0, 1], got ${maxForcedShare}`),
    );
  });
});
