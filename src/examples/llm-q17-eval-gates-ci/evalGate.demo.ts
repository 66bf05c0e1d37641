/**
 * Demo: a baseline passes 320 of 400 evaluation items; three candidates lose some of
 * those items and win others. The gate compares them item by item with a seeded paired
 * bootstrap. Change `items`, the losses and gains, or `tolerance`, and rerun.
 */
import { bootstrapDifference, gate, itemsForMargin, mulberry32, wilsonInterval } from './evalGate';

export function demo(): { decisions: string[]; itemsForThreePoints: number } {
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
  for (const [name, losses, gains] of candidates) {
    const candidate = baseline.map((s, i) => (i < losses ? 0 : i >= items * 0.8 && i < items * 0.8 + gains ? 1 : s));
    const verdict = gate(bootstrapDifference(baseline, candidate, mulberry32(42)), tolerance);
    decisions.push(verdict.decision);
    console.log(`${name} (-${losses} +${gains}): ${verdict.decision.toUpperCase()}, ${verdict.reason}`);
  }
  const itemsForThreePoints = itemsForMargin(0.03);
  console.log(`a pass rate to ±3 points at 50% needs ${itemsForThreePoints} items`);
  return { decisions, itemsForThreePoints };
}
