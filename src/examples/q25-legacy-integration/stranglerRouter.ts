/**
 * Strangling a legacy credit decision with an ML service: a facade routes a
 * growing, sticky share of customers per route to the new path, translates
 * legacy records through an anti-corruption layer, and compares the new
 * path's answers with the legacy ones in shadow before they go live.
 */

/** A record as the legacy system sends it: fixed codes, padded strings, no types. */
export interface LegacyRecord {
  CUST_NO: string; // zero-padded, "0000012345"
  ACCT_TYP: string; // "S" savings, "C" current, "L" loan
  BAL_CENTS: string; // signed, zero-padded integer cents, "-0001250"
  OPEN_DT: string; // "YYYYMMDD"; "00000000" when unknown
  RISK_CD: string; // "A".."E", or " " when unrated
}

/** The new service's own model of the same thing. */
export interface Applicant {
  customerId: string;
  accountType: 'savings' | 'current' | 'loan';
  balanceCents: number;
  openedOn: string | null;
  riskBand: 'A' | 'B' | 'C' | 'D' | 'E' | null;
}

export class TranslationError extends Error {}

// A Map, not an object literal: "constructor" or "__proto__" must not look like a known code.
const ACCOUNT_TYPES = new Map<string, Applicant['accountType']>([
  ['S', 'savings'],
  ['C', 'current'],
  ['L', 'loan'],
]);

/**
 * The customer id without the legacy padding: "0000012345" and "12345" are
 * one customer. Routing hashes this form, so the same customer gets the same
 * bucket whichever channel sent the record.
 */
export function canonicalCustomerId(custNo: string): string {
  return custNo.trim().replace(/^0+(?=\d)/, '');
}

/**
 * Anti-corruption layer: legacy codes and encodings stop here. It fails on
 * anything it does not understand instead of guessing, so gaps show up as
 * counted failures rather than as wrong live decisions.
 */
export function translate(record: LegacyRecord): Applicant {
  const customerId = canonicalCustomerId(record.CUST_NO);
  if (!/^\d+$/.test(customerId)) throw new TranslationError(`CUST_NO "${record.CUST_NO}" is not a number`);
  const accountType = ACCOUNT_TYPES.get(record.ACCT_TYP.trim());
  if (!accountType) throw new TranslationError(`ACCT_TYP "${record.ACCT_TYP}" is not a known account type`);
  const balance = record.BAL_CENTS.trim();
  if (!/^[+-]?\d+$/.test(balance)) throw new TranslationError(`BAL_CENTS "${record.BAL_CENTS}" is not an integer`);
  // Integer cents: no floating-point money. `|| 0` turns the -0 of "-0000000" into 0.
  const balanceCents = Number.parseInt(balance, 10) || 0;
  // Past 2^53 - 1 cents (about $90 trillion) a number rounds silently: refuse rather than alter a balance.
  if (!Number.isSafeInteger(balanceCents)) throw new TranslationError(`BAL_CENTS "${record.BAL_CENTS}" is beyond 2^53 - 1 cents`);
  const risk = record.RISK_CD.trim();
  if (risk !== '' && !/^[A-E]$/.test(risk)) throw new TranslationError(`RISK_CD "${record.RISK_CD}" is not A-E or blank`);
  return { customerId, accountType, balanceCents, openedOn: parseLegacyDate(record.OPEN_DT), riskBand: (risk || null) as Applicant['riskBand'] };
}

