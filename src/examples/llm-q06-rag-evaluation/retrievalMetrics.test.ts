import { describe, expect, it } from 'vitest';
import { evaluateRetrieval, goldenSetSize, ndcgAtK, precisionAtK, rankByScore, recallAtK, reciprocalRankAtK, type LabelledQuery } from './retrievalMetrics';

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
    expect(reciprocalRankAtK(ranked, grades, 3)).toBe(0.5);
  });

  it('cuts reciprocal rank at k: a relevant document below k never reaches the model', () => {
    const late = [...Array.from({ length: 9 }, (_, i) => `miss${i}`), 'a'];
    expect(reciprocalRankAtK(late, { a: 1 }, 3)).toBe(0);
    expect(reciprocalRankAtK(late, { a: 1 }, 10)).toBeCloseTo(0.1, 12);
    expect(evaluateRetrieval([{ query: 'q', grades: { a: 1 }, ranked: late }], 3).mrr).toBe(0);
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

  it('cuts the ideal order at k too, so the best possible top 2 scores 1', () => {
    expect(ndcgAtK(['a', 'b', 'c', 'd'], { a: 3, b: 2, c: 1, d: 1 }, 2)).toBeCloseTo(1, 12);
  });

  it('sorts the ideal order by grade, whatever order the labels were written in', () => {
    const labels = { a: 1, b: 3 };
    expect(ndcgAtK(['b', 'a'], labels, 2)).toBeCloseTo(1, 12);
    expect(ndcgAtK(['a', 'b'], labels, 2)!).toBeLessThan(1);
  });
});

describe('edge cases', () => {
  it('returns null recall and nDCG for a query with no relevant document, rather than a misleading 0 or 1', () => {
    const none = { x: 0 };
    expect(recallAtK(['x', 'y'], none, 2)).toBeNull();
    expect(ndcgAtK(['x', 'y'], none, 2)).toBeNull();
    expect(reciprocalRankAtK(['x', 'y'], none, 2)).toBe(0);
    expect(precisionAtK(['x', 'y'], none, 2)).toBe(0);
  });

  it('treats k larger than the returned list as empty slots: precision divides by k, recall by the relevant count', () => {
    const two = { a: 1, b: 1 };
    expect(recallAtK(['a'], two, 10)).toBe(0.5);
    expect(precisionAtK(['a'], two, 10)).toBeCloseTo(0.1, 12);
    expect(ndcgAtK(['a'], two, 10)).toBeCloseTo(1 / (1 + 1 / Math.log2(3)), 12);
  });

  it('gives reciprocal rank 0 when nothing relevant was returned', () => {
    expect(reciprocalRankAtK(['e', 'f'], grades, 2)).toBe(0);
    expect(reciprocalRankAtK([], grades, 3)).toBe(0);
  });

  it('reads only listed grades, so an id such as constructor is an unlisted 0, not a NaN', () => {
    const ranked2 = ['constructor', 'a'];
    expect(ndcgAtK(ranked2, { a: 1 }, 2)).toBeCloseTo(1 / Math.log2(3), 12);
    expect(precisionAtK(['toString', 'a'], { a: 1 }, 2)).toBe(0.5);
    expect(reciprocalRankAtK(['valueOf', 'a'], { a: 1 }, 2)).toBe(0.5);
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

  it('rejects a ranking with a duplicate id, which would count one hit twice, in every metric', () => {
    expect(() => precisionAtK(['a', 'a'], grades, 2)).toThrow(/duplicate/);
    expect(() => recallAtK(['a', 'a'], grades, 2)).toThrow(/duplicate/);
    expect(() => reciprocalRankAtK(['a', 'a'], grades, 2)).toThrow(/duplicate/);
    expect(() => ndcgAtK(['a', 'a'], grades, 2)).toThrow(/duplicate/);
  });

  it('rejects a negative or non-finite grade, naming the document', () => {
    expect(() => reciprocalRankAtK(['a'], { a: -1 }, 1)).toThrow(/grades\.a/);
    expect(() => ndcgAtK(['a'], { a: Number.NaN }, 1)).toThrow(RangeError);
    expect(() => precisionAtK(['a'], { a: -1 }, 1)).toThrow(/grades\.a/);
  });

  it('rejects a grade off the 0-3 integer scale, naming the document', () => {
    expect(() => recallAtK(['a'], { a: 4 }, 1)).toThrow(/grades\.a must be an integer from 0 to 3, got 4/);
    expect(() => ndcgAtK(['a'], { a: 1.5 }, 1)).toThrow(/grades\.a must be an integer from 0 to 3/);
    expect(() => precisionAtK(['a'], { b: 3, a: 7 }, 1)).toThrow(/grades\.a/);
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

  it('refuses a set with no answerable query rather than report zeros a "no drop" gate would pass', () => {
    expect(() => evaluateRetrieval([set[2]!], 3)).toThrow(/no answerable query: retrieval metrics are undefined/);
    expect(() => evaluateRetrieval([], 3)).toThrow(RangeError);
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
