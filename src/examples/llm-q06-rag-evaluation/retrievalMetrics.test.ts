import { describe, expect, it } from 'vitest';
import { evaluateRetrieval, goldenSetSize, ndcgAtK, precisionAtK, rankByScore, recallAtK, reciprocalRank, type LabelledQuery } from './retrievalMetrics';

// a is perfect (3), b fully relevant (2), d partly (1); c is a hard negative a reviewer checked (0).
const grades = { a: 3, b: 2, c: 0, d: 1 };
const ranked = ['c', 'a', 'e', 'd', 'b'];

describe('per-query metrics on a hand-computed ranking', () => {
  it('recall@3 is the share of the three relevant documents in the top 3', () => {
    expect(recallAtK(ranked, grades, 3)).toBeCloseTo(1 / 3, 12);
    expect(recallAtK(ranked, grades, 5)).toBe(1);
  });

  it('precision@k counts relevant hits among the first k', () => {
    expect(precisionAtK(ranked, grades, 3)).toBeCloseTo(1 / 3, 12);
    expect(precisionAtK(ranked, grades, 5)).toBeCloseTo(3 / 5, 12);
  });

  it('reciprocal rank is 1 / the rank of the first relevant document, skipping the hard negative', () => {
    expect(reciprocalRank(ranked, grades)).toBe(0.5);
  });

  it('nDCG@3 divides the graded DCG by the DCG of the ideal order 3, 2, 1', () => {
    const actual = 3 / Math.log2(3);
    const ideal = 3 / 1 + 2 / Math.log2(3) + 1 / 2;
    expect(ndcgAtK(ranked, grades, 3)).toBeCloseTo(actual / ideal, 12);
    expect(ndcgAtK(ranked, grades, 3)).toBeCloseTo(0.3975, 4);
  });

  it('gives nDCG 1 to the ideal order and less when two grades are swapped', () => {
    expect(ndcgAtK(['a', 'b', 'd'], grades, 3)).toBeCloseTo(1, 12);
    expect(ndcgAtK(['b', 'a', 'd'], grades, 3)!).toBeLessThan(1);
  });
});

