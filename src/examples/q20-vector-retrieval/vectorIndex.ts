/**
 * Exact cosine top-k as the baseline, an IVF (inverted file) index as the
 * approximate one, and recall@k to measure what the approximation costs.
 *
 * IVF clusters the vectors with k-means; a query scores the centroids, then
 * scans only the nprobe closest lists. Fewer vectors scanned, some true
 * neighbours missed: recall against exact search is the number to watch.
 */

export interface Hit {
  readonly id: number;
  readonly score: number;
}

/** Seeded PRNG (mulberry32), so index builds and tests are reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Unit-length copy. Normalising once at write time turns cosine into a dot product. */
export function normalize(v: ArrayLike<number>): Float32Array {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
  norm = Math.sqrt(norm);
  if (!Number.isFinite(norm) || norm === 0) throw new RangeError('cannot normalise a zero or non-finite vector');
  return Float32Array.from(v, (x) => x / norm);
}

/** Best k by score; ties go to the lower id so results are deterministic. */
function topK(ids: Iterable<number>, score: (id: number) => number, k: number): Hit[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const best: Hit[] = [];
  for (const id of ids) {
    const hit = { id, score: score(id) };
    if (best.length === k && hit.score <= best[k - 1]!.score) continue;
    let i = best.length;
    while (i > 0 && (best[i - 1]!.score < hit.score || (best[i - 1]!.score === hit.score && best[i - 1]!.id > id))) i--;
    best.splice(i, 0, hit);
    if (best.length > k) best.pop();
  }
  return best;
}

abstract class VectorStore {
  protected readonly vectors: Float32Array[] = [];
  constructor(readonly dim: number) {}

  protected prepare(v: ArrayLike<number>): Float32Array {
    if (v.length !== this.dim) throw new RangeError(`expected ${this.dim} dimensions, got ${v.length}`);
    return normalize(v);
  }

  get size(): number {
    return this.vectors.length;
  }
}

/** Brute force: scans every vector. The ground truth, and fine up to roughly a million vectors (rule of thumb). */
export class ExactIndex extends VectorStore {
  add(v: ArrayLike<number>): number {
    this.vectors.push(this.prepare(v));
    return this.vectors.length - 1;
  }

  search(query: ArrayLike<number>, k: number): Hit[] {
    const q = this.prepare(query);
    return topK(this.vectors.keys(), (id) => dot(q, this.vectors[id]!), k);
  }
}

export class IvfIndex extends VectorStore {
  private centroids: Float32Array[] = [];
  private lists: number[][] = [];

  constructor(
    dim: number,
    private readonly nlist: number,
    private readonly rng: () => number,
    private readonly iterations = 10,
  ) {
    super(dim);
    if (!Number.isInteger(nlist) || nlist < 1) throw new RangeError('nlist must be a positive integer');
  }

  /** Spherical k-means on the normalised vectors, then one inverted list per centroid. */
  build(data: readonly ArrayLike<number>[]): void {
    if (data.length < this.nlist) throw new RangeError(`need at least ${this.nlist} vectors to train ${this.nlist} lists`);
    this.vectors.length = 0;
    for (const v of data) this.vectors.push(this.prepare(v));
    const n = this.vectors.length;
    this.centroids = [...Array(this.nlist)].map(() => this.vectors[Math.floor(this.rng() * n)]!.slice());
    const assignAll = () => Int32Array.from(this.vectors, (v) => this.nearestCentroids(v, 1)[0]!);
    for (let it = 0; it < this.iterations; it++) {
      const assign = assignAll();
      const sums = this.centroids.map(() => new Float32Array(this.dim));
      const counts = new Int32Array(this.nlist);
      assign.forEach((c, i) => {
        counts[c]!++;
        const v = this.vectors[i]!;
        for (let d = 0; d < this.dim; d++) sums[c]![d]! += v[d]!;
      });
      // An empty cluster is re-seeded with a random vector instead of becoming a dead list.
      this.centroids = sums.map((s, c) => (counts[c] === 0 ? this.vectors[Math.floor(this.rng() * n)]!.slice() : normalize(s)));
    }
    // The last update moved the centroids, so file each vector against the final ones,
    // the same centroids search will compare the query with.
    this.lists = this.centroids.map(() => []);
    assignAll().forEach((c, i) => this.lists[c]!.push(i));
  }

  private nearestCentroids(q: Float32Array, nprobe: number): number[] {
    return topK(this.centroids.keys(), (c) => dot(q, this.centroids[c]!), nprobe).map((h) => h.id);
  }

  /** Returns the hits and how many vectors were scored, the cost the index exists to cut. */
  search(query: ArrayLike<number>, k: number, nprobe: number): { hits: Hit[]; scanned: number } {
    if (this.lists.length === 0) throw new Error('build the index before searching');
    const q = this.prepare(query);
    const candidates = this.nearestCentroids(q, Math.min(nprobe, this.nlist)).flatMap((c) => this.lists[c]!);
    return { hits: topK(candidates, (id) => dot(q, this.vectors[id]!), k), scanned: candidates.length };
  }
}

/** Mean share of the exact top-k that the approximate search also returned. */
export function recallAtK(approximate: readonly Hit[][], exact: readonly Hit[][], k: number): number {
  if (approximate.length !== exact.length || exact.length === 0) throw new RangeError('need one result list per query');
  let total = 0;
  exact.forEach((truth, i) => {
    const found = new Set(approximate[i]!.slice(0, k).map((h) => h.id));
    const relevant = truth.slice(0, k);
    total += relevant.filter((h) => found.has(h.id)).length / Math.max(relevant.length, 1);
  });
  return total / exact.length;
}
