/**
 * The core of an LLM gateway: route by task, fall back across providers, rate-limit and budget per tenant, cache.
 *
 * Providers, prices and the clock are injected, so the policy is tested without network calls, real money or
 * real time. All state lives in this one process; replicas need a shared store that checks the budget and books
 * the reservation in one atomic step, or two replicas can pass a budget only one of them fits.
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
  /** The model's context window in tokens: a prompt too long for one model is sent only to a model with a larger one. */
  readonly contextTokens?: number;
  /** Tokens billed on top of the prompt (the chat template's markers, any system text the provider adds); default DEFAULT_TEMPLATE_OVERHEAD_TOKENS. */
  readonly templateOverheadTokens?: number;
  /** Should stop work when `signal` aborts: the gateway aborts a call that ran past its deadline. */
  complete(prompt: string, maxOutputTokens: number, signal: AbortSignal): Promise<Completion>;
}

/** A rule of thumb for role and turn markers. Tool use adds far more: on Claude 3 models Anthropic's tool-use system prompt alone is 159 to 530 tokens. */
export const DEFAULT_TEMPLATE_OVERHEAD_TOKENS = 100;

/**
 * What the provider's adapter reports, and what the gateway does about it:
 * - 'unavailable' (a 429 or 5xx, no billable work done): try the next provider, refund the reservation;
 * - 'timeout' (no answer in time, or a stream cut part-way): try the next provider, but keep the reservation booked;
 * - 'context_too_long' (a 400 for the prompt's length): try only models with a larger window;
 * - 'bad_request' (any other 400): every provider would reject it too, so stop.
 */
export type FailureKind = 'unavailable' | 'timeout' | 'context_too_long' | 'bad_request';

export class ProviderError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
  }
}

/** Dollars per 1M tokens, one flat rate: a provider that charges more above some prompt length needs that higher rate here. */
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
  /** Wall-clock ms for budget days, circuit cooldown and cache expiry (a step back stretches a cache entry's life by the step); deadlines use timers. */
  now: () => number;
  /**
   * An upper bound on the input tokens a provider bills for a prompt. Default: the prompt's UTF-8 bytes (a byte-level
   * BPE tokenizer emits at most one token per byte) plus the provider's template overhead. "4 characters per token" is an
   * average, not a bound: it undercounts code and most non-English text. A bill above the bound is reported to `onOverrun`.
   */
  maxInputTokens?: (prompt: string, provider: Provider) => number;
  /** Called when a bill exceeds its reservation (a bound was wrong) or its token counts are invalid (the reservation is booked). */
  onOverrun?: (overrun: Overrun) => void;
  /** Called when a call failed after it may have been billed: its reservation stays booked for its day. */
  onUnsettled?: (call: UnsettledCall) => void;
  /** How long one provider call may take before it is aborted (default 60 s, a rule of thumb for long answers). */
  attemptTimeoutMs?: number;
  /** Consecutive failures that open a provider's circuit (default 3, a rule of thumb). */
  failureThreshold?: number;
  /** How long an open circuit skips its provider before one trial call is let through (default 30 s). */
  cooldownMs?: number;
  /** How long a cached answer is served (default one hour). */
  cacheTtlMs?: number;
  /** The most answers the cache holds; the least recently used goes first (default 10,000). */
  cacheMaxEntries?: number;
}

export interface Overrun {
  tenant: string;
  provider: string;
  reservedUsd: number;
  actualUsd: number;
  reason: 'billed_above_reservation' | 'invalid_token_counts';
}

/** A failed call whose bill is unknown; reconcile `reservedUsd` against the provider's usage report. */
export interface UnsettledCall {
  tenant: string;
  provider: string;
  reservedUsd: number;
  error: string;
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
const MAX_TIMER_MS = 2 ** 31 - 1; // setTimeout fires at once beyond this

const isPositiveInteger = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) > 0;
const isNonNegativeInteger = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
const isNonNegative = (n: unknown): n is number => Number.isFinite(n) && (n as number) >= 0;

export class LlmGateway {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  /**
   * Tenant -> UTC day -> dollars booked, reservations included. A real ledger keeps integer micro-dollars: in floats
   * ten $0.0075 reservations sum to 0.07500000000000001, so a budget of exactly $0.075 admits only nine.
   */
  private readonly spend = new Map<string, Map<number, number>>();
  private readonly cache = new Map<string, { result: GatewayResult; expiresAt: number }>();
  /** Per provider. Closed while `openUntil` is 0; open until then; after it, half-open: one trial call decides. */
  private readonly circuits = new Map<string, { failures: number; openUntil: number; trialInFlight: boolean }>();
  private readonly settings: Required<Pick<GatewayConfig, 'attemptTimeoutMs' | 'failureThreshold' | 'cooldownMs' | 'cacheTtlMs' | 'cacheMaxEntries'>>;
  private readonly maxInputTokens: (prompt: string, provider: Provider) => number;
  private overrunCount = 0;

