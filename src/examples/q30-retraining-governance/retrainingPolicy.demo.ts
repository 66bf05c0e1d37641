/**
 * Demo: the policy's bands on three single checks, then a month of hourly checks.
 * The amount feature has shifted since 1 April 2025: the policy keeps one run at a
 * time open for it; the promotion gate rejects three candidates (a slice regression,
 * an overall regression, a missing slice) and passes the fourth, which is promoted
 * after an 8-day canary. The cool-down spaces the runs a day apart, and the four runs
 * spend the 600 USD budget, so a shift in the country feature on 20 April waits for May.
 * PSI is computed from bin counts; time is a number stepped an hour at a time.
 */
import { promotionGate, psi, PSI_SIGNIFICANT, RetrainingPolicy, type Evaluation, type GateRules, type RetrainingRules } from './retrainingPolicy';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const APRIL = Date.UTC(2025, 3, 1);
const MAY = Date.UTC(2025, 4, 1);

const rules: RetrainingRules = {
  maxModelAgeMs: 30 * DAY,
  coolDownMs: DAY,
  monthlyBudgetUsd: 600,
  estimatedRunCostUsd: 150,
  minWindowRows: 500,
  maxRunMs: 10 * DAY,
  maxRetries: 2,
};
const gate: GateRules = { minRows: 20_000, maxRegression: 0.005, requiredSlices: ['new_users', 'high_value'] };
const GATE_AFTER_MS = 6 * HOUR; // training and the gate
const CANARY_ENDS_MS = 8 * DAY; // from launch: training, gate and canary

/** Bin counts per feature: the training data's, and hourly production windows of 1,000 rows. */
const training = { amount: [2500, 2500, 2500, 2500], country: [4000, 3000, 2000, 1000] };
const amountShifted = [80, 180, 320, 420];
const countryUsual = [390, 310, 195, 105];
const countryShifted = [210, 260, 280, 250];

/** What each run's candidate scores on the held-out evaluation set, in launch order; any later run scores like the last. */
const candidates: Evaluation[] = [
  { overall: 0.93, slices: { new_users: 0.83, high_value: 0.92 }, evaluatedRows: 40_000 },
  { overall: 0.9, slices: { new_users: 0.86, high_value: 0.89 }, evaluatedRows: 40_000 },
  { overall: 0.92, slices: { new_users: 0.87 }, evaluatedRows: 40_000 },
  { overall: 0.908, slices: { new_users: 0.857, high_value: 0.895 }, evaluatedRows: 40_000 },
];

const when = (t: number): string => new Date(t).toISOString().slice(0, 16).replace('T', ' ');
const rows = (counts: readonly number[]): number => counts.reduce((a, b) => a + b, 0);

