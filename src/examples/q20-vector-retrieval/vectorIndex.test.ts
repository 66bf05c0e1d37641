import { describe, expect, it } from 'vitest';
import { clusteredData } from './syntheticData';
import { ExactIndex, IvfIndex, mulberry32, normalize, recallAtK, type Hit } from './vectorIndex';

describe('ExactIndex', () => {
  it('ranks by cosine similarity, so scaling a vector changes nothing', () => {
    const index = new ExactIndex(2);
    index.add([1, 0]);
    index.add([1, 1]);
    index.add([0, 5]);
    const hits = index.search([10, 1], 3);
    expect(hits.map((h) => h.id)).toEqual([0, 1, 2]);
    expect(hits[0]!.score).toBeCloseTo(10 / Math.sqrt(101), 6);
    expect(index.search([0.5, 0.05], 3).map((h) => h.id)).toEqual([0, 1, 2]);
  });

  it('breaks ties by id and returns at most the number of stored vectors', () => {
    const index = new ExactIndex(2);
    index.add([0, 2]);
    index.add([0, 1]);
    expect(index.search([0, 1], 5)).toEqual([
      { id: 0, score: 1 },
      { id: 1, score: 1 },
    ]);
  });

  it('rejects zero vectors, vectors of the wrong dimension and k below 1', () => {
    const index = new ExactIndex(3);
    expect(() => index.add([0, 0, 0])).toThrow(/zero/);
    expect(() => index.add([1, 2])).toThrow(/3 dimensions/);
    expect(() => normalize([Number.NaN, 1])).toThrow(RangeError);
    index.add([1, 2, 3]);
    expect(() => index.search([1, 0, 0], 0)).toThrow(/positive integer/);
  });
});

describe('IvfIndex against exact search', () => {
  const dim = 16;
  const data = clusteredData(7, 2000, dim, 40, 0.6);
  const queries = clusteredData(99, 50, dim, 40, 0.6);
  const exact = new ExactIndex(dim);
  data.forEach((v) => exact.add(v));
  const truth = queries.map((q) => exact.search(q, 10));
  const ivf = new IvfIndex(dim, 32, mulberry32(42));
  ivf.build(data);
  const run = (nprobe: number) => {
    const results = queries.map((q) => ivf.search(q, 10, nprobe));
    const hits: Hit[][] = results.map((r) => r.hits);
    const scannedShare = results.reduce((s, r) => s + r.scanned, 0) / (results.length * data.length);
    return { recall: recallAtK(hits, truth, 10), scannedShare };
  };

  it('equals exact search when it probes every list', () => {
    expect(run(32).recall).toBe(1);
    expect(run(32).scannedShare).toBe(1);
  });

  it('reaches recall@10 of at least 0.9 while scanning under a third of the vectors', () => {
    const { recall, scannedShare } = run(8);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(scannedShare).toBeLessThan(1 / 3);
  });

  it('loses recall when it probes too few lists: the trade-off is real', () => {
    expect(run(1).recall).toBeLessThan(run(8).recall);
    expect(run(1).scannedShare).toBeLessThan(0.1);
  });

  it('never loses recall by probing more lists', () => {
    const recalls = [1, 2, 4, 8, 16, 32].map((p) => run(p).recall);
    for (let i = 1; i < recalls.length; i++) expect(recalls[i]!).toBeGreaterThanOrEqual(recalls[i - 1]!);
  });

  it('files every vector in the list of its nearest centroid, so a stored vector is found probing one list', () => {
    const missed = data.filter((v, id) => ivf.search(v, 1, 1).hits[0]?.id !== id).length;
    expect(missed).toBe(0);
  });

  it('builds the same index from the same seed', () => {
    const again = new IvfIndex(dim, 32, mulberry32(42));
    again.build(data);
    expect(queries.map((q) => again.search(q, 10, 4).hits)).toEqual(queries.map((q) => ivf.search(q, 10, 4).hits));
  });

  it('refuses to search before it is built, or to train more lists than vectors', () => {
    expect(() => new IvfIndex(dim, 4, mulberry32(1)).search(queries[0]!, 10, 1)).toThrow(/build the index/);
    expect(() => new IvfIndex(dim, 4, mulberry32(1)).build(data.slice(0, 3))).toThrow(/at least 4/);
  });
});

describe('recallAtK', () => {
  it('is the share of true neighbours found, averaged over queries', () => {
    const h = (...ids: number[]) => ids.map((id) => ({ id, score: 0 }));
    expect(recallAtK([h(1, 2), h(5, 9)], [h(1, 3), h(5, 9)], 2)).toBe(0.75);
    expect(() => recallAtK([], [], 2)).toThrow(RangeError);
  });
});
