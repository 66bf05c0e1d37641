/**
 * The core of an LLM gateway: route by task, fall back across providers,
 * rate-limit and budget per tenant, and cache repeatable answers.
 *
 * Providers, prices and the clock are injected, so the policy is tested
 * without network calls, real money or real time.
 */

export interface Completion {
  text: string;
  inputTokens: number;
  outputTokens: number;
}

export interface Provider {
  readonly name: string;
  /** The model's own output limit; a request asking for more is capped to it, and so is its reservation. */
  readonly maxOutputTokens?: number;
  /**
   * Tokens the provider bills on top of the prompt: the chat template's role and turn markers, and any
   * system text it adds. Part of the default input bound; DEFAULT_TEMPLATE_OVERHEAD_TOKENS when unset.
   */
  readonly templateOverheadTokens?: number;
  complete(prompt: string, maxOutputTokens: number): Promise<Completion>;
}

/** A rule of thumb that covers a few messages' role and turn markers; set the real figure per provider. */
export const DEFAULT_TEMPLATE_OVERHEAD_TOKENS = 100;

/** Retryable: timeouts, 429 and 5xx. Not retryable: a bad request every provider would reject too. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** Prices in dollars per 1M tokens; the numbers used in tests are illustrative. */
export interface Price {
  inputPerMillion: number;
  outputPerMillion: number;
}

export interface Route {
  /** Providers in order of preference: the preferred model first, then fallbacks that may be cheaper and less capable. */
  providers: readonly string[];
  /** Only deterministic tasks (temperature 0, no user-specific tools) may be served from cache. */
  cacheable: boolean;
}

export interface TenantPolicy {
  requestsPerSecond: number;
  burst: number;
  dailyBudgetUsd: number;
}

export interface GatewayConfig {
  providers: readonly Provider[];
  pricing: Readonly<Record<string, Price>>;
  routes: Readonly<Record<string, Route>>;
  tenants: Readonly<Record<string, TenantPolicy>>;
  now: () => number;
  /**
   * An upper bound on the input tokens a provider bills for a prompt, so a reservation can never be
   * too small. The default is the prompt's UTF-8 byte count plus the provider's template overhead: a
   * byte-level BPE tokenizer emits at most one token per byte, and chat APIs bill their template tokens
   * on top. A "4 characters per token" estimate is an average, not a bound; it undercounts code and most
   * non-English text. The bound holds only while the provider bills at most that; a bill above the
   * reservation, or a completion with missing or invalid token counts, is counted in `overruns` and reported to `onOverrun`.
   */
  maxInputTokens?: (prompt: string, provider: Provider) => number;
  /** Called when a call's actual cost exceeds its reservation: the bound was wrong, so alert on it. */
  onOverrun?: (overrun: Overrun) => void;
  cacheTtlMs?: number;
  /** How long a failing provider is skipped before it is tried again. */
  cooldownMs?: number;
}

export interface Overrun {
  tenant: string;
  provider: string;
  reservedUsd: number;
  actualUsd: number;
  /** Billed above the reservation, or the provider's token counts were missing or invalid (the reservation is booked). */
  reason: 'billed_above_reservation' | 'invalid_token_counts';
}

export type GatewayErrorCode = 'unknown_tenant' | 'unknown_task' | 'rate_limited' | 'budget_exhausted' | 'bad_request' | 'all_providers_failed';

export class GatewayError extends Error {
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface GatewayRequest {
  tenant: string;
  task: string;
  prompt: string;
  maxOutputTokens: number;
}

export interface GatewayResult {
  text: string;
  provider: string;
  costUsd: number;
  cached: boolean;
}

export function costUsd(price: Price, inputTokens: number, outputTokens: number): number {
  return (inputTokens * price.inputPerMillion + outputTokens * price.outputPerMillion) / 1_000_000;
}

const DAY_MS = 86_400_000;

const isPositiveInteger = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) > 0;
const isNonNegativeInteger = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

