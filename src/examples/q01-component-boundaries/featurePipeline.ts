/**
 * Ports and adapters for the feature-engineering component of an ML system.
 *
 * The core (UserFeatureEngineer) depends only on the FeatureStore port it
 * owns. Adapters implement the port for one technology each; swapping Redis
 * for another store touches an adapter, never the core.
 */

/** A feature row as the core sees it: typed values, never wire strings. */
export type FeatureRow = Readonly<Record<string, number | string>>;

/** Port: what the core needs from feature storage, in the core's own terms. */
export interface FeatureStore {
  /** Rows for the entities that exist; missing entities are simply absent. */
  read(entityIds: readonly string[], features: readonly string[]): Promise<Map<string, FeatureRow>>;
  write(rows: ReadonlyMap<string, FeatureRow>): Promise<void>;
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

/** Core domain logic: no imports of infrastructure, so it is tested with an in-memory adapter. */
export class UserFeatureEngineer {
  constructor(private readonly store: FeatureStore) {}

  async computeUserFeatures(userIds: readonly string[]): Promise<Map<string, FeatureRow>> {
    const raw = await this.store.read(userIds, ['age', 'country']);
    const derived = new Map<string, FeatureRow>();
    for (const [userId, row] of raw) {
      const { age, country } = row;
      if (typeof age !== 'number') throw new TypeError(`user ${userId}: feature "age" is missing or not a number`);
      derived.set(userId, { age, country: String(country ?? 'unknown'), age_bucket: ageBucket(age) });
    }
    await this.store.write(derived);
    return derived;
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

  async write(rows: ReadonlyMap<string, FeatureRow>): Promise<void> {
    for (const [id, row] of rows) this.rows.set(id, { ...this.rows.get(id), ...row });
  }
}

/** The slice of a Redis-style hash client the adapter needs (node-redis and ioredis both fit). */
export interface HashClient {
  hGetAll(key: string): Promise<Record<string, string>>;
  hSet(key: string, values: Record<string, string>): Promise<unknown>;
}

/**
 * Adapter for a Redis-style hash store. Hashes hold strings only, so the
 * adapter owns the encoding: values are stored as JSON and decoded back to
 * numbers and strings, which the core never has to know about.
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
        if (encoded !== undefined) row[feature] = JSON.parse(encoded) as number | string;
      }
      out.set(entityIds[i]!, row);
    });
    return out;
  }

  async write(rows: ReadonlyMap<string, FeatureRow>): Promise<void> {
    await Promise.all([...rows].map(([id, row]) => this.client.hSet(this.prefix + id, Object.fromEntries(Object.entries(row).map(([k, v]) => [k, JSON.stringify(v)])))));
  }
}