describe('edge cases', () => {
  it('returns null recall and nDCG for a query with no relevant document, rather than a misleading 0 or 1', () => {
    const none = { x: 0 };
    expect(recallAtK(['x', 'y'], none, 2)).toBeNull();
    expect(ndcgAtK(['x', 'y'], none, 2)).toBeNull();
    expect(reciprocalRank(['x', 'y'], none)).toBe(0);
    expect(precisionAtK(['x', 'y'], none, 2)).toBe(0);
  });

  it('treats k larger than the returned list as empty slots: precision divides by k, recall by the relevant count', () => {
    const two = { a: 1, b: 1 };
    expect(recallAtK(['a'], two, 10)).toBe(0.5);
    expect(precisionAtK(['a'], two, 10)).toBeCloseTo(0.1, 12);
    expect(ndcgAtK(['a'], two, 10)).toBeCloseTo(1 / (1 + 1 / Math.log2(3)), 12);
  });

  it('gives reciprocal rank 0 when nothing relevant was returned', () => {
    expect(reciprocalRank(['e', 'f'], grades)).toBe(0);
    expect(reciprocalRank([], grades)).toBe(0);
  });

  it('breaks score ties by document id so two runs rank identically', () => {
    expect(rankByScore({ b: 0.9, a: 0.9, c: 0.95 })).toEqual(['c', 'a', 'b']);
  });

  it('rejects a score that is not a finite number, naming the document, instead of ranking it first', () => {
    expect(() => rankByScore({ a: Number.NaN, b: 0.5, c: 0.9 })).toThrow(/scores\.a must be a finite number/);
    expect(() => rankByScore({ a: 0.1, b: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });
});

describe('bad input', () => {
  it('rejects a k that is not a positive integer, naming k', () => {
    expect(() => recallAtK(ranked, grades, 0)).toThrow(RangeError);
    expect(() => precisionAtK(ranked, grades, 1.5)).toThrow(/k must be a positive integer/);
    expect(() => evaluateRetrieval([], -1)).toThrow(/k must/);
  });

  it('rejects a ranking with a duplicate id, which would count one hit twice', () => {
    expect(() => precisionAtK(['a', 'a'], grades, 2)).toThrow(/duplicate/);
  });

  it('rejects a negative or non-finite grade, naming the document', () => {
    expect(() => reciprocalRank(['a'], { a: -1 })).toThrow(/grades\.a/);
    expect(() => ndcgAtK(['a'], { a: Number.NaN }, 1)).toThrow(RangeError);
  });
});

describe('evaluateRetrieval', () => {
  const set: LabelledQuery[] = [
    { query: 'refund window', grades: { a: 2, b: 1 }, ranked: ['a', 'x', 'b'] },
    { query: 'change plan', grades: { c: 1 }, ranked: ['y', 'z', 'w'] },
    { query: 'weather on Mars', grades: {}, ranked: ['q'] },
  ];

  it('macro-averages over answerable queries and counts the unanswerable one apart', () => {
    const report = evaluateRetrieval(set, 2);
    expect(report.recall).toBeCloseTo((1 / 2 + 0) / 2, 12);
    expect(report.precision).toBeCloseTo((1 / 2 + 0) / 2, 12);
    expect(report.mrr).toBeCloseTo((1 + 0) / 2, 12);
    expect(report.ndcg).toBeCloseTo((2 / (2 + 1 / Math.log2(3)) + 0) / 2, 12);
    expect(report).toMatchObject({ answerable: 2, unanswerable: 1 });
  });

  it('rejects a duplicate id in any ranking, including an unanswerable query whose scores it skips', () => {
    expect(() => evaluateRetrieval([{ query: 'q', grades: {}, ranked: ['a', 'a'] }], 3)).toThrow(/duplicate/);
  });

  it('reports zeros, not NaN, for a set with no answerable query', () => {
    expect(evaluateRetrieval([set[2]!], 3)).toEqual({ recall: 0, precision: 0, mrr: 0, ndcg: 0, answerable: 0, unanswerable: 1 });
  });
});

describe('goldenSetSize', () => {
  it('needs 385 queries for ±5 points at 95 % in the worst case, and 97 for ±10 points', () => {
    expect(goldenSetSize(0.05)).toBe(385); // 1.96² × 0.25 / 0.05² = 384.16
    expect(goldenSetSize(0.1)).toBe(97); // 96.04
  });

  it('needs fewer queries when the metric is far from 50 %', () => {
    expect(goldenSetSize(0.05, 0.9)).toBe(139); // 1.96² × 0.09 / 0.0025 = 138.3
  });

  it('does not add a query when the formula gives a whole number: z = 2, p = 0.2, ±2 points is 4 × 0.16 / 0.0004 = 1,600', () => {
    expect(goldenSetSize(0.02, 0.2, 2)).toBe(1600);
    expect(goldenSetSize(0.01, 0.1, 1)).toBe(900); // 0.09 / 0.0001
  });

  it('rejects a margin or a p outside (0, 1)', () => {
    expect(() => goldenSetSize(0)).toThrow(/margin/);
    expect(() => goldenSetSize(0.05, 1.2)).toThrow(/p must/);
  });

  it('rejects p = 0 and p = 1, where the interval has zero width and would ask for 0 queries', () => {
    expect(() => goldenSetSize(0.05, 0)).toThrow(/p must be strictly between 0 and 1/);
    expect(() => goldenSetSize(0.05, 1)).toThrow(/p must be strictly between 0 and 1/);
  });

  it('rejects a z that is not a finite positive number', () => {
    expect(() => goldenSetSize(0.05, 0.5, -1.96)).toThrow(/z must be a finite number > 0/);
    expect(() => goldenSetSize(0.05, 0.5, 0)).toThrow(/z must/);
    expect(() => goldenSetSize(0.05, 0.5, Number.NaN)).toThrow(/z must/);
    expect(() => goldenSetSize(0.05, 0.5, Number.POSITIVE_INFINITY)).toThrow(/z must/);
  });
});