export function demo(): {
  singleChecks: string[];
  runs: string[];
  april: Record<string, number>;
  blockedBy: Record<string, number>;
  may: string;
} {
  // Three single checks of a fresh model on its own policy, so they launch nothing.
  const single = new RetrainingPolicy(rules);
  const check = (counts: number[]) => {
    const value = psi(training.amount, counts);
    const { action, reasons } = single.decide({ now: APRIL, featurePsi: { amount: value }, windowRows: rows(counts), trainedAt: APRIL - DAY });
    return { text: `amount PSI ${value.toFixed(3)} on ${rows(counts)} rows: ${action}${reasons.length ? ` (${reasons.join('; ')})` : ''}`, action };
  };
  const singles = [check([180, 230, 270, 320]), check([130, 210, 290, 370]), check([8, 18, 32, 42])];
  console.log(`single checks: ${singles.map((s) => s.text).join('; ')}`);

  // A month of hourly checks.
  const policy = new RetrainingPolicy(rules);
  let champion: Evaluation = { overall: 0.91, slices: { new_users: 0.86, high_value: 0.89 }, evaluatedRows: 40_000 };
  let reference = training.amount; // the production model's training bins for amount
  let trainedAt = APRIL - 10 * DAY;
  const open: { id: string; at: number; reasons: readonly string[]; candidate: Evaluation; promote?: boolean; failures?: string[] }[] = [];
  let launched = 0;
  const runs: string[] = [];
  const april: Record<string, number> = {};
  const blocked = new Map<string, { count: number; first: string; last: string; reasons: string }>();
  console.log(
    `hourly checks from ${when(APRIL)}: retrain above PSI ${PSI_SIGNIFICANT}, ${rules.coolDownMs / HOUR} h cool-down, ${rules.monthlyBudgetUsd} USD a month at ${rules.estimatedRunCostUsd} USD a run`,
  );

  /** One hourly check: the runs that finish report back first, then the policy decides on this hour's window. */
  const checkAt = (now: number) => {
    for (const run of [...open]) {
      if (run.promote === undefined && now === run.at + GATE_AFTER_MS) Object.assign(run, promotionGate(run.candidate, champion, gate));
      const done = run.promote === false || (run.promote === true && now === run.at + CANARY_ENDS_MS);
      if (!done) continue;
      policy.recordOutcome(run.id, run.promote ? 'promoted' : 'rejected', rules.estimatedRunCostUsd);
      const gateAt = when(run.at + GATE_AFTER_MS).slice(11);
      const verdict = run.promote ? `gate at ${gateAt}: passed; promoted ${when(now)} after its canary` : `gate at ${gateAt}: rejected (${run.failures!.join('; ')})`;
      if (run.promote) [champion, reference, trainedAt] = [run.candidate, amountShifted, run.at]; // the new model was trained on April's data
      runs.push(`${run.id} ${run.promote ? 'promoted' : 'rejected'}`);
      console.log(`  ${run.id} ${when(run.at)}, ${run.reasons.join('; ')}; ${verdict}`);
      open.splice(open.indexOf(run), 1);
    }
    const country = now >= Date.UTC(2025, 3, 20) ? countryShifted : countryUsual;
    const featurePsi = { amount: psi(reference, amountShifted), country: psi(training.country, country) };
    const decision = policy.decide({ now, featurePsi, windowRows: rows(amountShifted), trainedAt });
    if (decision.action === 'retrain') open.push({ id: decision.runId!, at: now, reasons: decision.reasons, candidate: candidates[Math.min(launched++, candidates.length - 1)]! });
    return decision;
  };

  for (let now = APRIL; now < MAY; now += HOUR) {
    const decision = checkAt(now);
    april[decision.action] = (april[decision.action] ?? 0) + 1;
    if (decision.action === 'blocked') {
      const why = decision.reasons.at(-1)!;
      const group = blocked.get(why) ?? { count: 0, first: when(now), last: '', reasons: decision.reasons.join('; ') };
      blocked.set(why, { ...group, count: group.count + 1, last: when(now) });
    }
  }
  const spent = runs.length * rules.estimatedRunCostUsd;
  console.log(
    `April's ${Object.values(april).reduce((a, b) => a + b, 0)} checks: ${Object.entries(april)
      .map(([action, n]) => `${n} ${action}`)
      .join(', ')}`,
  );
  for (const { count, first, last, reasons } of blocked.values()) console.log(`  blocked ${count} times between ${first} and ${last}: ${reasons}`);
  console.log(
    `${runs.length} runs recorded at ${rules.estimatedRunCostUsd} USD each: ${spent} USD; a daily schedule: 30 × ${rules.estimatedRunCostUsd} = ${30 * rules.estimatedRunCostUsd} USD (both arithmetic here)`,
  );
  const first = checkAt(MAY);
  const may = `${first.action}${first.runId ? ` ${first.runId}` : ''}`;
  console.log(`first check in May, ${when(MAY)}: ${may}, ${first.reasons.join('; ')}`);
  return {
    singleChecks: singles.map((s) => s.action),
    runs,
    april,
    blockedBy: Object.fromEntries([...blocked].map(([why, { count }]) => [why, count])),
    may,
  };
}
