/**
 * Demo: two recommendations whose click rates swap at step 2,000 (90% / 10%,
 * then 30% / 70%). Four policies play the same seeded world; the share of
 * traffic each sends to the arm that became better shows which ones notice.
 */
import { EpsilonGreedy, seededRng, ThompsonSampling, type BanditPolicy, type Rng } from './bandits';

const BEFORE = [0.9, 0.1];
const AFTER = [0.3, 0.7];
const SWAP = 2_000;

/** Share of steps [SWAP, SWAP + 1,000) in which the policy picked arm 1, the new best. */
function shareOfNewBest(make: (rng: Rng) => BanditPolicy, seed: number): number {
  const policy = make(seededRng(seed));
  const world = seededRng(seed + 1_000);
  let picks = 0;
  for (let t = 0; t < SWAP + 1_000; t++) {
    const rates = t < SWAP ? BEFORE : AFTER;
    const arm = policy.select();
    policy.update(arm, world() < (rates[arm] ?? 0) ? 1 : 0);
    if (t >= SWAP && arm === 1) picks++;
  }
  return picks / 1_000;
}

export function demo(): Record<string, number> {
  const policies: Record<string, (rng: Rng) => BanditPolicy> = {
    'epsilon-greedy, epsilon decays to 0': (rng) => new EpsilonGreedy(2, rng, { minEpsilon: 0 }),
    'epsilon-greedy, 5% floor, step 0.1': (rng) => new EpsilonGreedy(2, rng, { minEpsilon: 0.05, stepSize: 0.1 }),
    'Thompson sampling, no discount': (rng) => new ThompsonSampling(2, rng, 1),
    'Thompson sampling, discount 0.99': (rng) => new ThompsonSampling(2, rng, 0.99),
  };
  console.log(`click rates ${BEFORE.join(' / ')} swap to ${AFTER.join(' / ')} at step ${SWAP}`);
  const shares: Record<string, number> = {};
  for (const [name, make] of Object.entries(policies)) {
    const share = shareOfNewBest(make, 7);
    shares[name] = share;
    console.log(`${name}: ${(share * 100).toFixed(0)}% of the next 1,000 steps on the new best arm`);
  }
  return shares;
}
