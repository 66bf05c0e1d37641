/**
 * Demo: the collapse guard in the page's setting (5 arms, a 200-decision window, bursts of 50, a 5% exploration
 * budget), with the tests' click rates (50/45/40/35/30%), collapse threshold (diversity 0.3) and seed. Epsilon-greedy
 * with epsilon decaying to zero collapses onto one arm, rating the best arm below the one it got stuck on; the guard
 * detects each collapse, forces uniform bursts that lift diversity over the last 1,000 decisions above the threshold
 * and feed the policy evidence about the arms it stopped showing, and logs each forced decision with propensity 1 / 5
 * and a uniform distribution. Against a policy that stays collapsed, uncapped bursts take more than a fifth of traffic;
 * `maxForcedShare: 0.05` keeps them within 5% at every point while every collapse is still counted for the alert.
 * The generators are seeded, so every run prints the same.
 */
import { EpsilonGreedy, seededRng, type BanditPolicy } from './bandits';
import { actionDiversity, CollapseGuard, type CollapseGuardOptions } from './policyCollapse';

const RATES = [0.5, 0.45, 0.4, 0.35, 0.3];
const GUARD: CollapseGuardOptions = { window: 200, minDiversity: 0.3, explorationBurst: 50 };
const STEPS = 3_000;
const LATE = 1_000;
const STUCK_STEPS = 10_000;
const BUDGET = 0.05;
const SEED = 1;

/** An integer with thousands separators; written out so every browser prints the same. */
const thousands = (n: number): string => n.toFixed(0).replace(/\B(?=(\d{3})+$)/g, ',');
const percent = (share: number, digits = 1): string => `${(share * 100).toFixed(digits)}%`;
const rate = (arm: number): string => percent(RATES[arm] ?? Number.NaN, 0);

/** Epsilon decaying to zero on the tests' five arms, with or without the guard; what it did in the last LATE decisions. */
function play(guarded: boolean) {
  const rng = seededRng(SEED);
  const world = seededRng(SEED + 5);
  const policy = new EpsilonGreedy(RATES.length, rng, { minEpsilon: 0, decay: 0.99 });
  const guard = new CollapseGuard(policy, rng, GUARD);
  const late: number[] = [];
  for (let t = 0; t < STEPS; t++) {
    const arm = guarded ? guard.decide().arm : policy.select();
    const reward = world() < (RATES[arm] ?? 0) ? 1 : 0;
    if (guarded) guard.update(arm, reward);
    else policy.update(arm, reward);
    if (t >= STEPS - LATE) late.push(arm);
  }
  const counts = RATES.map((_, arm) => late.filter((a) => a === arm).length);
  const favourite = counts.indexOf(Math.max(...counts));
  return {
    diversity: actionDiversity(late, RATES.length),
    counts,
    favourite,
    bestEstimate: policy.estimate(0),
    favouriteEstimate: policy.estimate(favourite),
    collapses: guard.collapseCount,
    forcedShare: guard.forcedShare,
  };
}

/** A policy that always picks arm 0, behind a guard; the largest forced share of any prefix is demo-side. */
function stuck(maxForcedShare?: number) {
  const policy: BanditPolicy = { arms: RATES.length, select: () => 0, probabilities: () => [1, 0, 0, 0, 0], update: () => undefined };
  const guard = new CollapseGuard(policy, seededRng(SEED), { ...GUARD, ...(maxForcedShare === undefined ? {} : { maxForcedShare }) });
  const first = guard.decide();
  let firstForced = first.forced ? first : undefined;
  let forced = first.forced ? 1 : 0;
  let maxPrefixShare = forced;
  for (let i = 2; i <= STUCK_STEPS; i++) {
    const d = guard.decide();
    if (d.forced) {
      forced++;
      firstForced ??= d;
    }
    maxPrefixShare = Math.max(maxPrefixShare, forced / i);
  }
  return { first, firstForced, forcedShare: guard.forcedShare, collapses: guard.collapseCount, maxPrefixShare };
}

/** Arm 0's estimate against the favourite's: why greedy picks keep going to the favourite. */
function compare(run: { favourite: number; bestEstimate: number; favouriteEstimate: number }): string {
  if (run.favourite === 0) return 'its favourite';
  const side = run.bestEstimate < run.favouriteEstimate ? 'below' : 'not below';
  return `${side} the ${run.favouriteEstimate.toFixed(2)} it gives arm ${run.favourite}`;
}

