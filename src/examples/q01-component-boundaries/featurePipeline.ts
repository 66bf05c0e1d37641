/**
 * Ports and adapters for the feature-engineering component of an ML system.
 *
 * The core (UserFeatureEngineer) depends only on the FeatureStore port it
 * owns. Adapters implement the port for one technology each; swapping Redis
 * for another store touches an adapter, never the core.
 */

/** A feature row as the core sees it: typed values, never wire strings. */
export type FeatureRow = Readonly<Record<string, number | string>>;

/** Derived fields to set, and the input values they were derived from. */
export interface DerivedWrite {
  readonly from: FeatureRow;
  readonly set: FeatureRow;
}

/** Port: what the core needs from feature storage, in the core's own terms. */
export interface FeatureStore {
  /** Rows for the entities that exist; missing entities, and values that cannot be decoded, are absent. */
  read(entityIds: readonly string[], features: readonly string[]): Promise<Map<string, FeatureRow>>;
  /**
   * For each row, sets the `set` fields only if the `from` fields still hold those values,
   * leaving other fields untouched. Returns the ids it skipped because an input changed.
   */
  writeIfUnchanged(writes: ReadonlyMap<string, DerivedWrite>): Promise<Set<string>>;
}

export const AGE_BUCKETS = [
  { label: 'under-18', below: 18 },
  { label: '18-34', below: 35 },
  { label: '35-49', below: 50 },
  { label: '50-plus', below: Number.POSITIVE_INFINITY },
] as const;

export type AgeBucket = (typeof AGE_BUCKETS)[number]['label'];

/**
 * Buckets cover every valid age, including 0 and ages over 100, so no input
 * silently becomes "no bucket". Invalid ages are an error, not a guess.
 */
export function ageBucket(age: number): AgeBucket {
  if (!Number.isFinite(age) || age < 0) {
    throw new RangeError(`age must be a finite, non-negative number, got ${age}`);
  }
  const bucket = AGE_BUCKETS.find((b) => age < b.below);
  // The last bucket is unbounded, so a finite age always finds one.
  return bucket!.label;
}

/** What one run produced: usable rows, rows set aside with the reason, and rows overtaken by ingestion. */
export interface FeatureRun {
  /** The row as read plus the derived features, for the rows written. */
  readonly features: Map<string, FeatureRow>;
  /** Rows the core could not derive features for; nothing was written for them. */
  readonly quarantined: Map<string, string>;
  /** Rows whose age changed after the read; not written, the ingestion event's recompute owns them. */
  readonly superseded: Set<string>;
}

/** Core domain logic: no imports of infrastructure, so it is tested with an in-memory adapter. */
export class UserFeatureEngineer {
  constructor(private readonly store: FeatureStore) {}

  async computeUserFeatures(userIds: readonly string[]): Promise<FeatureRun> {
    const raw = await this.store.read(userIds, ['age', 'country']);
    const features = new Map<string, FeatureRow>();
    const writes = new Map<string, DerivedWrite>();
    const quarantined = new Map<string, string>();
    for (const [userId, row] of raw) {
      try {
        if (typeof row.age !== 'number') throw new TypeError('feature "age" is missing or not a number');
        const derived = { age_bucket: ageBucket(row.age) };
        writes.set(userId, { from: { age: row.age }, set: derived });
        features.set(userId, { ...row, ...derived });
      } catch (error) {
        quarantined.set(userId, String(error)); // one bad row must not block the batch
      }
    }
    // Write back only what this component owns, and only if the age is still the one
    // it was derived from: a slow run must not overwrite a newer age's recompute.
    const superseded = await this.store.writeIfUnchanged(writes);
    for (const userId of superseded) features.delete(userId);
    return { features, quarantined, superseded };
  }
}

/** Adapter for tests and local runs. */
export class InMemoryFeatureStore implements FeatureStore {
  readonly rows = new Map<string, FeatureRow>();

