/**
 * Keeps a vector index in step with its source through an ordered change feed.
 *
 * Every event carries the source's version of one document. An event whose
 * version is not newer than the last one applied for that document is a
 * duplicate or arrived out of order, and is ignored. Updates and deletes leave
 * tombstoned entries behind, as HNSW and Lucene segments do; queries filter
 * them out while scanning, and compaction removes them. Erasure removes the
 * bytes at once and tells every derived store to drop the document; a store is
 * pending from the moment it is called until it confirms, so a purge that fails
 * or never answers stays pending until a retry succeeds.
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

/** Runs `callback` after `ms` and returns a cancel function; setTimeout by default, a manual clock in tests. */
export type Schedule = (ms: number, callback: () => void) => () => void;

export interface IndexMaintainerOptions {
  /** How long erase() waits for each store to confirm. Default 30 s; at most 2^31 - 1 ms, the longest delay setTimeout keeps. */
  readonly purgeTimeoutMs?: number;
  readonly schedule?: Schedule;
}

/** What erase() achieved: complete only when every derived store confirmed the purge in time. */
export interface ErasureOutcome {
  readonly complete: boolean;
  readonly errors: readonly unknown[];
}

export class PurgeTimeoutError extends Error {
  override readonly name: string = 'PurgeTimeoutError';
}

const MAX_TIMEOUT_MS = 2 ** 31 - 1;

const defaultSchedule: Schedule = (ms, callback) => {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
};

/** A whole number with thousands separators, written out so every runtime prints the same. */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

const finite = (vector: readonly number[]): boolean => vector.every((x) => Number.isFinite(x));

export class IndexMaintainer {
  private entries: Entry[] = [];
  /** docId -> last version applied; a delete keeps its version so a late upsert cannot resurrect the document. */
  private readonly versions = new Map<string, { version: number; deleted: boolean }>();
  /** A running maximum for the current window, not a list: Math.max(...list) overflows the stack on a long feed. */
  private worstLagMs = 0;
  /** docId -> indexes of the stores called to purge it that have not yet confirmed. */
  private readonly pendingPurges = new Map<string, Set<number>>();
  private readonly purgeTimeoutMs: number;
  private readonly schedule: Schedule;

  constructor(
    private readonly dimension: number,
    private readonly clock: () => number,
    /** Derived stores (answer cache, semantic cache, prompt logs) that must forget an erased document. */
    private readonly erasureListeners: readonly ErasureListener[] = [],
    options: IndexMaintainerOptions = {},
  ) {
    if (!Number.isInteger(dimension) || dimension < 1) throw new RangeError(`dimension must be a positive integer, got ${dimension}`);
    this.purgeTimeoutMs = options.purgeTimeoutMs ?? 30_000;
    if (!Number.isInteger(this.purgeTimeoutMs) || this.purgeTimeoutMs < 1 || this.purgeTimeoutMs > MAX_TIMEOUT_MS) {
      throw new RangeError(`purgeTimeoutMs must be a whole number of ms from 1 to 2^31 - 1, got ${this.purgeTimeoutMs}`);
    }
    this.schedule = options.schedule ?? defaultSchedule;
  }

  apply(event: ChangeEvent): ApplyResult {
    if (typeof event.docId !== 'string' || event.docId === '') throw new TypeError('docId must be a non-empty string');
    // Above 2^53 two versions can round to the same number; a 64-bit log position (a Postgres LSN) needs bigint.
    if (!Number.isSafeInteger(event.version) || event.version < 1) throw new RangeError(`version must be a positive safe integer (at most 2^53 - 1), got ${event.version}`);
    if (!Number.isFinite(event.committedAt)) throw new RangeError(`committedAt must be a finite time in ms, got ${event.committedAt}`);
    if (event.kind === 'upsert') {
      for (const c of event.chunks) {
        if (c.vector.length !== this.dimension) throw new RangeError(`vector of ${event.docId} has ${c.vector.length} dimensions, expected ${this.dimension}`);
        if (!finite(c.vector)) throw new RangeError(`vector of ${event.docId} must have finite components`);
      }
    }
    const known = this.versions.get(event.docId);
    if (known && event.version <= known.version) return 'ignored-stale';
    const now = this.now(); // read before any change, so a broken clock leaves the index as it was
    this.versions.set(event.docId, { version: event.version, deleted: event.kind === 'delete' });
    // New chunks are appended; the old ones stay as tombstones until compaction, like a graph index.
    if (event.kind === 'upsert') {
      event.chunks.forEach((c, i) => this.entries.push({ chunkId: `${event.docId}#${i}`, docId: event.docId, version: event.version, text: c.text, vector: [...c.vector] }));
    }
    // The maximum starts at 0, so a commit time ahead of this clock (skew) counts as 0 lag.
    this.worstLagMs = Math.max(this.worstLagMs, now - event.committedAt);
    return 'applied';
  }