function parseLegacyDate(value: string): string | null {
  if (value.trim() === '00000000') return null;
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const date = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC rolls 30 February over into March; a round trip catches it.
  if (!match || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw new TranslationError(`OPEN_DT "${value}" is not a valid YYYYMMDD date`);
  }
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/**
 * FNV-1a hash of "salt:id" into 10,000 buckets (0.01 % steps). Deterministic,
 * so a customer stays on one path; salted per route, so the same customers
 * are not the first on every route. Math.random() would flip customers between
 * paths on every call and make comparisons meaningless.
 */
export function bucketOf(salt: string, id: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(`${salt}:${id}`)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 10_000;
}

export interface Decision {
  approve: boolean;
  score: number;
}

/**
 * The new path's answer, checked before it is served or compared: a malformed one (undefined, a string
 * "true", a NaN score) is a failure of the new path, not a decision. Returns a fresh object.
 */
function checkedDecision(answer: unknown): Decision {
  const { approve, score } = (answer ?? {}) as Partial<Decision>;
  if (typeof approve !== 'boolean' || typeof score !== 'number' || !Number.isFinite(score)) {
    throw new Error('new path returned an invalid decision: approve must be a boolean and score a finite number');
  }
  return { approve, score };
}

export interface RouteConfig {
  /** Share of customers served by the new path, 0-100. Raising it only ever adds customers. */
  rolloutPercent: number;
  /** Share of legacy-served customers also sent to the new path in shadow, 0-100. */
  shadowPercent: number;
}

export interface Comparison {
  route: string;
  customerId: string;
  legacy: Decision;
  candidate?: Decision;
  match: boolean;
  /** Why there is no valid candidate answer (untranslatable, failed, timed out, malformed), or why agree() threw. */
  error?: string;
}

export type ServedBy = 'legacy' | 'new' | 'legacy-fallback';

/** Passed on every call to the new path: in shadow it must have no side effects (no writes, no emails). */
export interface CallContext {
  shadow: boolean;
  /**
   * One per handle() call, so the new service can deduplicate: a call aborted at the timeout may already have
   * written its decision. Unique within one facade; with several instances, prefix an instance id.
   */
  requestId: string;
  /** Aborts when the call timed out: pass it to fetch or the gRPC call. */
  signal: AbortSignal;
}

export interface RouterOptions {
  /** How long a live customer waits for the new path before legacy answers instead. */
  liveTimeoutMs?: number;
  /** Shadow calls are slower to give up on, but must end: a hung one would be kept forever. */
  shadowTimeoutMs?: number;
  /**
   * Shadow calls the facade keeps open at once; more are dropped and counted, never queued. It does not
   * cap the new service's load: a call that ignores the abort keeps computing, so the service needs its own limit.
   */
  maxShadowsInFlight?: number;
}

const MAX_TIMER_MS = 2 ** 31 - 1; // setTimeout fires at once beyond this

/** A whole number with thousands separators, written out so every runtime prints the same. */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Runs `call` with a signal that aborts after `ms`; rejects then, and clears the timer either way. */
async function withTimeout<T>(ms: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // One error, settled before the abort: a call that rejects as soon as it is aborted
      // must not win the race, so the log records the timeout, not "aborted".
      const error = new Error(`new path did not answer within ${thousands(ms)} ms`);
      reject(error);
      controller.abort(error);
    }, ms);
  });
  try {
    return await Promise.race([call(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Counters for the page's metrics: translation failure rate = translationFailures / (translated + translationFailures),
 * over every record the route handles, legacy-served or not.
 */
export interface RouteStats {
  translated: number;
  translationFailures: number;
  liveFallbacks: number;
  shadowsDropped: number;
}

function checkedPercent(route: string, name: keyof RouteConfig, value: number): number {
  if (!(value >= 0 && value <= 100)) throw new RangeError(`${route}: ${name} must be 0-100, got ${value}`);
  return value;
}

export class StranglerRouter {
  private readonly pending = new Set<Promise<void>>();
  private readonly options: Required<RouterOptions>;
  private readonly counters = new Map<string, RouteStats>();
  // A copy in a Map: setRollout must not change the caller's object, and "constructor" is not a route.
  private readonly routes = new Map<string, RouteConfig>();
  private requests = 0;

  constructor(
    routes: Record<string, RouteConfig>,
    private readonly legacy: (route: string, record: LegacyRecord) => Promise<Decision>,
    private readonly candidate: (route: string, applicant: Applicant, context: CallContext) => Promise<Decision>,
    private readonly agree: (legacy: Decision, candidate: Decision) => boolean,
    private readonly record: (comparison: Comparison) => void,
    options: RouterOptions = {},
  ) {
    // `??` per option, so an option passed as undefined gets its default.
    this.options = {
      liveTimeoutMs: options.liveTimeoutMs ?? 250,
      shadowTimeoutMs: options.shadowTimeoutMs ?? 2_000,
      maxShadowsInFlight: options.maxShadowsInFlight ?? 50,
    };
    for (const name of ['liveTimeoutMs', 'shadowTimeoutMs'] as const) {
      const ms = this.options[name];
      if (!(Number.isFinite(ms) && ms >= 1 && ms <= MAX_TIMER_MS)) {
        throw new RangeError(`${name} must be a number of ms in 1..${thousands(MAX_TIMER_MS)}, got ${thousands(ms)}`);
      }
    }
    const cap = this.options.maxShadowsInFlight;
    if (!(Number.isInteger(cap) && cap >= 1)) throw new RangeError(`maxShadowsInFlight must be an integer >= 1, got ${cap}`);
    for (const [route, config] of Object.entries(routes)) {
      this.routes.set(route, {
        rolloutPercent: checkedPercent(route, 'rolloutPercent', config.rolloutPercent),
        shadowPercent: checkedPercent(route, 'shadowPercent', config.shadowPercent),
      });
    }
  }

  /** Counters per route, since each route goes live on its own evidence: `stats.get('score')?.translationFailures`. */
  get stats(): ReadonlyMap<string, Readonly<RouteStats>> {
    return this.counters;
  }

  private count(route: string): RouteStats {
    let counters = this.counters.get(route);
    if (!counters) this.counters.set(route, (counters = { translated: 0, translationFailures: 0, liveFallbacks: 0, shadowsDropped: 0 }));
    return counters;
  }

  /** Changes the rollout share only; the route's shadow share stays as it was. */
  setRollout(route: string, rolloutPercent: number): void {
    const shadowPercent = this.routes.get(route)?.shadowPercent ?? 0;
    this.routes.set(route, { rolloutPercent: checkedPercent(route, 'rolloutPercent', rolloutPercent), shadowPercent });
  }

  async handle(route: string, legacyRecord: LegacyRecord): Promise<{ decision: Decision; servedBy: ServedBy }> {
    const config = this.routes.get(route) ?? { rolloutPercent: 0, shadowPercent: 0 }; // unknown routes stay legacy
    const id = canonicalCustomerId(legacyRecord.CUST_NO);
    const requestId = `${route}:${id}:${++this.requests}`;
    // Translated on either path: it is in-process and cheap, and the translation failure rate must cover every
    // customer before the route goes live, not only the shadow sample.
    const applicant = this.translateCounted(route, legacyRecord);
    // Buckets below rollout × 100 go to the new path: 30 % is buckets 0 to 2,999.
    if (bucketOf(route, id) < config.rolloutPercent * 100) {
      try {
        if (applicant instanceof Error) throw applicant;
        const answer = await withTimeout(this.options.liveTimeoutMs, (signal) => this.candidate(route, applicant, { shadow: false, requestId, signal }));
        return { decision: checkedDecision(answer), servedBy: 'new' };
      } catch {
        // Untranslatable, failed, too slow or malformed: the legacy path is still there, so use it rather than fail the customer.
        this.count(route).liveFallbacks++;
        return { decision: await this.legacy(route, legacyRecord), servedBy: 'legacy-fallback' };
      }
    }
    const decision = await this.legacy(route, legacyRecord);
    // A copy: a caller changing its answer later must not show up in the log as a mismatch.
    if (bucketOf(`shadow:${route}`, id) < config.shadowPercent * 100) this.shadow(route, id, requestId, applicant, { ...decision });
    return { decision, servedBy: 'legacy' };
  }

  /** The applicant, or the error that says why the record could not be translated; counted either way. */
  private translateCounted(route: string, legacyRecord: LegacyRecord): Applicant | Error {
    try {
      const applicant = translate(legacyRecord);
      this.count(route).translated++;
      return applicant;
    } catch (error) {
      this.count(route).translationFailures++;
      return error instanceof Error ? error : new TranslationError(String(error));
    }
  }

  /** Wait for shadow calls still running (tests, graceful shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /**
   * Fire and forget: the shadow never changes the live answer, and record() runs after handle() has returned.
   * The candidate call starts before handle() returns, though, so its synchronous part must not block.
   */
  private shadow(route: string, customerId: string, requestId: string, applicant: Applicant | Error, legacy: Decision): void {
    if (this.pending.size >= this.options.maxShadowsInFlight) {
      this.count(route).shadowsDropped++; // The new path is slow or down: shed shadow load, never queue it.
      return;
    }
    const run = this.compare(route, customerId, requestId, applicant, legacy)
      .then((comparison) => this.record(comparison))
      .catch(() => {
        // The comparison log is down: lose this comparison, not the process (an unhandled rejection exits Node).
      });
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
  }

  private async compare(route: string, customerId: string, requestId: string, applicant: Applicant | Error, legacy: Decision): Promise<Comparison> {
    const failed = (error: unknown): Comparison => ({ route, customerId, legacy, match: false, error: messageOf(error) });
    if (applicant instanceof Error) return failed(applicant);
    let candidate: Decision;
    try {
      const answer = await withTimeout(this.options.shadowTimeoutMs, (signal) => this.candidate(route, applicant, { shadow: true, requestId, signal }));
      candidate = checkedDecision(answer);
    } catch (error) {
      return failed(error);
    }
    try {
      return { route, customerId, legacy, candidate, match: this.agree(legacy, candidate) };
    } catch (error) {
      // A faulty agree() is not a candidate failure: keep the candidate's answer.
      return { route, customerId, legacy, candidate, match: false, error: `agree() failed: ${messageOf(error)}` };
    }
  }
}
