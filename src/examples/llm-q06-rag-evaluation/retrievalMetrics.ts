/**
 * Retrieval metrics over a labelled golden set: recall@k, precision@k,
 * reciprocal rank (averaged into MRR@k) and nDCG@k with graded relevance, all cut at k.
 * Labels are per query: document id -> integer grade (0 = not relevant, 1 = partly,
 * 2 = fully, 3 = perfect). Recall, precision and reciprocal rank count any grade above 0,
 * partly included, as relevant; only nDCG weighs the grades. Exact arithmetic, no sampling.
 */
export type Grades = Readonly<Record<string, number>>;

export interface LabelledQuery {
  readonly query: string;
  /** Graded judgements; ids not listed count as grade 0 (hard negatives are listed as 0 to record that they were checked). */
  readonly grades: Grades;
  /** What the retriever returned, best first. */
  readonly ranked: readonly string[];
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
}

function checkRanking(ranked: readonly string[]): void {
  // A duplicate would be counted twice and push precision above what the user saw.
  if (new Set(ranked).size !== ranked.length) throw new RangeError('ranked contains a duplicate document id');
}

/** An id's grade, 0 when unlisted. Own keys only: grades['constructor'] would otherwise be a function, and nDCG NaN. */
function gradeOf(grades: Grades, id: string): number {
  return Object.hasOwn(grades, id) ? grades[id]! : 0;
}

/** Checks every grade and returns the ids graded above 0. */
function relevantIds(grades: Grades): string[] {
  return Object.keys(grades).filter((id) => {
    const g = gradeOf(grades, id);
    if (!Number.isInteger(g) || g < 0 || g > 3) throw new RangeError(`grades.${id} must be an integer from 0 to 3, got ${g}`);
    return g > 0;
  });
}

/** Share of the relevant documents found in the top k; null when the query has none (undefined, not zero). */
export function recallAtK(ranked: readonly string[], grades: Grades, k: number): number | null {
  checkK(k);
  checkRanking(ranked);
  const relevant = relevantIds(grades);
  if (relevant.length === 0) return null;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((id) => top.has(id)).length / relevant.length;
}

/** Relevant hits in the top k divided by k, even when fewer than k were returned: empty slots are misses. */
export function precisionAtK(ranked: readonly string[], grades: Grades, k: number): number {
  checkK(k);
  checkRanking(ranked);
  relevantIds(grades);
  return ranked.slice(0, k).filter((id) => gradeOf(grades, id) > 0).length / k;
}

/** 1 / rank of the first relevant document in the top k, 0 when none is there: a hit below k never reaches the model. */
export function reciprocalRankAtK(ranked: readonly string[], grades: Grades, k: number): number {
  checkK(k);
  checkRanking(ranked);
  relevantIds(grades);
  const index = ranked.slice(0, k).findIndex((id) => gradeOf(grades, id) > 0);
  return index === -1 ? 0 : 1 / (index + 1);
}

/**
 * Discounted cumulative gain with linear gain, grade / log2(rank + 1), not the exponential 2^grade - 1
 * many learning-to-rank tools use; the log2(rank + 1) discount is the common later convention.
 * Järvelin and Kekäläinen's 2002 original divides by log_b(rank) and leaves ranks below b undiscounted
 * (with b = 2, ranks 1 and 2 count in full); each choice changes the value, so compare nDCG only within one convention.
 */
function dcg(gains: readonly number[]): number {
  return gains.reduce((sum, gain, i) => sum + gain / Math.log2(i + 2), 0);
}

/** DCG of the top k divided by the DCG of the top k of the ideal ordering of all judged documents; null without relevant documents. */
export function ndcgAtK(ranked: readonly string[], grades: Grades, k: number): number | null {
  checkK(k);
  checkRanking(ranked);
  const relevant = relevantIds(grades);
  if (relevant.length === 0) return null;
  const actual = dcg(ranked.slice(0, k).map((id) => gradeOf(grades, id)));
  const ideal = dcg(
    relevant
      .map((id) => gradeOf(grades, id))
      .sort((a, b) => b - a)
      .slice(0, k),
  );
  return actual / ideal;
}

/** Orders scored results best first; equal scores fall back to the id so a run is reproducible. */
export function rankByScore(scores: Readonly<Record<string, number>>): string[] {
  // NaN compares as neither larger nor smaller and would land anywhere in the order.
  for (const [id, score] of Object.entries(scores)) {
    if (!Number.isFinite(score)) throw new RangeError(`scores.${id} must be a finite number, got ${score}`);
  }
  return Object.keys(scores).sort((a, b) => scores[b]! - scores[a]! || (a < b ? -1 : a > b ? 1 : 0));
}

export interface RetrievalReport {
  readonly recall: number;
  readonly precision: number;
  readonly mrr: number;
  readonly ndcg: number;
  /** Queries every metric averages over (those with at least one relevant document). */
  readonly answerable: number;
  /** Queries with no relevant document: they belong in a separate "should abstain" check. */
  readonly unanswerable: number;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Macro-averages every metric, MRR@k and precision@k included, over the answerable queries only; the rest are counted apart. */
export function evaluateRetrieval(set: readonly LabelledQuery[], k: number): RetrievalReport {
  checkK(k);
  set.forEach((q) => checkRanking(q.ranked));
  const answerable = set.filter((q) => relevantIds(q.grades).length > 0);
  // Zeros would let an empty set from a broken loader pass a "no drop" gate (0 against 0).
  if (answerable.length === 0) throw new RangeError('no answerable query: retrieval metrics are undefined');
  return {
    recall: mean(answerable.map((q) => recallAtK(q.ranked, q.grades, k)!)),
    precision: mean(answerable.map((q) => precisionAtK(q.ranked, q.grades, k))),
    mrr: mean(answerable.map((q) => reciprocalRankAtK(q.ranked, q.grades, k))),
    ndcg: mean(answerable.map((q) => ndcgAtK(q.ranked, q.grades, k)!)),
    answerable: answerable.length,
    unanswerable: set.length - answerable.length,
  };
}

/**
 * Queries needed so a proportion (such as recall@k or a faithfulness pass rate) is known to
 * within ±margin at the given z (1.96 for 95 %): n = z² p (1 - p) / margin², worst case p = 0.5.
 * p must lie strictly between 0 and 1: at 0 or 1 this (Wald) interval has zero width and asks for
 * 0 queries; when the metric may sit near either end, keep the conservative default p = 0.5.
 */
export function goldenSetSize(margin: number, p = 0.5, z = 1.96): number {
  if (!(margin > 0 && margin < 1)) throw new RangeError(`margin must be between 0 and 1, got ${margin}`);
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be strictly between 0 and 1 (use 0.5 for the worst case), got ${p}`);
  if (!(z > 0 && Number.isFinite(z))) throw new RangeError(`z must be a finite number > 0 (1.96 for 95 %), got ${z}`);
  // Round off float noise first: 4 × 0.16 / 0.02² computes as 1600.0000000000002, which is 1,600 queries, not 1,601.
  return Math.ceil(Number(((z * z * p * (1 - p)) / (margin * margin)).toFixed(9)));
}