/** A logged action distribution, one probability per arm. */
const distribution = (probabilities: readonly number[]): string => `[${probabilities.map((p) => Number(p.toFixed(3))).join(', ')}]`;

export function demo() {
  console.log(`5 arms clicking ${RATES.map((r) => r * 100).join('/')}%, epsilon-greedy with epsilon decaying to 0, ${thousands(STEPS)} decisions`);

  const alone = play(false);
  const aloneSpread =
    alone.counts[alone.favourite] === LATE ? `all on arm ${alone.favourite} (${rate(alone.favourite)})` : `${alone.counts[alone.favourite]} on arm ${alone.favourite}`;
  console.log(
    `unguarded, last ${thousands(LATE)} decisions: ${aloneSpread}, diversity ${alone.diversity.toFixed(2)}; it rates the best arm, arm 0 (${rate(0)}), at ${alone.bestEstimate.toFixed(2)}, ${compare(alone)}`,
  );

  const guarded = play(true);
  const held = guarded.diversity >= GUARD.minDiversity ? 'above' : 'below';
  console.log(
    `guarded (window ${GUARD.window}, threshold ${GUARD.minDiversity}, bursts of ${GUARD.explorationBurst}): ${guarded.collapses} collapses caught; diversity over the last ${thousands(LATE)} decisions ${guarded.diversity.toFixed(2)}, ${held} the threshold`,
  );
  console.log(
    `with the forced picks it rates arm 0 at ${guarded.bestEstimate.toFixed(2)} (${alone.bestEstimate.toFixed(2)} without), ${compare(guarded)}, and sends ${guarded.counts[guarded.favourite]} of the last ${thousands(LATE)} to arm ${guarded.favourite} (${rate(guarded.favourite)})`,
  );
  // Demo-side: the bursts' share over the budget.
  console.log(
    `the bursts took ${percent(guarded.forcedShare)} of the ${thousands(STEPS)} decisions, ${(guarded.forcedShare / BUDGET).toFixed(1)}x a ${percent(BUDGET, 0)} exploration budget`,
  );

  const uncapped = stuck();
  const forced = uncapped.firstForced;
  console.log(
    forced
      ? `a policy stuck on arm 0 logs propensity ${uncapped.first.propensity}, distribution ${distribution(uncapped.first.probabilities)}; the guard's first forced pick, arm ${forced.arm}, logs ${forced.propensity}, distribution ${distribution(forced.probabilities)}${forced.probabilities.every((p) => p === 1 / RATES.length) ? `, uniform 1/${RATES.length}` : `, not uniform`}`
      : 'a policy stuck on arm 0: the guard never forced a pick',
  );
  console.log(
    `uncapped, over ${thousands(STUCK_STEPS)} decisions: bursts take ${percent(uncapped.forcedShare)} of traffic (${uncapped.forcedShare > 0.2 ? 'more' : 'not more'} than a fifth), ${uncapped.collapses} collapses`,
  );

  const capped = stuck(BUDGET);
  const within = capped.maxPrefixShare <= BUDGET ? `never above ${percent(BUDGET, 0)} at any point` : `above ${percent(BUDGET, 0)} at some point`;
  console.log(
    `maxForcedShare ${BUDGET}: bursts take ${percent(capped.forcedShare)} (at most ${percent(capped.maxPrefixShare, 2)}, ${within}); ${capped.collapses} collapses still counted for the alert`,
  );

  return {
    unguarded: { diversity: alone.diversity, favourite: alone.favourite },
    guarded: { collapses: guarded.collapses, diversity: Number(guarded.diversity.toFixed(3)), forcedShare: guarded.forcedShare },
    forcedPropensity: forced?.propensity,
    forcedProbabilities: forced?.probabilities,
    stuck: {
      uncapped: { forcedShare: uncapped.forcedShare, collapses: uncapped.collapses },
      capped: { forcedShare: capped.forcedShare, collapses: capped.collapses, maxPrefixShare: Number(capped.maxPrefixShare.toFixed(4)) },
    },
  };
}
