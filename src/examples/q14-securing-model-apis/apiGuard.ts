/**
 * The request-side guard of a model API: authenticate the API key, check its
 * scope, rate-limit it with a token bucket, and write an audit record for
 * every decision, allowed or not.
 *
 * Keys look like "<keyId>.<secret>". Only a SHA-256 hash of the secret is
 * stored, and hashes are compared in constant time, so neither a leaked key
 * table nor response timing gives the secret away.
 */

export type Outcome = 'allowed' | 'unauthenticated' | 'forbidden' | 'rate-limited';

/** What the audit log keeps: who, when, what, and the decision; never the secret or the input data. */
export interface AuditRecord {
  at: number;
  keyId: string | null;
  owner: string | null;
  action: string;
  outcome: Outcome;
}

export interface KeyRecord {
  keyId: string;
  owner: string;
  secretSha256: Uint8Array;
  scopes: readonly string[];
}

export interface Decision {
  status: 200 | 401 | 403 | 429;
  retryAfterMs?: number;
}

/** Compares every byte whatever the first difference, so timing does not reveal a matching prefix. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** Hours an attacker needs to send `queries` at `limitPerHour` per key through `keys` keys. */
export function extractionHours(queries: number, limitPerHour: number, keys = 1): number {
  return queries / (limitPerHour * keys);
}

/** One bucket per key: `capacity` tokens of burst, refilled at `refillPerSecond`. */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number,
  ) {
    if (!(capacity >= 1) || !(refillPerSecond > 0)) throw new RangeError('capacity must be >= 1 and refill rate > 0');
  }

  take(key: string, cost = 1): { allowed: boolean; remaining: number; retryAfterMs: number } {
    if (!(cost > 0) || cost > this.capacity) throw new RangeError(`cost must be in (0, ${this.capacity}]`);
    const at = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, updatedAt: at };
    // Refill lazily from the time elapsed: no background timers per key.
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((at - bucket.updatedAt) / 1000) * this.refillPerSecond);
    bucket.updatedAt = at;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterMs: 0 };
    }
    const retryAfterMs = Math.ceil(((cost - bucket.tokens) / this.refillPerSecond) * 1000);
    return { allowed: false, remaining: 0, retryAfterMs };
  }
}

export class ApiGuard {
  private readonly keys: Map<string, KeyRecord>;
  /** Compared against when the key id is unknown, so unknown and wrong keys take the same path. */
  private readonly dummyHash = new Uint8Array(32);

  constructor(
    keys: readonly KeyRecord[],
    private readonly limiter: TokenBucketLimiter,
    private readonly audit: (record: AuditRecord) => void,
    private readonly now: () => number,
  ) {
    this.keys = new Map(keys.map((k) => [k.keyId, k]));
  }

  async authorize(presentedKey: string, action: string): Promise<Decision> {
    const dot = presentedKey.indexOf('.');
    const keyId = dot > 0 ? presentedKey.slice(0, dot) : null;
    const record = keyId === null ? undefined : this.keys.get(keyId);
    const presentedHash = await sha256(dot > 0 ? presentedKey.slice(dot + 1) : presentedKey);
    const secretMatches = constantTimeEqual(presentedHash, record?.secretSha256 ?? this.dummyHash);

    if (!record || !secretMatches) return this.decide({ status: 401 }, 'unauthenticated', keyId, null, action);
    if (!record.scopes.includes(action)) return this.decide({ status: 403 }, 'forbidden', keyId, record.owner, action);
    const bucket = this.limiter.take(record.keyId);
    if (!bucket.allowed) {
      return this.decide({ status: 429, retryAfterMs: bucket.retryAfterMs }, 'rate-limited', keyId, record.owner, action);
    }
    return this.decide({ status: 200 }, 'allowed', keyId, record.owner, action);
  }

  private decide(decision: Decision, outcome: Outcome, keyId: string | null, owner: string | null, action: string): Decision {
    this.audit({ at: this.now(), keyId, owner, action, outcome });
    return decision;
  }
}
