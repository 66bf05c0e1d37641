/**
 * Offline and online feature stores with a point-in-time correct join.
 *
 * The offline store keeps every feature value with its event time; the online
 * store keeps only the latest value per entity. Both answer the same question
 * ("what did we know about this entity at time t?") through one rule, so a
 * training set built offline matches what serving would have seen.
 */

export interface FeatureRow {
  readonly entityId: string;
  /** When the fact was true in the world (e.g. the end of the aggregation window). */
  readonly eventTime: number;
  /** When the row landed in the store. Defaults to eventTime when the pipeline writes instantly. */
  readonly availableAt?: number;
  readonly values: Readonly<Record<string, number>>;
}

export interface LabelEvent {
  readonly entityId: string;
  readonly eventTime: number;
  readonly label: number;
}

export interface TrainingRow {
  readonly entityId: string;
  readonly eventTime: number;
  readonly label: number;
  /** Event time of the feature row used, or null when none qualified. */
  readonly featureTime: number | null;
  readonly features: Readonly<Record<string, number | null>>;
}

export interface JoinOptions {
  /** Ignore feature rows older than this, relative to each label (not to "now"). */
  readonly ttlMs?: number;
}

function assertTime(t: number, what: string): void {
  if (!Number.isFinite(t)) throw new RangeError(`${what} must be a finite timestamp, got ${t}`);
}

const knownAt = (row: FeatureRow): number => row.availableAt ?? row.eventTime;

/** Offline store: the full history, kept sorted by event time per entity. */
export class OfflineStore {
  private readonly history = new Map<string, FeatureRow[]>();

  append(rows: readonly FeatureRow[]): void {
    // Validate the whole batch first, so a bad row leaves the store untouched.
    for (const row of rows) {
      assertTime(row.eventTime, 'eventTime');
      if (row.availableAt !== undefined && row.availableAt < row.eventTime) {
        throw new RangeError(`row for ${row.entityId} is available before its event time`);
      }
    }
    const touched = new Set<FeatureRow[]>();
    for (const row of rows) {
      const list = this.history.get(row.entityId) ?? [];
      list.push(row);
      this.history.set(row.entityId, list);
      touched.add(list);
    }
    // Stable sort keeps insertion order for equal event times: the later write wins below.
    for (const list of touched) list.sort((a, b) => a.eventTime - b.eventTime);
  }

  /**
   * The latest row whose event time is at or before t AND that had landed by t.
   * Checking only event time would let a nightly aggregate stamped 00:00 but
   * written at 06:00 feed a label at 03:00: a value nobody could have served.
   */
  asOf(entityId: string, t: number, ttlMs = Number.POSITIVE_INFINITY): FeatureRow | undefined {
    assertTime(t, 'label time');
    const rows = this.history.get(entityId);
    if (!rows) return undefined;
    // Binary search for the last row with eventTime <= t.
    let lo = 0;
    let hi = rows.length - 1;
    let idx = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid]!.eventTime <= t) {
        idx = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // Walk back past rows that had not landed yet, stopping at the TTL horizon.
    for (let i = idx; i >= 0; i--) {
      const row = rows[i]!;
      if (t - row.eventTime > ttlMs) return undefined;
      if (knownAt(row) <= t) return row;
    }
    return undefined;
  }

  entities(): string[] {
    return [...this.history.keys()];
  }
}

/** Point-in-time join: one training row per label, features never from the label's future. */
export function pointInTimeJoin(labels: readonly LabelEvent[], store: OfflineStore, featureNames: readonly string[], options: JoinOptions = {}): TrainingRow[] {
  return labels.map((label) => {
    const row = store.asOf(label.entityId, label.eventTime, options.ttlMs);
    const features = Object.fromEntries(featureNames.map((f) => [f, row?.values[f] ?? null]));
    return { ...label, featureTime: row?.eventTime ?? null, features };
  });
}

/**
 * The naive join many first pipelines ship: take each entity's latest value.
 * Shown only so the tests can demonstrate the leakage it causes.
 */
export function latestValueJoin(labels: readonly LabelEvent[], store: OfflineStore, featureNames: readonly string[]): TrainingRow[] {
  return labels.map((label) => {
    const row = store.asOf(label.entityId, Number.MAX_SAFE_INTEGER); // "now", whatever the label's time
    const features = Object.fromEntries(featureNames.map((f) => [f, row?.values[f] ?? null]));
    return { ...label, featureTime: row?.eventTime ?? null, features };
  });
}

/** Online store: the latest value per entity, materialised from the offline store with the same rule. */
export class OnlineStore {
  private readonly latest = new Map<string, FeatureRow>();

  materialize(store: OfflineStore, asOf: number, ttlMs?: number): number {
    let written = 0;
    for (const entityId of store.entities()) {
      const row = store.asOf(entityId, asOf, ttlMs);
      if (row) {
        this.latest.set(entityId, row);
        written++;
      } else this.latest.delete(entityId); // expired values must not linger online
    }
    return written;
  }

  get(entityId: string, featureNames: readonly string[]): Record<string, number | null> | undefined {
    const row = this.latest.get(entityId);
    if (!row) return undefined;
    return Object.fromEntries(featureNames.map((f) => [f, row.values[f] ?? null]));
  }
}
