/**
 * The request-side guard of a model API: authenticate the API key, check its
 * scope, rate-limit the key and its account, and write an audit record for
 * every decision, except repeats from a source locked out for failed attempts,
 * which are counted instead.
 *
 * Keys look like "<keyId>.<secret>" and come from newApiKey: 256 random bits.
 * Only a SHA-256 hash of the secret is stored. A fast hash is enough at that
 * entropy; a guessable secret would be recovered from a leaked key table by
 * hashing candidates, and would need a slow password hash instead. Hashes are
 * compared in constant time, so response timing does not leak a prefix.
 *
 * The buckets live in this process's memory and are never evicted: behind N
 * replicas a key gets N times its rate. In production keep them in a shared
 * store with an atomic update (a Redis script, or the gateway's limiter) and
 * let the store expire idle buckets. Stamp shared buckets with the store's
 * clock (Redis TIME inside the script), not each replica's: a bucket counts
 * every forward step of its clock as elapsed time, so replicas with skewed
 * clocks taking turns would refill it for free.
 */

export type Outcome = 'allowed' | 'unauthenticated' | 'forbidden' | 'too-large' | 'rate-limited';

/** What the audit log keeps: who, when, what, and the decision; never the secret, the input data or text the client made up. */
export interface AuditRecord {
  at: number;
  /** Null unless the presented key id is one we issued. */
  keyId: string | null;
  account: string | null;
  /** The action, or "invalid-action" when it is not a well-formed action name. */
  action: string;
  outcome: Outcome;
}

export interface KeyRecord {
  keyId: string;
  /** The account that owns the key; its bucket is shared by all of the account's keys. */
  account: string;
  secretSha256: Uint8Array;
  scopes: readonly string[];
}

export interface ApiRequest {
  /** "<keyId>.<secret>" as the client sent it. */
  key: string;
  /** What the caller wants to do, e.g. "predict"; the route decides it, but check it anyway. */
  action: string;
  /**
   * The client's address as your trusted proxy reports it, not the proxy's own: failed authentication is limited
   * per source. Pass an IPv6 client's /64 prefix, not its full address: one host can rotate through its /64, and
   * each address would get a fresh bucket. An empty source would pool every client, so it is a caller bug.
   */
  source: string;
  /** Tokens to charge both buckets: 1 per request, or an LLM request's estimate (prompt tokens plus max_tokens). More than a bucket holds gets 413. */
  cost?: number;
}

export interface Decision {
  status: 200 | 401 | 403 | 413 | 429;
  /** For a 429. HTTP's Retry-After header is in seconds: send Math.ceil(retryAfterMs / 1000) (RFC 9110, section 10.2.3). */
  retryAfterMs?: number;
}

export interface GuardLimits {
  perKey: TokenBucketLimiter;
  perAccount: TokenBucketLimiter;
  /** Keyed by source; stricter than the others, and it spends only on failed authentication. */
  failedAuthPerSource: TokenBucketLimiter;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ACTION_NAME = /^[a-z][a-z0-9-]{0,39}$/;

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

/** A new key with a 256-bit random secret: give `key` to the client once, store only `secretSha256`. */
export async function newApiKey(keyId: string): Promise<{ key: string; secretSha256: Uint8Array }> {
  if (!KEY_ID.test(keyId)) throw new Error(`key id "${keyId}" must be 1-64 letters, digits, "_" or "-"`);
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const secret = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, ''); // base64url: 43 characters
  return { key: `${keyId}.${secret}`, secretSha256: await sha256(secret) };
}

/** Hours an attacker needs to send `queries` at `limitPerHour` per key through `keys` keys. */
export function extractionHours(queries: number, limitPerHour: number, keys = 1): number {
  if (!(queries >= 0) || !(limitPerHour > 0) || !(keys >= 1)) throw new RangeError('queries must be >= 0, limitPerHour > 0 and keys >= 1');
  return queries / (limitPerHour * keys);
}

/**
 * One bucket per key: `capacity` tokens of burst, refilled at `refillPerSecond`.
 * Inject a monotonic clock (performance.now) where you can; if the clock steps
 * back anyway, the bucket keeps its tokens and refills from the new reading.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number,
  ) {
    if (!(capacity >= 1 && capacity < Infinity) || !(refillPerSecond > 0 && refillPerSecond < Infinity)) {
      throw new RangeError('capacity must be a finite number >= 1 and the refill rate a finite number > 0');
    }
  }

  /** Whether a request costing `cost` could ever be admitted: 0 < cost <= capacity. */
  admits(cost: number): boolean {
    return cost > 0 && cost <= this.capacity;
  }

  /** Milliseconds until `cost` tokens are available for `key`; 0 if they are now. Spends nothing. */
  waitMs(key: string, cost = 1): number {
    const bucket = this.refill(key, cost);
    return bucket.tokens >= cost ? 0 : this.msUntil(bucket.tokens, cost);
  }

  /** Spends `cost` tokens if the bucket holds them; otherwise spends nothing and says how long to wait. */
  take(key: string, cost = 1): { allowed: boolean; remaining: number; retryAfterMs: number } {
    const bucket = this.refill(key, cost);
    if (bucket.tokens < cost) return { allowed: false, remaining: 0, retryAfterMs: this.msUntil(bucket.tokens, cost) };
    bucket.tokens -= cost;
    return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterMs: 0 };
  }

  private msUntil(tokens: number, cost: number): number {
    return Math.ceil(((cost - tokens) / this.refillPerSecond) * 1000);
  }

  /** Brings the bucket up to now. Refill is lazy, from the time elapsed: no background timer per key. */
  private refill(key: string, cost: number): { tokens: number; updatedAt: number } {
    if (!this.admits(cost)) throw new RangeError(`cost must be in (0, ${this.capacity}]; check admits(cost) first`);
    const at = this.now();
    if (!Number.isFinite(at)) throw new RangeError(`the clock returned ${at}, not a finite time`);
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, updatedAt: at };
    const elapsedMs = Math.max(0, at - bucket.updatedAt); // a clock stepped back adds nothing and takes nothing
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (elapsedMs / 1000) * this.refillPerSecond);
    bucket.updatedAt = at;
    this.buckets.set(key, bucket);
    return bucket;
  }
}

