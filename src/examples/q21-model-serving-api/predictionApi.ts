/**
 * A prediction endpoint with versioned request schemas and idempotency keys.
 *
 * The handler is transport-neutral: a REST adapter maps `POST /v2/predict`
 * and its `Idempotency-Key` header onto `PredictRequest`; a gRPC adapter maps
 * the method name and call metadata the same way.
 */

export type FieldSpec =
  | { kind: 'number'; required: boolean; min?: number; max?: number }
  | { kind: 'string'; required: boolean; oneOf?: readonly string[] }
  | { kind: 'number[]'; required: boolean; length?: number };

/** A request schema: the fields one API version accepts. */
export type Schema = Readonly<Record<string, FieldSpec>>;

/**
 * Versions are added, never edited: v2 adds an optional field, so a v1 body
 * stays valid under v1 for as long as v1 is served.
 */
export const SCHEMAS: Readonly<Record<string, Schema>> = {
  v1: { features: { kind: 'number[]', required: true, length: 4 } },
  v2: {
    features: { kind: 'number[]', required: true, length: 4 },
    threshold: { kind: 'number', required: false, min: 0, max: 1 },
    modelAlias: { kind: 'string', required: false, oneOf: ['production', 'challenger'] },
  },
};

/**
 * Unknown fields are rejected: a misspelled optional field ("treshold") would
 * otherwise be ignored and the client would get predictions on the default.
 */
export function validate(schema: Schema, body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['body: must be a JSON object'];
  const record = body as Record<string, unknown>;
  // Own fields only: `in` would also find "constructor" or "toString" on every object and let them through.
  const errors = Object.keys(record)
    .filter((k) => !Object.hasOwn(schema, k))
    .map((k) => `${k}: unknown field`);
  for (const [name, spec] of Object.entries(schema)) {
    const value = record[name];
    if (value === undefined) {
      if (spec.required) errors.push(`${name}: required`);
      continue;
    }
    if (spec.kind === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value)) errors.push(`${name}: must be a finite number`);
      else if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
        errors.push(`${name}: must be between ${spec.min ?? '-inf'} and ${spec.max ?? 'inf'}`);
      }
    } else if (spec.kind === 'string') {
      if (typeof value !== 'string') errors.push(`${name}: must be a string`);
      else if (spec.oneOf && !spec.oneOf.includes(value)) errors.push(`${name}: must be one of ${spec.oneOf.join(', ')}`);
    } else if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      errors.push(`${name}: must be an array of finite numbers`);
    } else if (spec.length !== undefined && value.length !== spec.length) {
      errors.push(`${name}: must have exactly ${spec.length} values, got ${value.length}`);
    }
  }
  return errors;
}

/** JSON with sorted keys, so {a,b} and {b,a} are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

async function fingerprint(version: string, body: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(`${version}\n${canonicalJson(body)}`);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface PredictRequest {
  version: string;
  clientId: string;
  idempotencyKey?: string;
  body: unknown;
}

export interface PredictResponse {
  status: number;
  body: Record<string, unknown>;
  /** True when the body is a stored answer to an earlier request with the same key. */
  replayed: boolean;
}

type Entry = { fingerprint: string; expiresAt: number; response?: Omit<PredictResponse, 'replayed'> };

/** Port: where keys live. Production uses a shared store (Redis, a SQL table) so every replica sees every key. */
export interface IdempotencyStore {
  get(key: string): Promise<Entry | undefined>;
  /** Atomic insert-if-absent; returns false when the key already exists. */
  reserve(key: string, entry: Entry): Promise<boolean>;
  set(key: string, entry: Entry): Promise<void>;
  delete(key: string): Promise<void>;
}

export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly now: () => number) {}
  async get(key: string) {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) this.entries.delete(key);
    return this.entries.get(key);
  }
  async reserve(key: string, entry: Entry) {
    if (await this.get(key)) return false;
    this.entries.set(key, entry);
    return true;
  }
  async set(key: string, entry: Entry) {
    this.entries.set(key, entry);
  }
  async delete(key: string) {
    this.entries.delete(key);
  }
}

export type Model = (features: readonly number[], alias: string) => Promise<{ score: number; modelVersion: string }>;

