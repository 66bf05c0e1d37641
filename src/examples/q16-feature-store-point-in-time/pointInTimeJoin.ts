/**
 * Offline and online feature stores with a point-in-time correct join.
 *
 * The offline store keeps every feature value with its event time; the online
 * store keeps only the latest value per entity and feature. Both answer "what
 * did we know about this entity at time t?" with one rule, feature by feature.
 * They agree at every request time only if `availableAt` is when a row became
 * available online (the materialisation run that wrote it) and online reads
 * check the TTL; otherwise serving lags the join between runs.
 * Times are epoch milliseconds, which are UTC by construction.
 */

export interface FeatureRow {
  readonly entityId: string;
  /** When the fact was true in the world (e.g. the end of the aggregation window). */
  readonly eventTime: number;
  /** When the row landed and could be used. Defaults to eventTime when the pipeline writes instantly. */
  readonly availableAt?: number;
  /** A row may carry only some features: one it lacks says nothing about that feature. */
  readonly values: Readonly<Record<string, number>>;
}

export interface LabelEvent {
  readonly entityId: string;
  readonly eventTime: number;
  readonly label: number;
}

/** One feature's value as of some time, with the event time of the row it came from. */
export interface AsOfValue {
  readonly value: number;
  readonly eventTime: number;
}

export interface TrainingRow {
  readonly entityId: string;
  readonly eventTime: number;
  readonly label: number;
  readonly features: Readonly<Record<string, number | null>>;
  /** Event time of the row each feature came from, or null when none qualified. */
  readonly featureTimes: Readonly<Record<string, number | null>>;
}

export interface JoinOptions {
  /** Ignore values older than this, relative to each label (not to "now"). Omit it for no limit. */
  readonly ttlMs?: number;
}

function assertTime(t: number, what: string): void {
  if (!Number.isFinite(t)) throw new RangeError(`${what} must be a finite timestamp, got ${t}`);
}

function assertTtl(ttlMs: number): void {
  // Feast reads a TTL of 0 as "no limit"; here 0 would keep only values stamped exactly at t, so refuse it.
  if (!(ttlMs > 0)) throw new RangeError(`ttlMs must be positive (omit it for no limit), got ${ttlMs}`);
}

const knownAt = (row: FeatureRow): number => row.availableAt ?? row.eventTime;

// Event time first, then landing time: of two rows for the same moment, the one that landed later (a correction) wins.
const compareRows = (a: FeatureRow, b: FeatureRow): number => a.eventTime - b.eventTime || knownAt(a) - knownAt(b);