  constructor(private readonly config: GatewayConfig) {
    for (const p of config.providers) {
      if (![p.maxOutputTokens ?? 1, p.contextTokens ?? 1].every(isPositiveInteger) || !isNonNegativeInteger(p.templateOverheadTokens ?? 0))
        throw new RangeError(`${p.name}: maxOutputTokens and contextTokens must be positive integers, templateOverheadTokens one >= 0`);
    }
    for (const [name, price] of Object.entries(config.pricing)) {
      if (!isNonNegative(price.inputPerMillion) || !isNonNegative(price.outputPerMillion)) throw new RangeError(`${name}: prices must be finite numbers >= 0`);
    }
    // Checked now, not when a fallback is first needed: a typo in one would surface only during an outage.
    for (const [task, route] of Object.entries(config.routes)) {
      if (route.providers.length === 0) throw new RangeError(`route ${task} names no provider`);
      for (const name of route.providers) {
        if (!config.providers.some((p) => p.name === name) || !Object.hasOwn(config.pricing, name)) throw new RangeError(`route ${task} names unconfigured provider ${name}`);
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
    const { attemptTimeoutMs = 60_000, failureThreshold = 3, cooldownMs = 30_000, cacheTtlMs = 3_600_000, cacheMaxEntries = 10_000 } = config;
    if (!(isPositiveInteger(attemptTimeoutMs) && attemptTimeoutMs <= MAX_TIMER_MS)) throw new RangeError(`attemptTimeoutMs must be an integer from 1 to ${MAX_TIMER_MS}`);
    if (!isPositiveInteger(failureThreshold) || !isPositiveInteger(cacheMaxEntries)) throw new RangeError('failureThreshold and cacheMaxEntries must be positive integers');
    // A NaN cooldown would make every call after a circuit opens a trial; a NaN TTL would make the cache never hit.
    if (!isNonNegative(cooldownMs) || !isNonNegative(cacheTtlMs)) throw new RangeError('cooldownMs and cacheTtlMs must be finite numbers >= 0');
    this.settings = { attemptTimeoutMs, failureThreshold, cooldownMs, cacheTtlMs, cacheMaxEntries };
    this.maxInputTokens =
      config.maxInputTokens ?? ((prompt, provider) => new TextEncoder().encode(prompt).length + (provider.templateOverheadTokens ?? DEFAULT_TEMPLATE_OVERHEAD_TOKENS));
  }

  /** Calls whose actual cost exceeded their reservation; anything above 0 means a bound is wrong. */
  get overruns(): number {
    return this.overrunCount;
  }

  /** Spend so far today, including reservations for calls still in flight or unsettled. */
  spentToday(tenant: string): number {
    return this.spend.get(tenant)?.get(this.today()) ?? 0;
  }

  async complete(req: GatewayRequest): Promise<GatewayResult> {
    // Own entries only: a plain lookup would find "constructor" on every object and pass it as a tenant.
    const policy = Object.hasOwn(this.config.tenants, req.tenant) ? this.config.tenants[req.tenant] : undefined;
    if (!policy) throw new GatewayError('unknown_tenant', `unknown tenant ${req.tenant}`);
    const route = Object.hasOwn(this.config.routes, req.task) ? this.config.routes[req.task] : undefined;
    if (!route) throw new GatewayError('unknown_task', `no route for task ${req.task}`);

    // The tenant is part of the key: one tenant must never see another tenant's cached answer.
    const cacheKey = JSON.stringify([req.tenant, req.task, req.maxOutputTokens, req.prompt]);
    const hit = route.cacheable ? this.cache.get(cacheKey) : undefined;
    // A hit costs nothing upstream, so it is served before the rate limit and the budget.
    if (hit) {
      // Expired or not, it leaves; a fresh one is re-inserted, which marks it most recently used (a Map iterates oldest
      // first). An expired one left behind would count as recently used and could evict a fresh answer.
      this.cache.delete(cacheKey);
      if (hit.expiresAt > this.now()) {
        this.cache.set(cacheKey, hit);
        return { ...hit.result, costUsd: 0, cached: true };
      }
    }

    // An undefined or NaN limit would make the reservation NaN, and every budget comparison with NaN passes.
    if (!isPositiveInteger(req.maxOutputTokens)) throw new GatewayError('bad_request', `maxOutputTokens must be a positive integer, got ${String(req.maxOutputTokens)}`);
    if (!this.takeToken(req.tenant, policy)) throw new GatewayError('rate_limited', `tenant ${req.tenant} is over ${policy.requestsPerSecond} requests/s`);

    const failures: string[] = [];
    let overBudget = 0;
    let tooLongFor = 0; // the largest context window the prompt did not fit
    let tooLong = 0; // providers that rejected the prompt's length, or whose window is no larger
    for (const name of route.providers) {
      const provider = this.config.providers.find((p) => p.name === name)!; // both checked in the constructor
      const price = this.config.pricing[name]!;
      if ((provider.contextTokens ?? Number.POSITIVE_INFINITY) <= tooLongFor) {
        tooLong += 1;
        failures.push(`${name}: context window not known to be larger than the one that refused the prompt`);
        continue;
      }
      const maxOutputTokens = Math.min(req.maxOutputTokens, provider.maxOutputTokens ?? Number.POSITIVE_INFINITY);
      // Reserve the worst case (the input bound, every allowed output token) before calling, so parallel calls cannot overshoot.
      const reserved = costUsd(price, this.maxInputTokens(req.prompt, provider), maxOutputTokens);
      if (!Number.isFinite(reserved) || reserved < 0) throw new RangeError(`reservation for ${name} is ${reserved} dollars; check its prices and maxInputTokens`);
      // Written so that a NaN on either side refuses the call rather than letting it through.
      if (!(this.spentToday(req.tenant) + reserved <= policy.dailyBudgetUsd)) {
        overBudget += 1;
        failures.push(`${name}: over budget`);
        continue; // a later, cheaper provider may still fit
      }
      if (!this.admit(name)) {
        failures.push(`${name}: circuit open`);
        continue;
      }
      // The call is booked on the day it was reserved, even if it settles after midnight UTC.
      const day = this.today();
      this.addSpend(req.tenant, day, reserved);
      let completion: Completion;
      try {
        completion = await this.callWithDeadline(provider, req.prompt, maxOutputTokens);
      } catch (error) {
        const failure = error instanceof ProviderError ? error : undefined; // anything else is a bug in the adapter
        // A 400 means the provider answered, so it is healthy; a 429, 5xx, timeout or adapter bug counts against it.
        this.recordOutcome(name, failure?.kind === 'bad_request' || failure?.kind === 'context_too_long');
        // A timeout or adapter bug may have been billed: the reservation stays booked, to be reconciled with the usage report.
        if (!failure || failure.kind === 'timeout')
          this.notify(() => this.config.onUnsettled?.({ tenant: req.tenant, provider: name, reservedUsd: reserved, error: String(error) }));
        else this.addSpend(req.tenant, day, -reserved); // rejected before any billable work
        // Not an outage: this caller gets the bug, not a silent fallback (the breaker still benches a provider whose answers keep breaking the adapter).
        if (!failure) throw error;
        if (failure.kind === 'bad_request') throw new GatewayError('bad_request', failure.message);
        if (failure.kind === 'context_too_long') {
          tooLong += 1;
          tooLongFor = provider.contextTokens ?? Number.POSITIVE_INFINITY;
        }
        failures.push(`${name}: ${failure.message}`);
        continue;
      }
      this.recordOutcome(name, true);
      // Invalid counts would make the cost NaN, and a NaN spend disables the budget: book the reservation and report it.
      const countsValid = isNonNegativeInteger(completion.inputTokens) && isNonNegativeInteger(completion.outputTokens);
      const actual = countsValid ? costUsd(price, completion.inputTokens, completion.outputTokens) : reserved;
      this.addSpend(req.tenant, day, actual - reserved); // settle: release the unused part of the reservation
      if (!countsValid || actual > reserved) {
        // The spend is booked as billed, but parallel calls may have overshot the budget: someone must look.
        this.overrunCount++;
        const reason = countsValid ? 'billed_above_reservation' : 'invalid_token_counts';
        this.notify(() => this.config.onOverrun?.({ tenant: req.tenant, provider: name, reservedUsd: reserved, actualUsd: actual, reason }));
      }
      const result: GatewayResult = { text: completion.text, provider: name, costUsd: actual, cached: false };
      // Only the preferred model's answer: a fallback's would be served for the whole TTL after the preferred one is back.
      if (route.cacheable && name === route.providers[0]) this.remember(cacheKey, result);
      return result;
    }
    // Budget, not an outage, when every model that might take the prompt is over it: a retry would not help.
    if (overBudget > 0 && overBudget + tooLong === route.providers.length) {
      const booked = this.spentToday(req.tenant).toFixed(4);
      throw new GatewayError('budget_exhausted', `tenant ${req.tenant} has booked $${booked} (spend plus in-flight reservations) of $${policy.dailyBudgetUsd}`);
    }
    if (tooLong === route.providers.length) throw new GatewayError('bad_request', `prompt too long for every model on route ${req.task}: ${failures.join('; ')}`);
    throw new GatewayError('all_providers_failed', failures.join('; '));
  }

  /** Calls the provider with a deadline; past it the call is aborted and reported as a timeout. */
  private async callWithDeadline(provider: Provider, prompt: string, maxOutputTokens: number): Promise<Completion> {
    const ms = this.settings.attemptTimeoutMs;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Rejected before the abort, so a call that rejects as soon as it is aborted cannot win the race.
        const error = new ProviderError('timeout', `no answer within ${ms} ms`);
        reject(error);
        controller.abort(error);
      }, ms);
    });
    try {
      return await Promise.race([provider.complete(prompt, maxOutputTokens, controller.signal), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A circuit breaker per provider, shared by all tenants: closed, open for the cooldown, then one trial call. */
  private admit(name: string): boolean {
    const circuit = this.circuits.get(name);
    if (!circuit || circuit.openUntil === 0) return true;
    const t = this.now();
    // A wall clock stepped back would stretch the cooldown by the step: it never ends more than one cooldown from now.
    circuit.openUntil = Math.min(circuit.openUntil, t + this.settings.cooldownMs);
    if (circuit.openUntil > t || circuit.trialInFlight) return false;
    circuit.trialInFlight = true;
    return true;
  }

  private recordOutcome(name: string, healthy: boolean): void {
    if (healthy) {
      this.circuits.delete(name);
      return;
    }
    const circuit = this.circuits.get(name) ?? { failures: 0, openUntil: 0, trialInFlight: false };
    circuit.failures += 1;
    // Opens after enough failures in a row; a failed trial finds the count already there, so it reopens at once.
    if (circuit.failures >= this.settings.failureThreshold) {
      circuit.openUntil = this.now() + this.settings.cooldownMs;
      circuit.trialInFlight = false;
    }
    this.circuits.set(name, circuit);
  }

  private remember(key: string, result: GatewayResult): void {
    this.cache.delete(key);
    this.cache.set(key, { result, expiresAt: this.now() + this.settings.cacheTtlMs });
    // Bounded, or every distinct prompt would stay in memory for good.
    if (this.cache.size > this.settings.cacheMaxEntries) this.cache.delete(this.cache.keys().next().value!);
  }

  /** Alerting runs after the books are settled; a hook that throws must not fail a call that was billed. */
  private notify(hook: () => void): void {
    try {
      hook();
    } catch {
      // `overruns` still counts the overrun, and an unsettled call stays booked.
    }
  }

  private takeToken(tenant: string, policy: TenantPolicy): boolean {
    const t = this.now();
    const bucket = this.buckets.get(tenant) ?? { tokens: policy.burst, at: t };
    // A wall clock stepped backwards adds nothing, rather than draining the bucket for the length of the step.
    bucket.tokens = Math.min(policy.burst, bucket.tokens + (Math.max(0, t - bucket.at) / 1000) * policy.requestsPerSecond);
    bucket.at = t;
    this.buckets.set(tenant, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** A NaN time would refill every bucket and end every cooldown. */
  private now(): number {
    const t = this.config.now();
    if (!Number.isFinite(t)) throw new RangeError(`clock returned ${t}`);
    return t;
  }

  /** Budgets reset at 00:00 UTC. */
  private today(): number {
    return Math.floor(this.now() / DAY_MS);
  }

  private addSpend(tenant: string, day: number, usd: number): void {
    const days = this.spend.get(tenant) ?? new Map<number, number>();
    days.set(day, (days.get(day) ?? 0) + usd);
    // Keep yesterday for calls still settling across midnight; older days are final.
    for (const d of days.keys()) if (d < this.today() - 1) days.delete(d);
    this.spend.set(tenant, days);
  }
}
