/**
 * Demo: a draft that costs 5% of a target pass and is accepted 80% of the
 * time (illustrative values). Closed form against a seeded Monte Carlo, the
 * acceptance rate measured two ways, the best number of draft tokens, and what
 * happens when the verifying pass is compute-bound. Change alpha, c or gamma
 * and run again.
 */
import { bestGamma, expectedTokensPerPass, seededRandom, simulateRounds, speedup } from './speculativeDecoding';

export function demo(): {
  expected: number;
  simulated: number;
  acceptancePerScored: number;
  acceptancePerProposed: number;
  speedup: number;
  best: { gamma: number; speedup: number };
  computeBound: number;
  bestComputeBound: { gamma: number; speedup: number };
} {
  const alpha = 0.8;
  const gamma = 4;
  const c = 0.05;
  const expected = expectedTokensPerPass(alpha, gamma);
  const rounds = simulateRounds(alpha, gamma, 100_000, seededRandom(42));
  const acceptancePerScored = rounds.accepted / rounds.scored;
  const acceptancePerProposed = rounds.accepted / rounds.proposed;
  const s = speedup(alpha, gamma, c);
  const best = bestGamma(alpha, c);
  const computeBound = speedup(alpha, gamma, c, gamma + 1);
  const bestComputeBound = bestGamma(alpha, c, 16, (g) => g + 1);
  console.log(`alpha ${alpha}, gamma ${gamma}: ${expected.toFixed(4)} tokens per target pass (Monte Carlo, 100,000 passes: ${rounds.tokensPerPass.toFixed(4)})`);
  console.log(`measured acceptance: ${acceptancePerScored.toFixed(3)} per draft position scored, ${acceptancePerProposed.toFixed(3)} per draft token proposed`);
  console.log(`speed-up with a draft at c = ${c}: ${s.toFixed(2)}x`);
  console.log(`best gamma up to 16: ${best.gamma}, ${best.speedup.toFixed(2)}x`);
  console.log(
    `if verifying ${gamma + 1} tokens costs ${gamma + 1} passes (compute-bound): ${computeBound.toFixed(2)}x, ${computeBound < 1 ? 'slower than' : 'no faster than'} no speculation`,
  );
  console.log(`best gamma if verifying gamma + 1 tokens costs gamma + 1 passes: ${bestComputeBound.gamma}${bestComputeBound.gamma === 0 ? ' (do not speculate)' : ''}`);
  return { expected, simulated: rounds.tokensPerPass, acceptancePerScored, acceptancePerProposed, speedup: s, best, computeBound, bestComputeBound };
}