/** Binary search: how many leading rows satisfy `pred`, which must hold for a prefix of the list. */
function prefixLength(rows: readonly FeatureRow[], pred: (row: FeatureRow) => boolean): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(rows[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Merges a sorted batch into a sorted history in one pass. On a full tie the stored row goes first, so the
 * later append wins. The rows before the batch's first one are found by binary search, so a one-row append
 * costs O(log n) comparisons; a batch of m costs O(n + m) instead of shifting the history once per row.
 */
function mergeSorted(list: readonly FeatureRow[], batch: readonly FeatureRow[]): FeatureRow[] {
  let i = prefixLength(list, (r) => compareRows(r, batch[0]!) <= 0);
  const merged = list.slice(0, i);
  for (const row of batch) {
    while (i < list.length && compareRows(list[i]!, row) <= 0) merged.push(list[i++]!);
    merged.push(row);
  }
  return merged.concat(list.slice(i));
}

/** Offline store: the full history, kept sorted per entity. */
export class OfflineStore {
  private readonly history = new Map<string, FeatureRow[]>();

  append(rows: readonly FeatureRow[]): void {
    // Validate the whole batch first, so a bad row leaves the store untouched.
    for (const row of rows) {
      assertTime(row.eventTime, 'eventTime');
      if (row.availableAt !== undefined) assertTime(row.availableAt, 'availableAt');
      if (knownAt(row) < row.eventTime) throw new RangeError(`row for ${row.entityId} is available before its event time`);
    }
    const byEntity = new Map<string, FeatureRow[]>();
    for (const row of rows) {
      const batch = byEntity.get(row.entityId);
      if (batch) batch.push(row);
      else byEntity.set(row.entityId, [row]);
    }
    for (const [entityId, batch] of byEntity) {
      // Sort the batch (stably, so its later row wins a full tie), then merge it rather than re-sort the history.
      this.history.set(entityId, mergeSorted(this.history.get(entityId) ?? [], batch.sort(compareRows)));
    }
  }

  /**
   * Each feature's latest value from a row whose event time is at or before t AND that had landed by t.
   * Checking only event time would let a nightly aggregate stamped 00:00 but
   * written at 06:00 feed a label at 03:00: a value nobody could have served.
   */
  asOf(entityId: string, t: number, featureNames: readonly string[], ttlMs = Number.POSITIVE_INFINITY): Record<string, AsOfValue | null> {
    assertTime(t, 'label time');
    assertTtl(ttlMs);
    const found: Record<string, AsOfValue | null> = Object.fromEntries(featureNames.map((f) => [f, null]));
    let missing = new Set(featureNames).size;
    const rows = this.history.get(entityId) ?? [];
    // Walk back from the last row at or before t, skipping rows that had not landed, until every feature is found.
    for (let i = prefixLength(rows, (r) => r.eventTime <= t) - 1; i >= 0 && missing > 0; i--) {
      const row = rows[i]!;
      if (t - row.eventTime > ttlMs) break; // every earlier row is older still
      if (knownAt(row) > t) continue;
      for (const f of featureNames) {
        if (found[f] === null && Object.hasOwn(row.values, f)) {
          found[f] = { value: row.values[f]!, eventTime: row.eventTime };
          missing--;
        }
      }
    }
    return found;
  }

  entities(): string[] {
    return [...this.history.keys()];
  }
}

function trainingRow(label: LabelEvent, found: Record<string, AsOfValue | null>): TrainingRow {
  const features = Object.fromEntries(Object.entries(found).map(([f, v]) => [f, v?.value ?? null]));
  const featureTimes = Object.fromEntries(Object.entries(found).map(([f, v]) => [f, v?.eventTime ?? null]));
  return { ...label, features, featureTimes };
}

/** Point-in-time join: one training row per label, features never from the label's future. */
export function pointInTimeJoin(labels: readonly LabelEvent[], store: OfflineStore, featureNames: readonly string[], options: JoinOptions = {}): TrainingRow[] {
  return labels.map((label) => trainingRow(label, store.asOf(label.entityId, label.eventTime, featureNames, options.ttlMs)));
}

/**
 * The naive join many first pipelines ship: take each entity's latest value.
 * Shown only so the tests can demonstrate the leakage it causes.
 */
export function latestValueJoin(labels: readonly LabelEvent[], store: OfflineStore, featureNames: readonly string[]): TrainingRow[] {
  // "Now", whatever the label's time.
  return labels.map((label) => trainingRow(label, store.asOf(label.entityId, Number.MAX_VALUE, featureNames)));
}

/**
 * Online store: the latest value per entity and feature, written by materialisation runs.
 * Reads check the TTL, because a value fresh at the last run can expire before the next one.
 */
export class OnlineStore {
  private readonly latest = new Map<string, Map<string, AsOfValue>>();
  // Like a Feast feature view's ttl, each feature's TTL is set where it is materialised and applies to reads too.
  private readonly ttls = new Map<string, number>();
  private lastRun = Number.NEGATIVE_INFINITY;

  /** Writes the offline store's as-of answer for `runAt`; returns the number of values written. */
  materialize(store: OfflineStore, runAt: number, featureNames: readonly string[], ttlMs = Number.POSITIVE_INFINITY): number {
    assertTime(runAt, 'materialisation time');
    assertTtl(ttlMs);
    // An older run (a backfill, a skewed clock) would overwrite newer values with older ones.
    if (runAt < this.lastRun) throw new RangeError(`run at ${runAt} is older than the last run at ${this.lastRun}`);
    let written = 0;
    for (const entityId of store.entities()) {
      const values = this.latest.get(entityId) ?? new Map<string, AsOfValue>();
      for (const [f, v] of Object.entries(store.asOf(entityId, runAt, featureNames, ttlMs))) {
        if (v) {
          values.set(f, v);
          written++;
        } else values.delete(f); // expired values must not linger online
      }
      this.latest.set(entityId, values);
    }
    for (const f of featureNames) this.ttls.set(f, ttlMs);
    this.lastRun = runAt;
    return written;
  }

  /**
   * Values for a request at `now`. One older than the TTL (by default the one the feature's last run used)
   * is null, as in the offline join. So is one stamped after `now`, which happens only when the request's
   * clock is behind the last run: serving it would leak the future, and the value it replaced is gone.
   */
  get(entityId: string, now: number, featureNames: readonly string[], ttlMs?: number): Record<string, number | null> {
    assertTime(now, 'request time');
    if (ttlMs !== undefined) assertTtl(ttlMs);
    const values = this.latest.get(entityId);
    return Object.fromEntries(
      featureNames.map((f) => {
        const v = values?.get(f);
        const ttl = ttlMs ?? this.ttls.get(f) ?? Number.POSITIVE_INFINITY;
        return [f, v && v.eventTime <= now && now - v.eventTime <= ttl ? v.value : null];
      }),
    );
  }
}
