import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './retrievalMetrics.demo';

afterEach(() => vi.restoreAllMocks());

describe('the retrieval evaluation demo', () => {
  it('scores the hybrid retriever above the keyword one on every metric and sizes the golden set', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    // keyword: recall (1 + 0.5 + 0 + 1) / 4, precision (2/3 + 1/3 + 0 + 2/3) / 4, MRR (1/2 + 1 + 0 + 1) / 4
    expect(result.keyword).toEqual([0.625, 0.4167, 0.625, 0.5293]);
    // hybrid: MRR (1 + 1 + 1/2 + 1) / 4
    expect(result.hybrid).toEqual([1, 0.5833, 0.875, 0.8799]);
    expect(result.queriesFor5Points).toBe(385);
    // Printed to at most 4 decimals, so an exact 0.625 or 0.875 is not rounded to 0.63 or 0.88.
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('keyword: recall@3 0.625, precision@3 0.4167, MRR@3 0.625, nDCG@3 0.5293 (4 answerable, 1 unanswerable)');
    expect(lines).toContain('hybrid: recall@3 1, precision@3 0.5833, MRR@3 0.875, nDCG@3 0.8799 (4 answerable, 1 unanswerable)');
    // The 385 counts answerable queries: the demo has 4, plus 1 that must be refused.
    expect(lines).toContain('to know recall within ±5 points at 95 % confidence: 385 answerable labelled queries, not 4');
  });
});
