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

const ACCOUNT_TYPES = { S: 'savings', C: 'current', L: 'loan' } as const;

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
 * anything it does not understand instead of guessing, so gaps show up in
 * shadow comparisons rather than as wrong live decisions.
 */
export function translate(record: LegacyRecord): Applicant {
  const customerId = canonicalCustomerId(record.CUST_NO);
  if (!/^\d+$/.test(customerId)) throw new TranslationError(`CUST_NO "${record.CUST_NO}" is not a number`);
  const accountType = ACCOUNT_TYPES[record.ACCT_TYP.trim() as keyof typeof ACCOUNT_TYPES];
  if (!accountType) throw new TranslationError(`ACCT_TYP "${record.ACCT_TYP}" is not a known account type`);
  if (!/^[+-]?\d+$/.test(record.BAL_CENTS.trim())) throw new TranslationError(`BAL_CENTS "${record.BAL_CENTS}" is not an integer`);
  const balanceCents = Number.parseInt(record.BAL_CENTS, 10); // integer cents: no floating-point money
  const risk = record.RISK_CD.trim();
  if (risk !== '' && !/^[A-E]$/.test(risk)) throw new TranslationError(`RISK_CD "${record.RISK_CD}" is not A-E or blank`);
  return { customerId, accountType, balanceCents, openedOn: parseLegacyDate(record.OPEN_DT), riskBand: (risk || null) as Applicant['riskBand'] };
}

function parseLegacyDate(value: string): string | null {
  if (value === '00000000') return null;
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
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
  error?: string;
}

export type ServedBy = 'legacy' | 'new' | 'legacy-fallback';

/** Passed on every call to the new path: in shadow it must have no side effects (no writes, no emails). */
export interface CallContext {
  shadow: boolean;
}

export class StranglerRouter {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly routes: Record<string, RouteConfig>,
    private readonly legacy: (route: string, record: LegacyRecord) => Promise<Decision>,
    private readonly candidate: (route: string, applicant: Applicant, context: CallContext) => Promise<Decision>,
    private readonly agree: (legacy: Decision, candidate: Decision) => boolean,
    private readonly record: (comparison: Comparison) => void,
  ) {}

  setRollout(route: string, rolloutPercent: number): void {
    if (!(rolloutPercent >= 0 && rolloutPercent <= 100)) throw new RangeError(`rollout must be 0-100, got ${rolloutPercent}`);
    this.routes[route] = { shadowPercent: 0, ...this.routes[route], rolloutPercent };
  }

  async handle(route: string, legacyRecord: LegacyRecord): Promise<{ decision: Decision; servedBy: ServedBy }> {
    const config = this.routes[route] ?? { rolloutPercent: 0, shadowPercent: 0 }; // unknown routes stay legacy
    const id = canonicalCustomerId(legacyRecord.CUST_NO);
    if (bucketOf(route, id) < config.rolloutPercent * 100) {
      try {
        return { decision: await this.candidate(route, translate(legacyRecord), { shadow: false }), servedBy: 'new' };
      } catch {
        // The legacy path is still there: use it rather than fail the customer.
        return { decision: await this.legacy(route, legacyRecord), servedBy: 'legacy-fallback' };
      }
    }
    const decision = await this.legacy(route, legacyRecord);
    if (bucketOf(`shadow:${route}`, id) < config.shadowPercent * 100) this.shadow(route, id, legacyRecord, decision);
    return { decision, servedBy: 'legacy' };
  }

  /** Wait for shadow calls still running (tests, graceful shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /** Fire and forget: the shadow call never delays or changes the live answer. */
  private shadow(route: string, customerId: string, legacyRecord: LegacyRecord, legacy: Decision): void {
    const run = (async () => {
      let comparison: Comparison;
      try {
        const candidate = await this.candidate(route, translate(legacyRecord), { shadow: true });
        comparison = { route, customerId, legacy, candidate, match: this.agree(legacy, candidate) };
      } catch (error) {
        comparison = { route, customerId, legacy, match: false, error: error instanceof Error ? error.message : String(error) };
      }
      this.record(comparison);
    })().catch(() => {
      // The comparison log is down: lose this comparison, not the process (an unhandled rejection exits Node).
    });
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
  }
}