export class ApiGuard {
  private readonly keys = new Map<string, KeyRecord>();
  /** Compared against when the key id is unknown, so unknown and wrong keys take the same path. */
  private readonly dummyHash = new Uint8Array(32);
  private lockedOut = 0;

  constructor(
    keys: readonly KeyRecord[],
    private readonly limits: GuardLimits,
    /**
     * Must be synchronous and throw if the record was not durably written (e.g. append to a local file shipped
     * later). TypeScript accepts an async function here, but its failures would let requests through unrecorded.
     */
    private readonly audit: (record: AuditRecord) => void,
    private readonly now: () => number,
  ) {
    for (const k of keys) {
      if (!KEY_ID.test(k.keyId)) throw new Error(`key id "${k.keyId}" must be 1-64 letters, digits, "_" or "-"`);
      if (k.secretSha256.length !== 32) throw new Error(`key "${k.keyId}": secretSha256 must be 32 bytes`);
      if (this.keys.has(k.keyId)) throw new Error(`duplicate key id "${k.keyId}"`);
      this.keys.set(k.keyId, k);
    }
  }

  /** Requests refused because their source is locked out: counted here, not audited one by one, so a flood cannot fill the log. */
  get lockedOutRefusals(): number {
    return this.lockedOut;
  }

  async authorize({ key, action, source, cost = 1 }: ApiRequest): Promise<Decision> {
    if (!(cost > 0 && cost < Infinity)) throw new RangeError(`cost ${cost} must be a positive finite number of tokens`);
    if (!source.trim()) throw new TypeError('source is empty: pass the client address your trusted proxy reports');
    const dot = key.indexOf('.');
    const record = dot > 0 ? this.keys.get(key.slice(0, dot)) : undefined;
    const presentedHash = await sha256(dot > 0 ? key.slice(dot + 1) : key);
    const secretMatches = constantTimeEqual(presentedHash, record?.secretSha256 ?? this.dummyHash);
    // Everything below runs without awaiting, so concurrent calls cannot both pass a check before either spends.
    const { perKey, perAccount, failedAuthPerSource } = this.limits;
    const lockedMs = failedAuthPerSource.waitMs(source);
    if (lockedMs > 0) {
      // Even a correct key is refused here, so the lock-out bounds how many guesses a source gets. With
      // 256-bit keys that matters less than the audit volume it caps, and anyone sharing the source (a NAT,
      // a proxy) can lock its honest clients out: take `source` from the address your trusted proxy reports.
      this.lockedOut++;
      return { status: 429, retryAfterMs: lockedMs };
    }
    const loggedAction = ACTION_NAME.test(action) ? action : 'invalid-action';
    if (!record || !secretMatches) {
      failedAuthPerSource.take(source);
      return this.decide({ status: 401 }, 'unauthenticated', record ?? null, loggedAction);
    }
    if (!record.scopes.includes(action)) return this.decide({ status: 403 }, 'forbidden', record, loggedAction);
    // No wait would ever admit a request larger than a bucket (a long prompt's token estimate): refuse it before inference.
    if (!perKey.admits(cost) || !perAccount.admits(cost)) return this.decide({ status: 413 }, 'too-large', record, loggedAction);
    // Check both buckets before spending from either: a request the account refuses costs the key nothing.
    const waitMs = Math.max(perKey.waitMs(record.keyId, cost), perAccount.waitMs(record.account, cost));
    if (waitMs > 0) return this.decide({ status: 429, retryAfterMs: waitMs }, 'rate-limited', record, loggedAction);
    // Audit before spending: if the write throws, the request is refused and has cost nothing.
    const allowed = this.decide({ status: 200 }, 'allowed', record, loggedAction);
    perKey.take(record.keyId, cost);
    perAccount.take(record.account, cost);
    return allowed;
  }

  private decide(decision: Decision, outcome: Outcome, record: KeyRecord | null, action: string): Decision {
    this.audit({ at: this.now(), keyId: record?.keyId ?? null, account: record?.account ?? null, action, outcome });
    return decision;
  }
}