export class LlmGateway {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  /** Tenant -> UTC day number -> dollars booked on that day, reservations included. */
  private readonly spend = new Map<string, Map<number, number>>();
  private readonly cache = new Map<string, { result: GatewayResult; expiresAt: number }>();
  private readonly coolingUntil = new Map<string, number>();
  private readonly maxInputTokens: (prompt: string, provider: Provider) => number;
  private overrunCount = 0;

  constructor(private readonly config: GatewayConfig) {
    for (const p of config.providers) {
      if (p.maxOutputTokens !== undefined && !isPositiveInteger(p.maxOutputTokens)) throw new RangeError(`${p.name}: maxOutputTokens must be a positive integer`);
      if (p.templateOverheadTokens !== undefined && !(Number.isSafeInteger(p.templateOverheadTokens) && p.templateOverheadTokens >= 0)) {
        throw new RangeError(`${p.name}: templateOverheadTokens must be a non-negative integer`);
      }
    }
    // A policy row from a config file may lack a field: a NaN bucket never runs dry and a missing budget is never reached.
    for (const [tenant, policy] of Object.entries(config.tenants)) {
      const { requestsPerSecond, burst, dailyBudgetUsd } = policy;
      if (!(Number.isFinite(requestsPerSecond) && requestsPerSecond > 0))
        throw new RangeError(`${tenant}: requestsPerSecond must be a finite number > 0, got ${String(requestsPerSecond)}`);
      if (!(Number.isFinite(burst) && burst >= 1)) throw new RangeError(`${tenant}: burst must be a finite number >= 1, got ${String(burst)}`);
      if (!(Number.isFinite(dailyBudgetUsd) && dailyBudgetUsd >= 0)) throw new RangeError(`${tenant}: dailyBudgetUsd must be a finite number >= 0, got ${String(dailyBudgetUsd)}`);
    }
    this.maxInputTokens =
      config.maxInputTokens ?? ((prompt, provider) => new TextEncoder().encode(prompt).length + (provider.templateOverheadTokens ?? DEFAULT_TEMPLATE_OVERHEAD_TOKENS));
  }

  /** Calls whose actual cost exceeded their reservation; anything above 0 means a bound is wrong. */
  get overruns(): number {
    return this.overrunCount;
  }

  /** Spend so far today, including reservations for calls still in flight. */
  spentToday(tenant: string): number {
    return this.spend.get(tenant)?.get(this.today()) ?? 0;
  }