  /** A NaN reading would make every later maximum NaN, so it is refused. */
  private now(): number {
    const now = this.clock();
    if (!Number.isFinite(now)) throw new RangeError(`clock must return a finite time in ms, got ${now}`);
    return now;
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
   * back; remove the bytes now rather than at the next compaction; and tell every derived store. All
   * of this happens before the first await, so an event applied during the purge is already refused.
   * One failing or silent store does not stop the others; it stays pending for retryPendingPurges().
   * The outcome resolves once every store has confirmed, failed or timed out.
   * The block list keeps the raw id; if the id itself is personal data (an email address), store a
   * keyed hash (an HMAC) of it instead.
   */
  async erase(docId: string): Promise<ErasureOutcome> {
    if (typeof docId !== 'string' || docId === '') throw new TypeError('docId must be a non-empty string');
    this.versions.set(docId, { version: Number.POSITIVE_INFINITY, deleted: true });
    this.entries = this.entries.filter((e) => e.docId !== docId);
    const errors = await this.purge(
      docId,
      this.erasureListeners.map((_, i) => i),
    );
    return { complete: errors.length === 0, errors };
  }

  /**
   * Marks the stores pending before calling them, then clears each one only when it confirms. Every
   * call adds to the document's one set, so when an erase and a retry overlap, the call that finishes
   * last cannot drop a store the other left pending. Returns the errors of the stores that did not confirm.
   */
  private async purge(docId: string, stores: readonly number[]): Promise<unknown[]> {
    if (stores.length > 0) {
      const pending = this.pendingPurges.get(docId) ?? new Set<number>();
      stores.forEach((i) => pending.add(i));
      this.pendingPurges.set(docId, pending);
    }
    const results = await Promise.allSettled(stores.map((i) => this.callStore(docId, i)));
    return results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  }

  /** One store's purge against the timeout. The first of the two to finish decides: a late answer is ignored, and a retry asks again. */
  private callStore(docId: string, store: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let decided = false;
      const cancelTimer = this.schedule(this.purgeTimeoutMs, () => {
        if (decided) return;
        decided = true;
        reject(new PurgeTimeoutError(`erasure store ${store} did not confirm within ${thousands(this.purgeTimeoutMs)} ms`));
      });
      // The async wrapper turns a synchronous throw into a rejection.
      (async () => this.erasureListeners[store]!(docId))().then(
        () => {
          if (decided) return;
          decided = true;
          cancelTimer();
          // Any call's confirmation clears the store: every call was made after the id was blocked.
          const pending = this.pendingPurges.get(docId);
          pending?.delete(store);
          if (pending?.size === 0) this.pendingPurges.delete(docId);
          resolve();
        },
        (error: unknown) => {
          if (decided) return;
          decided = true;
          cancelTimer();
          reject(error);
        },
      );
    });
  }

  /**
   * Calls again the stores that have not confirmed. Returns how many (document, store) purges are
   * still pending afterwards, not how many documents: one document two stores failed to purge counts 2.
   */
  async retryPendingPurges(): Promise<number> {
    await Promise.all([...this.pendingPurges].map(([docId, stores]) => this.purge(docId, [...stores])));
    return [...this.pendingPurges.values()].reduce((sum, stores) => sum + stores.size, 0);
  }

  /** Erased documents some derived store has not yet confirmed purging, a call in flight included: the gap in the erasure-completion metric. */
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

  /** Applied lag: time from the source commit to the change being applied, worst case in the current window so far (never below 0). */
  maxLagMs(): number {
    return this.worstLagMs;
  }

  /**
   * Ends the current window (an hour, say) and starts the next at 0, so one incident is not reported
   * forever. Returns the worst applied lag, or the age of the oldest change still waiting in the feed
   * (its commit time, from the consumer's lag) if that is larger: an hour in which the connector was
   * down and nothing was applied does not read 0.
   */
  closeLagWindow(oldestWaitingCommittedAt?: number): number {
    if (oldestWaitingCommittedAt !== undefined && !Number.isFinite(oldestWaitingCommittedAt)) {
      throw new RangeError(`oldestWaitingCommittedAt must be a finite time in ms, got ${oldestWaitingCommittedAt}`);
    }
    const waiting = oldestWaitingCommittedAt === undefined ? 0 : this.now() - oldestWaitingCommittedAt;
    const worst = Math.max(this.worstLagMs, waiting);
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
