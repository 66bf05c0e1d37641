/**
 * Demo: eight labelled question pairs with toy embedding vectors built to the cosine
 * similarity a real embedding model might give them (illustrative values). Sweep the
 * threshold with and without the guard that keeps questions with digits or date words exact-match only.
 * Note where "cancel my order" and a negation sit: closer than some true paraphrases.
 */
import { sweepThresholds, type LabelledPair, type Vector } from './semanticCache';

const THRESHOLDS = [0.85, 0.9, 0.95, 0.98];

const base: Vector = [1, 0];
const near = (similarity: number): Vector => [similarity, Math.sqrt(1 - similarity * similarity)];
const pair = (a: string, b: string, similarity: number, sameAnswer: boolean): LabelledPair => ({
  a: { text: a, vector: base },
  b: { text: b, vector: near(similarity) },
  sameAnswer,
});

const pairs: LabelledPair[] = [
  pair('how do I reset my password', 'I forgot my password', 0.96, true),
  pair('what is the VAT rate', 'what is the VAT rate?', 0.99, true),
  pair('opening hours', 'when do you open', 0.88, true),
  pair('track my parcel', 'where is my package', 0.86, true),
  pair('cancel my order', 'cancel my subscription', 0.93, false),
  pair('does the store sell gift cards', 'does the store not sell gift cards', 0.97, false),
  pair('refund status of order 1234', 'refund status of order 5678', 0.985, false),
  pair('price of the plan in 2025', 'price of the plan in 2026', 0.96, false),
];

export function demo(): { guarded: number[][]; unguarded: number[][] } {
  const table = (allowed?: (q: string) => boolean) =>
    sweepThresholds(pairs, THRESHOLDS, allowed).map((r) => [r.threshold, Number(r.hitRate.toFixed(3)), Number(r.falseHitRate.toFixed(3))]);
  const guarded = table();
  const unguarded = table(() => true);
  for (const [name, rows] of [
    ['digits and date words exact-only', guarded],
    ['no guard', unguarded],
  ] as const) {
    console.log(`${name}: ${rows.map(([t, hit, falseHit]) => `t=${t} hit rate ${hit}, false-hit rate ${falseHit}`).join('; ')}`);
  }
  return { guarded, unguarded };
}