  async complete(req: GatewayRequest): Promise<GatewayResult> {
    const { now } = this.config;
    // Own entries only: a plain lookup would find "constructor" on every object and pass it as a tenant.
    const policy = Object.hasOwn(this.config.tenants, req.tenant) ? this.config.tenants[req.tenant] : undefined;
    if (!policy) throw new GatewayError('unknown_tenant', `unknown tenant ${req.tenant}`);
    const route = Object.hasOwn(this.config.routes, req.task) ? this.config.routes[req.task] : undefined;
    if (!route) throw new GatewayError('unknown_task', `no route for task ${req.task}`);

    // The tenant is part of the key: one tenant must never see another tenant's cached answer.
    const cacheKey = JSON.stringify([req.tenant, req.task, req.maxOutputTokens, req.prompt]);
    const hit = route.cacheable ? this.cache.get(cacheKey) : undefined;
    // A hit costs nothing upstream, so it is served before the rate limit and the budget.
    if (hit && hit.expiresAt > now()) return { ...hit.result, costUsd: 0, cached: true };

    // An undefined or NaN limit would make the reservation NaN, and every budget comparison with NaN passes.
    if (!isPositiveInteger(req.maxOutputTokens)) throw new GatewayError('bad_request', `maxOutputTokens must be a positive integer, got ${String(req.maxOutputTokens)}`);

    if (!this.takeToken(req.tenant, policy)) throw new GatewayError('rate_limited', `tenant ${req.tenant} is over ${policy.requestsPerSecond} requests/s`);

    const failures: string[] = [];
    let overBudget = 0;
    for (const name of route.providers) {
      const provider = this.config.providers.find((p) => p.name === name);
      const price = this.config.pricing[name];
      if (!provider || !price) throw new Error(`route ${req.task} names unconfigured provider ${name}`);
      if ((this.coolingUntil.get(name) ?? 0) > now()) {
        failures.push(`${name}: cooling down`);
        continue;
      }
      const maxOutputTokens = Math.min(req.maxOutputTokens, provider.maxOutputTokens ?? Number.POSITIVE_INFINITY);
      // Reserve an upper bound (every allowed output token, and the input bound) before calling, so parallel
      // calls cannot overshoot: a reservation that could be smaller than the bill lets two calls pass together.
      const reserved = costUsd(price, this.maxInputTokens(req.prompt, provider), maxOutputTokens);
      if (!Number.isFinite(reserved) || reserved < 0) throw new RangeError(`reservation for ${name} is ${reserved} dollars; check its prices and maxInputTokens`);
      // Written so that a NaN on either side refuses the call rather than letting it through.
      if (!(this.spentToday(req.tenant) + reserved <= policy.dailyBudgetUsd)) {
        overBudget += 1;
        failures.push(`${name}: over budget`);
        continue; // a later, cheaper provider may still fit
      }
      // The call is booked on the day it was reserved, even if it settles after midnight UTC.
      const day = this.today();
      this.addSpend(req.tenant, day, reserved);
      try {
        const completion = await provider.complete(req.prompt, maxOutputTokens);
        // Missing or invalid counts would make the cost NaN, and a NaN spend disables the budget: book the
        // whole reservation instead and report it, since the real bill is unknown.
        const countsValid = isNonNegativeInteger(completion.inputTokens) && isNonNegativeInteger(completion.outputTokens);
        const actual = countsValid ? costUsd(price, completion.inputTokens, completion.outputTokens) : reserved;
        this.addSpend(req.tenant, day, actual - reserved); // settle: release the unused part of the reservation
        if (!countsValid || actual > reserved) {
          // The spend is booked as billed, but parallel calls may have overshot the budget: someone must look.
          this.overrunCount++;
          const reason = countsValid ? 'billed_above_reservation' : 'invalid_token_counts';
          this.config.onOverrun?.({ tenant: req.tenant, provider: name, reservedUsd: reserved, actualUsd: actual, reason });
        }
        const result: GatewayResult = { text: completion.text, provider: name, costUsd: actual, cached: false };
        if (route.cacheable) this.cache.set(cacheKey, { result, expiresAt: now() + (this.config.cacheTtlMs ?? 3_600_000) });
        return result;
      } catch (error) {
        this.addSpend(req.tenant, day, -reserved); // failed calls are assumed unbilled
        if (error instanceof ProviderError && !error.retryable) throw new GatewayError('bad_request', error.message);
        this.coolingUntil.set(name, now() + (this.config.cooldownMs ?? 30_000));
        failures.push(`${name}: ${(error as Error).message}`);
      }
    }
    if (overBudget === route.providers.length) {
      throw new GatewayError('budget_exhausted', `tenant ${req.tenant} has spent $${this.spentToday(req.tenant).toFixed(4)} of $${policy.dailyBudgetUsd}`);
    }
    throw new GatewayError('all_providers_failed', failures.join('; '));
  }

  private takeToken(tenant: string, policy: TenantPolicy): boolean {
    const t = this.config.now();
    const bucket = this.buckets.get(tenant) ?? { tokens: policy.burst, at: t };
    bucket.tokens = Math.min(policy.burst, bucket.tokens + ((t - bucket.at) / 1000) * policy.requestsPerSecond);
    bucket.at = t;
    this.buckets.set(tenant, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Budgets reset at 00:00 UTC. */
  private today(): number {
    return Math.floor(this.config.now() / DAY_MS);
  }

  private addSpend(tenant: string, day: number, usd: number): void {
    const days = this.spend.get(tenant) ?? new Map<number, number>();
    days.set(day, (days.get(day) ?? 0) + usd);
    // Keep yesterday for calls still settling across midnight; older days are final.
    for (const d of days.keys()) if (d < this.today() - 1) days.delete(d);
    this.spend.set(tenant, days);
  }
}
