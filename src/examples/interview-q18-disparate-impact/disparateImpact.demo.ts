/**
 * Demo: the page's worked example, replayed. Windows of 100 decisions per group
 * are drawn from a seeded generator at known true rates, and the monitor judges
 * each one: how often a fair system would page someone on the ratio alone and
 * with the Bonferroni-corrected test, and how often a real 20%-vs-15% gap is
 * caught, at 100 and at 1,000 decisions per group. Then two single windows: a large one that goes to review, with a
 * group too small to judge, and one in which nobody is approved.
 */
import { bonferroniCriticalZ, disparateImpact, FOUR_FIFTHS, type DisparateImpactReport, type Outcome, type Verdict } from './disparateImpact';

export interface DemoResult {
  /** Shares of windows: the demo's own counts for the simpler rules, the monitor's verdicts for alerts. */
  twoGroups: { ratioAlone: number; alerts: number };
  fiveGroups: { uncorrected: number; alerts: number };
  /** Shares of windows in which the monitor flagged B, the group truly behind, and A, the wrong way round. */
  realGap: { caught: number; wrongWay: number; caughtAt1000: number };
  large: { verdict: Verdict; review: readonly string[]; tooSmall: readonly string[] };
  outage: Verdict;
}

const WINDOWS = 2_000;

/** mulberry32: a seeded uniform generator, so every run draws the same windows. */
function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One window of decisions: `size` per group, each favourable with probability `rate`. */
function drawWindow(groups: readonly { group: string; size: number; rate: number }[], uniform: () => number): Outcome[] {
  const window: Outcome[] = [];
  for (const { group, size, rate } of groups) {
    // Two shared records per group: millions of decisions are drawn, and the monitor only reads them.
    const yes: Outcome = { group, favourable: true };
    const no: Outcome = { group, favourable: false };
    for (let i = 0; i < size; i++) window.push(uniform() < rate ? yes : no);
  }
  return window;
}

/** Groups A, B, C, … with `size` decisions each at the given true rates. */
const groupsAt = (rates: readonly number[], size = 100): { group: string; size: number; rate: number }[] =>
  rates.map((rate, i) => ({ group: String.fromCharCode(65 + i), size, rate }));

interface Replay {
  /** Share of windows matching a test. */
  share: (test: (r: DisparateImpactReport) => boolean) => number;
  reports: DisparateImpactReport[];
}

/** The monitor's reports on WINDOWS windows drawn at the given true rates. */
function replay(rates: readonly number[], uniform: () => number, size = 100): Replay {
  const reports = Array.from({ length: WINDOWS }, () => disparateImpact(drawWindow(groupsAt(rates, size), uniform)));
  return { share: (test) => reports.filter(test).length / WINDOWS, reports };
}

// The simpler rules the monitor replaces, applied to its own ratios and z values.
const singlePairZ = bonferroniCriticalZ(2);
const ratioAlone = (r: DisparateImpactReport): boolean => r.groups.some((g) => g.impactRatio < FOUR_FIFTHS);
const uncorrected = (r: DisparateImpactReport): boolean => r.groups.some((g) => g.impactRatio < FOUR_FIFTHS && g.z > singlePairZ);
const alerts = (r: DisparateImpactReport): boolean => r.verdict === 'alert';
const flags =
  (group: string) =>
  (r: DisparateImpactReport): boolean =>
    r.flagged.includes(group);

/** An integer with thousands separators; written out so every browser prints the same. */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

/** Each group's favourable count; for groups behind the leader, also their impact ratio and z. */
function describeGroups(report: DisparateImpactReport): string {
  return report.groups
    .map((g) => `${g.group} ${thousands(g.favourable)}/${thousands(g.decisions)}${g.impactRatio < 1 ? ` (ratio ${g.impactRatio.toFixed(2)}, z ${g.z.toFixed(2)})` : ''}`)
    .join(', ');
}

const pct = (share: number): string => `${(100 * share).toFixed(1)}%`;
const z = (k: number): string => bonferroniCriticalZ(k).toFixed(2);

export function demo(): DemoResult {
  const uniform = seededUniform(1);
  console.log(`${thousands(WINDOWS)} windows per scenario, 100 decisions per group unless stated; "ratio alone" and "uncorrected" are the demo's own counts`);

  const two = replay([0.2, 0.2], uniform);
  const twoGroups = { ratioAlone: two.share(ratioAlone), alerts: two.share(alerts) };
  console.log(`2 groups, both truly 20%: ratio alone below 0.8 in ${pct(twoGroups.ratioAlone)}; the monitor (z > ${z(2)}) alerts in ${pct(twoGroups.alerts)}`);
  const five = replay([0.2, 0.2, 0.2, 0.2, 0.2], uniform);
  const fiveGroups = { uncorrected: five.share(uncorrected), alerts: five.share(alerts) };
  console.log(
    `5 groups, all truly 20%: uncorrected (ratio below 0.8 and z > ${z(2)}) ${pct(fiveGroups.uncorrected)}; the monitor (z > ${z(5)}) alerts in ${pct(fiveGroups.alerts)}`,
  );
  console.log(`the monitor's bar rises with the groups compared: z > ${z(2)} for 2, ${z(5)} for 5, ${z(8)} for 8, ${z(14)} for 14`);

  // A catch is B flagged: an alert on A, the group truly ahead, is a false alarm, not a catch.
  const gap = replay([0.2, 0.15], uniform);
  const gapAt1000 = replay([0.2, 0.15], uniform, 1_000);
  const realGap = { caught: gap.share(flags('B')), wrongWay: gap.share(flags('A')), caughtAt1000: gapAt1000.share(flags('B')) };
  console.log(`2 groups, truly 20% vs 15%: the monitor flags B in ${pct(realGap.caught)} of windows (A, the wrong way round, in ${pct(realGap.wrongWay)})`);

  // The first window of the real gap with a ratio under 0.8 that the monitor did not alert on.
  const missed = gap.reports.find((r) => r.verdict !== 'alert' && r.groups.some((g) => g.impactRatio < FOUR_FIFTHS));
  if (missed) console.log(`  first window there with a ratio below 0.8 and no alert: ${describeGroups(missed)}: ${missed.verdict}`);
  console.log(`the same gap with 1,000 decisions per group: the monitor flags B in ${pct(realGap.caughtAt1000)} of windows`);

  const largeWindow = drawWindow([...groupsAt([0.2, 0.17], 10_000), { group: 'C', size: 12, rate: 0.2 }], uniform);
  const large = disparateImpact(largeWindow);
  console.log(`A and B with 10,000 decisions each, true rates 20% vs 17%: ${describeGroups(large)}: ${large.verdict} [${large.review.join(', ')}]`);
  const decisionsOf = (group: string): number => largeWindow.filter((o) => o.group === group).length;
  console.log(
    `groups left out of that window as too small: [${large.tooSmall.join(', ')}]${large.tooSmall.length > 0 ? ` (${large.tooSmall.map((g) => `${g} had ${decisionsOf(g)} decisions`).join(', ')})` : ''}`,
  );

  const outage = disparateImpact(drawWindow(groupsAt([0, 0]), uniform));
  console.log(`nobody approved in either group: ${outage.verdict}`);

  return {
    twoGroups,
    fiveGroups,
    realGap,
    large: { verdict: large.verdict, review: large.review, tooSmall: large.tooSmall },
    outage: outage.verdict,
  };
}
