/**
 * Demo: a baseline passes 320 of 400 evaluation items; three candidates lose some of
 * those items and win others. The gate compares them item by item with a seeded paired
 * bootstrap. Change `items`, the losses and gains, or `tolerance`, and rerun.
 */
import { bootstrapDifference, differenceVariance, gate, itemsForMargin, itemsToSettle, mulberry32, wilsonInterval } from './evalGate';

export function demo(): { decisions: string[]; itemsForThreePoints: number; itemsToPassIfEven: number; itemsAtObservedDifference: number } {
  const items = 400;
  const tolerance = 0.02; // a regression of up to 2 points is acceptable
  const baseline = Array.from({ length: items }, (_, i) => (i < items * 0.8 ? 1 : 0));
  const w = wilsonInterval(items * 0.8, items);
  console.log(`baseline: ${items * 0.8} of ${items} pass, Wilson 95% interval [${(w.low * 100).toFixed(1)}%, ${(w.high * 100).toFixed(1)}%]`);
  const candidates: [string, number, number][] = [
    ['candidate A', 30, 6], // name, items it loses, items it gains
    ['candidate B', 6, 6],
    ['candidate C', 14, 6],
  ];
  const decisions: string[] = [];
  const scores: number[][] = [];
  for (const [name, losses, gains] of candidates) {
    const candidate = baseline.map((s, i) => (i < losses ? 0 : i >= items * 0.8 && i < items * 0.8 + gains ? 1 : s));
    scores.push(candidate);
    const verdict = gate(bootstrapDifference(baseline, candidate, mulberry32(42)), tolerance);
    decisions.push(verdict.decision);
    console.log(`${name} (-${losses} +${gains}): ${verdict.decision.toUpperCase()}, ${verdict.reason}`);
  }
  const itemsForThreePoints = itemsForMargin(0.03);
  console.log(`a pass rate to ±3 points at 50% needs ${itemsForThreePoints} items`);
  // Candidate C as a pilot: 20 of 400 items discordant, mean difference -2 points, right on -tolerance.
  const [base, c] = [baseline, scores[2]!];
  const mean = (xs: number[]) => xs.reduce((a, s) => a + s, 0) / xs.length;
  const observed = mean(c) - mean(base);
  const itemsAtObservedDifference = itemsToSettle(base, c, { tolerance, expectedDifference: observed });
  const points = (x: number) => (x * 100).toFixed(2);
  if (itemsAtObservedDifference === Number.POSITIVE_INFINITY) {
    console.log(`candidate C sits at ${points(observed)} points, on the ${points(-tolerance)}-point line: no number of items settles it reliably`);
  } else {
    console.log(`candidate C at ${points(observed)} points settles 4 runs in 5 with ${itemsAtObservedDifference} items`);
  }
  // The same churn with no real regression (expected difference 0), settled 4 runs in 5 (zPower 0.84).
  const v = differenceVariance(base, c);
  const itemsToPassIfEven = itemsToSettle(base, c, { tolerance });
  const exact = ((1.96 + 0.84) ** 2 * v) / tolerance ** 2;
  console.log(
    `with C's churn, Var(d) = ${v.toFixed(4)}, and no real regression, passing 4 runs in 5 takes (1.96 + 0.84)² × ${v.toFixed(4)} / (0 + ${tolerance})² = ${exact.toFixed(1)}: ${itemsToPassIfEven} items`,
  );
  return { decisions, itemsForThreePoints, itemsToPassIfEven, itemsAtObservedDifference };
}