  async read(entityIds: readonly string[], features: readonly string[]): Promise<Map<string, FeatureRow>> {
    const out = new Map<string, FeatureRow>();
    for (const id of entityIds) {
      const row = this.rows.get(id);
      if (row) out.set(id, Object.fromEntries(features.filter((f) => f in row).map((f) => [f, row[f]!])));
    }
    return out;
  }

  async writeIfUnchanged(writes: ReadonlyMap<string, DerivedWrite>): Promise<Set<string>> {
    const skipped = new Set<string>();
    for (const [id, { from, set }] of writes) {
      const row = this.rows.get(id);
      if (row && Object.entries(from).every(([field, value]) => row[field] === value)) this.rows.set(id, { ...row, ...set });
      else skipped.add(id);
    }
    return skipped;
  }
}

/**
 * The slice of a Redis hash client the adapter needs. node-redis v4+ fits as is;
 * ioredis spells the first in lower case and takes eval's keys and arguments positionally,
 * so it needs a small wrapper.
 */
export interface HashClient {
  hGetAll(key: string): Promise<Record<string, string>>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/**
 * Compare-and-set on one hash, atomic because Redis runs a script without
 * interleaving other commands (WATCH/MULTI/EXEC on the key would do the same).
 * ARGV: the number n of guard fields, n field/value pairs that must still hold,
 * then the field/value pairs to set. Returns 1 if it wrote, 0 if a guard failed.
 */
export const SET_IF_UNCHANGED = `
local n = tonumber(ARGV[1])
for i = 2, 2 * n, 2 do
  if redis.call('HGET', KEYS[1], ARGV[i]) ~= ARGV[i + 1] then return 0 end
end
redis.call('HSET', KEYS[1], unpack(ARGV, 2 * n + 2))
return 1`;

const encode = (row: FeatureRow): string[] => Object.entries(row).flatMap(([field, value]) => [field, JSON.stringify(value)]);

/** A value this adapter cannot decode is left out, so the core sees it as missing. */
function decode(encoded: string): number | string | undefined {
  try {
    const value: unknown = JSON.parse(encoded);
    return typeof value === 'number' || typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Adapter for a Redis-style hash store. Hashes hold strings only, so the
 * adapter owns the encoding: values are stored as JSON and decoded field by
 * field back to numbers and strings, which the core never has to know about.
 * Guards compare encoded strings, so every writer of these hashes must use this encoding.
 * Each row's write is one atomic script; the batch needs no transaction, because
 * a failure mid-batch leaves rows that a rerun completes.
 */
export class HashFeatureStore implements FeatureStore {
  constructor(
    private readonly client: HashClient,
    private readonly prefix = 'features:',
  ) {}

  async read(entityIds: readonly string[], features: readonly string[]): Promise<Map<string, FeatureRow>> {
    const hashes = await Promise.all(entityIds.map((id) => this.client.hGetAll(this.prefix + id)));
    const out = new Map<string, FeatureRow>();
    hashes.forEach((hash, i) => {
      if (Object.keys(hash).length === 0) return; // Redis answers {} for a missing key.
      const row: Record<string, number | string> = {};
      for (const feature of features) {
        const encoded = hash[feature];
        const value = encoded === undefined ? undefined : decode(encoded);
        if (value !== undefined) row[feature] = value;
      }
      out.set(entityIds[i]!, row);
    });
    return out;
  }

  async writeIfUnchanged(writes: ReadonlyMap<string, DerivedWrite>): Promise<Set<string>> {
    const entries = [...writes];
    const results = await Promise.all(
      entries.map(([id, { from, set }]) =>
        this.client.eval(SET_IF_UNCHANGED, { keys: [this.prefix + id], arguments: [String(Object.keys(from).length), ...encode(from), ...encode(set)] }),
      ),
    );
    return new Set(entries.filter((_, i) => results[i] !== 1).map(([id]) => id));
  }
}
