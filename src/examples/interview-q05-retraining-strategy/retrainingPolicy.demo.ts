/**
 * Demo: the page's retraining strategy, hour by hour. The trigger sees the page's bands at their edges: PSI 0.1 is not
 * above 0.1 and does nothing, 0.2 alerts but is not above 0.2, 0.31 starts a job; an accuracy drop of exactly 5 points
 * (92% to 87%) is not "over 5 points"; a 7-point drop 5 hours after the job is held back by the 24-hour cooldown and
 * starts a job 24 hours after it; another model retrains at 31 days old, past the 30-day floor, not at 30. The
 * candidate then trains for 2 hours and shadows for 24 (the page's figures), and the rollout, evaluated every hour
 * with green gates, moves 1% -> 10% -> 50% -> 100%: half of traffic 74 hours after detection and all of it after
 * 194 hours, about 8 days, as hoursToFullRollout(2, 24) says. A second candidate whose business metrics are worse is
 * not judged on them at 1%, and is sent back to 0% at 10%; a third, with a regressed slice, goes back to 0% from 1%.
 * Time is a plain number.
 */
import { decide, hoursToFullRollout, Rollout, type GateResult, type MonitoringSignals } from './retrainingPolicy';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The page's figures: about 2 hours of training and a 24-hour shadow run. */
const TRAINING_HOURS = 2;
const SHADOW_HOURS = 24;

const healthy: MonitoringSignals = { maxFeaturePsi: 0.04, recentAccuracy: 0.91, baselineAccuracy: 0.92, modelAgeMs: 12 * DAY };
const green: GateResult = { errorRateOk: true, latencyOk: true, businessMetricsOk: true, slicesOk: true };

/** The trigger's decision in a few words: its action, and its reason or retry time when it has one. */
function summarise(decision: ReturnType<typeof decide>): string {
  if (decision.action === 'none') return 'none';
  if (decision.action === 'suppressed') return `suppressed (${decision.reason}), retry in ${decision.retryAfterMs / HOUR} h`;
  return `${decision.action} (${decision.reason})`;
}

export function demo(): { decisions: string[]; sharesAtHour: Record<string, number>; plannedHours: number; secondCandidate: string[]; thirdCandidate: string[] } {
  const lastJob = -20 * DAY; // the production model's own retraining job, 20 days before detection
  const when = (hour: number) => (hour === 0 ? 'at detection' : hour < 0 ? `${-hour} h before detection` : `${hour} h after detection`);
  const at = (label: string, signals: MonitoringSignals, hour: number, lastRetrainAt: number): string => {
    const said = summarise(decide(signals, hour * HOUR, lastRetrainAt));
    console.log(`${when(hour)}, ${label}: ${said}`);
    return said.split(' ')[0]!;
  };
  const decisions = [
    at('PSI exactly 0.1', { ...healthy, maxFeaturePsi: 0.1 }, -3, lastJob),
    at('PSI exactly 0.2', { ...healthy, maxFeaturePsi: 0.2 }, -2, lastJob),
    at('accuracy 92% -> 87%', { ...healthy, recentAccuracy: 0.87 }, -1, lastJob),
    at('PSI 0.31', { ...healthy, maxFeaturePsi: 0.31 }, 0, lastJob),
  ];
  // The job started at detection, so the cooldown runs from there.
  const dropped = { ...healthy, recentAccuracy: 0.85 };
  const cooldown = [5, 24].map((hour) => summarise(decide(dropped, hour * HOUR, 0)));
  console.log(`5 h after detection, accuracy 92% -> 85%: ${cooldown[0]}; 24 h after: ${cooldown[1]}`);
  // Another model, untouched by drift, trained 30 and then 31 days ago.
  const floor = [30, 31].map((days) => summarise(decide({ ...healthy, modelAgeMs: days * DAY }, 0, -days * DAY)));
  console.log(`another model, no drift, trained 30 days ago: ${floor[0]}; 31 days ago: ${floor[1]}`);
  decisions.push(...[...cooldown, ...floor].map((said) => said.split(' ')[0]!));

  // Demo-side timeline: the job trains, then the candidate shadows; the rollout starts when shadow ends.
  const rolloutStart = TRAINING_HOURS + SHADOW_HOURS;
  const sharesAtHour: Record<string, number> = {};
  let hour = rolloutStart;
  const rollout = new Rollout(rolloutStart * HOUR, (share) => (sharesAtHour[`${hour}`] = share));
  // Evaluated hourly; the 400-hour cap only stops a rollout that never completes.
  while (rollout.state === 'rolling-out' && hour < 400) rollout.evaluate(green, ++hour * HOUR);
  const reached = (share: number) => Object.keys(sharesAtHour).find((h) => sharesAtHour[h] === share) ?? 'never';
  console.log(
    `trained by hour ${TRAINING_HOURS}, in shadow until hour ${rolloutStart}, then evaluated hourly with green gates: 1% at hour ${reached(0.01)}, 10% at hour ${reached(0.1)}, 50% at hour ${reached(0.5)}, 100% at hour ${reached(1)} (${rollout.state})`,
  );
  const plannedHours = hoursToFullRollout(TRAINING_HOURS, SHADOW_HOURS);
  const days = (plannedHours / 24).toFixed(1); // demo-side conversion
  console.log(
    `hoursToFullRollout(${TRAINING_HOURS}, ${SHADOW_HOURS}) = ${plannedHours} h (${days} days): ${`${plannedHours}` === reached(1) ? 'the hour the simulated rollout reached 100%' : `NOT the hour ${reached(1)} the simulation reached 100%`}`,
  );

  // A second candidate whose click-through rate is worse: ignored at 1%, judged from 10% on.
  const shares: number[] = [];
  const second = new Rollout(0, (share) => shares.push(share));
  const worseBusiness = { ...green, businessMetricsOk: false };
  second.evaluate(worseBusiness, 1 * DAY);
  second.evaluate(worseBusiness, 1 * DAY + HOUR);
  console.log(`second candidate, business metrics worse: traffic ${shares.map((s) => `${s * 100}%`).join(' -> ')}; ${second.log.join(', ')} (${second.state})`);

  // A third candidate whose error rate rises in one region: slices are judged from the first stage.
  const thirdShares: number[] = [];
  const third = new Rollout(0, (share) => thirdShares.push(share));
  third.evaluate({ ...green, slicesOk: false }, HOUR);
  console.log(`third candidate, one region's error rate up: traffic ${thirdShares.map((s) => `${s * 100}%`).join(' -> ')}; ${third.log.join(', ')} (${third.state})`);

  return { decisions, sharesAtHour, plannedHours, secondCandidate: second.log, thirdCandidate: third.log };
}
