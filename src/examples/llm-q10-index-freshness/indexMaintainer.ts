/**
 * Keeps a vector index in step with its source through an ordered change feed.
 *
 * Every event carries the source's version of one document. An event whose
 * version is not newer than the last one applied for that document is a
 * duplicate or arrived out of order, and is ignored. Updates and deletes leave
 * tombstoned entries behind, as HNSW and Lucene segments do; queries filter
 * them out while scanning, and compaction removes them. Erasure removes the
 * bytes at once and tells every derived cache to drop the document.
 */

export type ChangeEvent =
  | { kind: 'upsert'; docId: string; version: number; committedAt: number; chunks: readonly { text: string; vector: readonly number[] }[] }
  | { kind: 'delete'; docId: string; version: number; committedAt: number };

interface Entry {
  readonly chunkId: string; // `${docId}#${position}`; each version's chunks are new entries, the old ones tombstoned
  readonly docId: string;
  readonly version: number;
  readonly text: string;
  readonly vector: readonly number[];
}

export interface Hit {
  chunkId: string;
  docId: string;
  version: number;
  text: string;
  score: number;
}

export type ApplyResult = 'applied' | 'ignored-stale';

export class IndexMaintainer {
  private entries: Entry[] = [];
  /** docId -> last version applied; a delete keeps its version so a late upsert cannot resurrect the document. */
  private readonly versions = new Map<string, { version: number; deleted: boolean }>();
  /** A running maximum, not a list: a feed runs for months, and Math.max(...list) overflows the stack. */
  private worstLagMs = 0;

  constructor(
    private readonly dimension: number,
    private readonly clock: () => number,
    /** Derived stores (answer cache, semantic cache, prompt logs) that must forget an erased document. */
    private readonly erasureListeners: readonly ((docId: string) => void)[] = [],
  ) {
    if (!Number.isInteger(dimension) || dimension < 1) throw new RangeError(`dimension must be a positive integer, got ${dimension}`);
  }

  apply(event: ChangeEvent): ApplyResult {
    if (typeof event.docId !== 'string' || event.docId === '') throw new TypeError('docId must be a non-empty string');
    if (!Number.isInteger(event.version) || event.version < 1) throw new RangeError(`version must be a positive integer, got ${event.version}`);
    if (!Number.isFinite(event.committedAt)) throw new RangeError(`committedAt must be a finite time in ms, got ${event.committedAt}`);
    if (event.kind === 'upsert') {
      for (const c of event.chunks) {
        if (c.vector.length !== this.dimension) throw new RangeError(`vector of ${event.docId} has ${c.vector.length} dimensions, expected ${this.dimension}`);
      }
    }
    const known = this.versions.get(event.docId);
    if (known && event.version <= known.version) return 'ignored-stale';
    this.versions.set(event.docId, { version: event.version, deleted: event.kind === 'delete' });
    // New chunks are appended; the old ones stay as tombstones until compaction, like a graph index.
    if (event.kind === 'upsert') {
      event.chunks.forEach((c, i) => this.entries.push({ chunkId: `${event.docId}#${i}`, docId: event.docId, version: event.version, text: c.text, vector: [...c.vector] }));
    }
    this.worstLagMs = Math.max(this.worstLagMs, this.clock() - event.committedAt);
    return 'applied';
  }

  private isLive(e: Entry): boolean {
    const v = this.versions.get(e.docId);
    return v !== undefined && !v.deleted && v.version === e.version;
  }

  /** Filters while scanning, not after taking the top k, so k live hits come back whenever k exist. */
  query(vector: readonly number[], k: number): Hit[] {
    if (vector.length !== this.dimension) throw new RangeError(`query vector has ${vector.length} dimensions, expected ${this.dimension}`);
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
    return this.entries
      .filter((e) => this.isLive(e))
      .map((e) => ({ chunkId: e.chunkId, docId: e.docId, version: e.version, text: e.text, score: cosine(vector, e.vector) }))
      .sort((a, b) => b.score - a.score || a.chunkId.localeCompare(b.chunkId))
      .slice(0, k);
  }

  /** Rewrites the index without tombstoned entries; returns how many were removed. */
  compact(): number {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => this.isLive(e));
    return before - this.entries.length;
  }

  /**
   * Right to erasure: block the id for good, so replaying the feed from an old offset cannot bring it
   * back; remove the bytes now rather than at the next compaction; and purge every derived cache.
   */
  erase(docId: string): void {
    if (typeof docId !== 'string' || docId === '') throw new TypeError('docId must be a non-empty string');
    this.versions.set(docId, { version: Number.POSITIVE_INFINITY, deleted: true });
    this.entries = this.entries.filter((e) => e.docId !== docId);
    for (const listener of this.erasureListeners) listener(docId);
  }

  /** What an auditor can search for: every stored chunk text, live or tombstoned. */
  storedTexts(): string[] {
    return this.entries.map((e) => e.text);
  }

  tombstoneCount(): number {
    return this.entries.filter((e) => !this.isLive(e)).length;
  }

  /** Freshness lag: time from the source commit to the change being applied, worst case so far. */
  maxLagMs(): number {
    return this.worstLagMs;
  }
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  });
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
