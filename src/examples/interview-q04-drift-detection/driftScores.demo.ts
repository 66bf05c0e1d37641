/**
 * Demo: a feature's training sample against four production windows: the
 * same distribution, a small shift (+0.4 standard deviations), a large one
 * (+1 sd) and the same distribution with 30% of values lost to a broken join.
 * PSI over ten reference-quantile bins puts each in its band; the missing share
 * is reported beside it, because PSI never sees values that were not binned.
 * The samples come from a seeded generator, so every run prints the same.
 */
import { featureDrift, jensenShannon } from './driftScores';

function normalSample(n: number, mean: number, seed: number): number[] {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0; // mulberry32
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: n }, () => mean + Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()));
}

export function demo(): Record<string, { psi: number; band: string; missingShare: number }> {
  const training = normalSample(5_000, 0, 1);
  const windows = {
    'same distribution': normalSample(2_000, 0, 2),
    'shifted +0.4 sd': normalSample(2_000, 0.4, 3),
    'shifted +1 sd': normalSample(2_000, 1, 4),
    'broken join': normalSample(2_000, 0, 5).map((v, i) => (i % 10 < 3 ? Number.NaN : v)),
  };
  const result: Record<string, { psi: number; band: string; missingShare: number }> = {};
  for (const [name, window] of Object.entries(windows)) {
    const report = featureDrift(training, window, 10);
    const js = jensenShannon(report.expected, report.actual);
    const missing = report.missingShare > 0 ? `; ${(report.missingShare * 100).toFixed(0)}% missing, not binned` : '';
    console.log(`${name}: PSI ${report.psi.toFixed(3)} (${report.band}), KL(cur‖ref) ${report.kl.toFixed(3)}, JS ${js.toFixed(3)} nats${missing}`);
    result[name] = { psi: Number(report.psi.toFixed(3)), band: report.band, missingShare: report.missingShare };
  }
  console.log('handbook bands: below 0.1 stable, 0.1-0.2 moderate (warn), above 0.2 significant (act); convention acts above 0.25');
  return result;
}