/** How long a stored response is replayed for. */
export const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * How long a reservation holds a key before any response exists. A worker that dies mid-call frees nothing,
 * so the lease is what lets the client's retry run again. Assumption: a few request timeouts of 10-20 s, longer
 * than the model call's deadline; a call that outlives it anyway has its answer dropped (503), so a retry that
 * ran meanwhile keeps the only answer stored for the key.
 */
export const DEFAULT_LEASE_MS = 60 * 1000;

export interface EndpointOptions {
  ttlMs?: number;
  leaseMs?: number;
}

function positiveMs(name: string, value: number): number {
  // `!(value > 0)` is also true for NaN, which `value <= 0` would let through.
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive, finite number of milliseconds, got ${value}`);
  return value;
}

export class PredictionEndpoint {
  private readonly ttlMs: number;
  private readonly leaseMs: number;

  constructor(
    private readonly model: Model,
    private readonly store: IdempotencyStore,
    private readonly now: () => number,
    options: EndpointOptions = {},
  ) {
    this.ttlMs = positiveMs('ttlMs', options.ttlMs ?? DEFAULT_TTL_MS);
    this.leaseMs = positiveMs('leaseMs', options.leaseMs ?? DEFAULT_LEASE_MS);
  }

  async handle(req: PredictRequest): Promise<PredictResponse> {
    const schema = Object.hasOwn(SCHEMAS, req.version) ? SCHEMAS[req.version] : undefined;
    if (!schema) return { status: 404, body: { error: `unknown API version ${req.version}` }, replayed: false };
    const errors = validate(schema, req.body);
    if (errors.length > 0) return { status: 400, body: { error: 'invalid request', details: errors }, replayed: false };
    if (req.idempotencyKey === undefined) return { ...(await this.run(req)), replayed: false };

    // Keys are scoped per client so one client can never read another's stored answer; a JSON pair, since
    // "a:b" + "c" and "a" + "b:c" joined with a colon would be the same key.
    const key = JSON.stringify([req.clientId, req.idempotencyKey]);
    const print = await fingerprint(req.version, req.body);
    // Reserve before running: checking and writing after the model call lets two concurrent retries both run.
    // The reservation carries a short lease, not the 24-hour retention, so a dead worker blocks the key briefly.
    const leaseEnds = this.now() + this.leaseMs;
    const reserved = await this.store.reserve(key, { fingerprint: print, expiresAt: leaseEnds });
    if (!reserved) {
      const existing = await this.store.get(key);
      if (existing && existing.fingerprint !== print) {
        return { status: 422, body: { error: 'idempotency key was already used with a different payload' }, replayed: false };
      }
      if (existing?.response) return { ...existing.response, replayed: true };
      return { status: 409, body: { error: 'a request with this idempotency key is still in progress' }, replayed: false };
    }
    let response: Omit<PredictResponse, 'replayed'>;
    try {
      response = await this.run(req);
    } catch {
      // A model error is not an answer: free the key so the client's retry can run the request again.
      // If the delete fails too, the reservation still expires with its lease.
      await this.store.delete(key).catch(() => undefined);
      return { status: 503, body: { error: 'model unavailable, retry with the same key' }, replayed: false };
    }
    if (this.now() >= leaseEnds) {
      // The call outlived its lease, so a retry may hold the key now and have answered already. Storing or
      // returning this answer could give one key two answers: drop it, and the client's retry gets the stored one.
      return { status: 503, body: { error: 'the model call outlived its lease, retry with the same key' }, replayed: false };
    }
    try {
      // The 24-hour retention starts here, once there is a response to replay.
      await this.store.set(key, { fingerprint: print, expiresAt: this.now() + this.ttlMs, response });
    } catch {
      // The model has run: freeing the key now would let a retry run it again. Keep the reservation (it
      // expires with its lease) and still return the answer the client asked for.
    }
    return { ...response, replayed: false };
  }

  private async run(req: PredictRequest): Promise<Omit<PredictResponse, 'replayed'>> {
    const body = req.body as { features: number[]; threshold?: number; modelAlias?: string };
    const { score, modelVersion } = await this.model(body.features, body.modelAlias ?? 'production');
    const threshold = body.threshold ?? 0.5;
    // The response names the model version, so a caller can tie any answer to the artefact that produced it.
    return { status: 200, body: { apiVersion: req.version, modelVersion, score, label: score >= threshold } };
  }
}
