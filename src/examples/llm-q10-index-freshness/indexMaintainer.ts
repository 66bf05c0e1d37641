/**
 * Keeps a vector index in step with its source through an ordered change feed.
 *
 * Every event carries the source's version of one document. An event whose
 * version is not newer than the last one applied for that document is a
 * duplicate or arrived out of order, and is ignored. Updates and deletes leave
 * tombstoned entries behind, as HNSW and Lucene segments do; queries filter
 * them out while scanning, and compaction removes them. Erasure removes the
 * bytes at once and tells every derived cache to drop the document; a purge
 * that fails stays pending until a retry succeeds.
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

/** A derived store's purge; real stores (Redis, a log store) answer asynchronously, and a rejection is a failed purge. */
export type ErasureListener = (docId: string) => void | Promise<void>;

/** What erase() achieved: complete only when every derived store confirmed the purge. */
export interface ErasureOutcome {
  readonly complete: boolean;
  readonly errors: readonly unknown[];
}

const finite = (vector: readonly number[]): boolean => vector.every((x) => Number.isFinite(x));

export class IndexMaintainer {
  private entries: Entry[] = [];
  /** docId -> last version applied; a delete keeps its version so a late upsert cannot resurrect the document. */
  private readonly versions = new Map<string, { version: number; deleted: boolean }>();
  /** A running maximum for the current window, not a list: Math.max(...list) overflows the stack on a long feed. */
  private worstLagMs = 0;
  /** docId -> indexes of the erasure listeners that have not yet purged it. */
  private readonly pendingPurges = new Map<string, Set<number>>();

  constructor(
    private readonly dimension: number,
    private readonly clock: () => number,
    /** Derived stores (answer cache, semantic cache, prompt logs) that must forget an erased document. */
    private readonly erasureListeners: readonly ErasureListener[] = [],
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
        if (!finite(c.vector)) throw new RangeError(`vector of ${event.docId} must have finite components`);
      }
    }
    const known = this.versions.get(event.docId);
    if (known && event.version <= known.version) return 'ignored-stale';
    this.versions.set(event.docId, { version: event.version, deleted: event.kind === 'delete' });
    // New chunks are appended; the old ones stay as tombstones until compaction, like a graph index.
    if (event.kind === 'upsert') {
      event.chunks.forEach((c, i) => this.entries.push({ chunkId: `${event.docId}#${i}`, docId: event.docId, version: event.version, text: c.text, vector: [...c.vector] }));
    }
    // The maximum starts at 0, so a commit time ahead of this clock (skew) counts as 0 lag.
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
    if (!finite(vector)) throw new RangeError('query vector must have finite components');
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
    return (
      this.entries
        .filter((e) => this.isLive(e))
        .map((e) => ({ chunkId: e.chunkId, docId: e.docId, version: e.version, text: e.text, score: cosine(vector, e.vector) }))
        // Ties by code point, not localeCompare, so the order is the same on every machine.
        .sort((a, b) => b.score - a.score || (a.chunkId < b.chunkId ? -1 : a.chunkId > b.chunkId ? 1 : 0))
        .slice(0, k)
    );
  }

  /** Rewrites the index without tombstoned entries; returns how many were removed. */
  compact(): number {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => this.isLive(e));
    return before - this.entries.length;
  }

  /**
   * Right to erasure: block the id for good, so replaying the feed from an old offset cannot bring it
   * back; remove the bytes now rather than at the next compaction; and tell every derived store. One
   * failing store does not stop the others: its purge stays pending for retryPendingPurges().
   * The index bytes go before the first await; the outcome resolves once every store has answered.
   * The block list keeps the raw id; if the id itself is personal data (an email address), store a
   * keyed hash (an HMAC) of it instead.
   */
  async erase(docId: string): Promise<ErasureOutcome> {
    if (typeof docId !== 'string' || docId === '') throw new TypeError('docId must be a non-empty string');
    this.versions.set(docId, { version: Number.POSITIVE_INFINITY, deleted: true });
    this.entries = this.entries.filter((e) => e.docId !== docId);
    const errors = await this.notify(
      docId,
      this.erasureListeners.map((_, i) => i),
    );
    return { complete: errors.length === 0, errors };
  }

  /** Calls the given listeners, waits for all of them, records the ones that failed as pending, and returns their errors. */
  private async notify(docId: string, listeners: readonly number[]): Promise<unknown[]> {
    // The async wrapper turns a synchronous throw into a rejection, so allSettled sees every failure.
    const results = await Promise.allSettled(listeners.map(async (i) => this.erasureListeners[i]!(docId)));
    const failed = new Set(listeners.filter((_, j) => results[j]!.status === 'rejected'));
    if (failed.size > 0) this.pendingPurges.set(docId, failed);
    else this.pendingPurges.delete(docId);
    return results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  }

  /**
   * Calls again only the listeners whose purge failed. Returns how many (document, store) purges are
   * still pending, not how many documents: one document two stores failed to purge counts 2.
   */
  async retryPendingPurges(): Promise<number> {
    const errors = await Promise.all([...this.pendingPurges].map(([docId, listeners]) => this.notify(docId, [...listeners])));
    return errors.reduce((sum, e) => sum + e.length, 0);
  }

  /** Erased documents some derived store has not yet purged: the gap in the erasure-completion metric. */
  pendingErasures(): string[] {
    return [...this.pendingPurges.keys()];
  }

  /** What an auditor can search for: every stored chunk text, live or tombstoned. */
  storedTexts(): string[] {
    return this.entries.map((e) => e.text);
  }

  tombstoneCount(): number {
    return this.entries.filter((e) => !this.isLive(e)).length;
  }

  /** Freshness lag: time from the source commit to the change being applied, worst case in the current window (never below 0). */
  maxLagMs(): number {
    return this.worstLagMs;
  }

  /** Ends the current window (an hour, say): returns its worst lag and starts the next at 0, so one incident is not reported forever. */
  closeLagWindow(): number {
    const worst = this.worstLagMs;
    this.worstLagMs = 0;
    return worst;
  }
}

const largest = (v: readonly number[]): number => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

export function cosine(a: readonly number[], b: readonly number[]): number {
  // Cosine ignores length, so divide by the largest component first: squaring 1e200 would overflow
  // to Infinity (a NaN score), and squaring 1e-200 would underflow to 0.
  const sa = largest(a);
  const sb = largest(b);
  if (sa === 0 || sb === 0) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    const u = x / sa;
    const w = (b[i] ?? 0) / sb;
    dot += u * w;
    na += u * u;
    nb += w * w;
  });
  return dot / Math.sqrt(na * nb);
}
