import { describe, expect, it } from 'vitest';
import { costUsd, GatewayError, LlmGateway, ProviderError, type Completion, type GatewayConfig, type Overrun, type Provider, type TenantPolicy } from './llmGateway';

/** A provider that answers from a script: 'ok', a retryable failure or a bad-request failure. */
class ScriptedProvider implements Provider {
  calls = 0;
  constructor(
    readonly name: string,
    private readonly script: Array<'ok' | 'down' | 'bad'> = [],
  ) {}
  async complete(prompt: string): Promise<{ text: string; inputTokens: number; outputTokens: number }> {
    const step = this.script[this.calls++] ?? 'ok';
    if (step === 'down') throw new ProviderError(`${this.name} returned 503`, true);
    if (step === 'bad') throw new ProviderError('context length exceeded', false);
    return { text: `${this.name}: ${prompt}`, inputTokens: 1000, outputTokens: 200 };
  }
}

// Illustrative prices in dollars per 1M tokens, not any vendor's list price.
const PRICING = { small: { inputPerMillion: 0.15, outputPerMillion: 0.6 }, large: { inputPerMillion: 2.5, outputPerMillion: 10 } };

/** A provider whose answers wait until the test releases them, billed at one token per character of the prompt and every allowed output token. */
class GatedProvider implements Provider {
  calls = 0;
  readonly maxOutputTokensSeen: number[] = [];
  private readonly waiting: (() => void)[] = [];
  constructor(
    readonly name: string,
    /** Chat-template tokens this provider bills on top of the prompt. */
    private readonly billedTemplateTokens = 0,
    readonly templateOverheadTokens?: number,
    readonly maxOutputTokens?: number,
  ) {}
  async complete(prompt: string, maxOutputTokens: number) {
    this.calls++;
    this.maxOutputTokensSeen.push(maxOutputTokens);
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    return { text: 'ok', inputTokens: [...prompt].length + this.billedTemplateTokens, outputTokens: maxOutputTokens };
  }
  releaseAll() {
    this.waiting.splice(0).forEach((resolve) => resolve());
  }
}

type CountingProvider = Provider & { readonly calls: number };

function setup(
  opts: {
    small?: CountingProvider;
    large?: CountingProvider;
    budget?: number;
    rps?: number;
    burst?: number;
    maxInputTokens?: GatewayConfig['maxInputTokens'];
    onOverrun?: GatewayConfig['onOverrun'];
    startAt?: number;
  } = {},
) {
  let now = opts.startAt ?? 0;
  const small = opts.small ?? new ScriptedProvider('small');
  const large = opts.large ?? new ScriptedProvider('large');
  const config: GatewayConfig = {
    providers: [small, large],
    pricing: PRICING,
    routes: {
      classify: { providers: ['small', 'large'], cacheable: true },
      reason: { providers: ['large', 'small'], cacheable: false },
      premium: { providers: ['large'], cacheable: false },
    },
    tenants: {
      acme: { requestsPerSecond: opts.rps ?? 100, burst: opts.burst ?? 100, dailyBudgetUsd: opts.budget ?? 100 },
      globex: { requestsPerSecond: 100, burst: 100, dailyBudgetUsd: 100 },
    },
    now: () => now,
    // A fixed bound unless the test passes its own, or undefined for the gateway's default.
    maxInputTokens: 'maxInputTokens' in opts ? opts.maxInputTokens : () => 1000,
    cooldownMs: 30_000,
    cacheTtlMs: 60_000,
    ...(opts.onOverrun ? { onOverrun: opts.onOverrun } : {}),
  };
  return { gateway: new LlmGateway(config), small, large, advance: (ms: number) => (now += ms) };
}

const ask = (task: string, prompt = 'hello', tenant = 'acme') => ({ tenant, task, prompt, maxOutputTokens: 500 });

async function errorCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof GatewayError ? error.code : 'no GatewayError';
}

describe('routing and fallback', () => {
  it('sends each task to the first provider of its route', async () => {
    const { gateway } = setup();
    expect((await gateway.complete(ask('classify'))).provider).toBe('small');
    expect((await gateway.complete(ask('reason'))).provider).toBe('large');
  });

  it('falls back to the next provider when the first fails, then skips the failed one during its cooldown', async () => {
    const { gateway, large, small } = setup({ large: new ScriptedProvider('large', ['down']) });
    expect((await gateway.complete(ask('reason'))).provider).toBe('small');
    expect((await gateway.complete(ask('reason', 'again'))).provider).toBe('small');
    expect(large.calls).toBe(1); // not called while cooling down
    expect(small.calls).toBe(2);
  });

  it('tries the failed provider again once the cooldown has passed', async () => {
    const { gateway, large, advance } = setup({ large: new ScriptedProvider('large', ['down']) });
    await gateway.complete(ask('reason'));
    advance(30_000);
    expect((await gateway.complete(ask('reason', 'later'))).provider).toBe('large');
    expect(large.calls).toBe(2);
  });

  it('does not fall back on a bad request, because every provider would reject it', async () => {
    const { gateway, small } = setup({ large: new ScriptedProvider('large', ['bad']) });
    expect(await errorCode(gateway.complete(ask('reason')))).toBe('bad_request');
    expect(small.calls).toBe(0);
  });

  it('rejects unknown tenants and tasks before calling anyone', async () => {
    const { gateway, small, large } = setup();
    expect(await errorCode(gateway.complete(ask('classify', 'q', 'initech')))).toBe('unknown_tenant');
    expect(await errorCode(gateway.complete(ask('translate')))).toBe('unknown_task');
    expect(small.calls + large.calls).toBe(0);
  });

  it('treats a tenant or task named after a property every object inherits as unknown', async () => {
    const { gateway, small, large } = setup();
    for (const name of ['constructor', 'toString', '__proto__']) {
      expect(await errorCode(gateway.complete(ask('classify', 'q', name)))).toBe('unknown_tenant');
      expect(await errorCode(gateway.complete(ask(name)))).toBe('unknown_task');
    }
    expect(small.calls + large.calls).toBe(0);
  });

  it('reports every provider when all of them fail', async () => {
    const { gateway } = setup({ small: new ScriptedProvider('small', ['down']), large: new ScriptedProvider('large', ['down']) });
    await expect(gateway.complete(ask('classify'))).rejects.toThrow('small: small returned 503; large: large returned 503');
  });
});

describe('budgets', () => {
  it('settles the actual cost after reserving the worst case', async () => {
    const { gateway } = setup();
    await gateway.complete(ask('premium'));
    expect(costUsd(PRICING.large, 1000, 200)).toBeCloseTo(0.0045, 10);
    expect(gateway.spentToday('acme')).toBeCloseTo(0.0045, 10);
  });

  it('refuses a call whose worst case no longer fits the daily budget', async () => {
    // Worst case on "large": 1,000 input + 500 output tokens = $0.0075; actual = $0.0045.
    const { gateway, large } = setup({ budget: 0.01 });
    await gateway.complete(ask('premium'));
    expect(await errorCode(gateway.complete(ask('premium', 'second')))).toBe('budget_exhausted');
    expect(large.calls).toBe(1);
  });

  it('degrades to a cheaper provider on the route when the preferred one no longer fits', async () => {
    const { gateway } = setup({ budget: 0.01 });
    await gateway.complete(ask('reason'));
    const second = await gateway.complete(ask('reason', 'second'));
    expect(second.provider).toBe('small');
    expect(gateway.spentToday('acme')).toBeCloseTo(0.0045 + 0.00027, 10);
  });

  it('reserves an upper bound, so parallel calls cannot overshoot even when the prompt has more tokens than characters / 4', async () => {
    // 400 Japanese characters: a characters / 4 estimate says 100 tokens, the provider bills 400.
    // Worst case on "large": 1,200 bytes + 100 template tokens ($0.00325) + 500 output tokens ($0.005) = $0.00825; billed $0.006.
    const large = new GatedProvider('large');
    const { gateway } = setup({ large, budget: 0.011, maxInputTokens: undefined });
    const prompt = 'あ'.repeat(400);
    const first = gateway.complete({ ...ask('premium'), prompt });
    const second = gateway.complete({ ...ask('premium'), prompt: prompt + '?' });
    expect(await errorCode(second)).toBe('budget_exhausted');
    large.releaseAll();
    expect((await first).costUsd).toBeCloseTo(0.006, 10);
    expect(large.calls).toBe(1);
    expect(gateway.spentToday('acme')).toBeLessThanOrEqual(0.011);
  });

  it('adds the chat-template tokens a provider bills on top of the prompt to the default bound, so parallel calls still cannot overshoot', async () => {
    // An ASCII prompt of 1,000 bytes; the provider bills 12 template tokens on top. The budget is exactly ten
    // reservations of the bytes alone: 10 × (1,000 × $2.50 + 500 × $10) / 1M = $0.075.
    const large = new GatedProvider('large', 12, 12);
    const { gateway } = setup({ large, budget: 0.075, maxInputTokens: undefined });
    const calls = Array.from({ length: 10 }, (_, i) => gateway.complete({ ...ask('premium'), prompt: `${i}`.padEnd(1000, '.') }).catch(() => 'refused'));
    large.releaseAll();
    await Promise.all(calls);
    // Each reservation is 1,012 input tokens, $0.00753, so nine fit; bytes alone would have let ten through, billed $0.0753.
    expect(large.calls).toBe(9);
    expect(gateway.spentToday('acme')).toBeLessThanOrEqual(0.075);
    expect(gateway.overruns).toBe(0);
  });

  it('counts and reports a call billed above its reservation', async () => {
    const seen: Overrun[] = [];
    // A custom bound that forgets the template: the provider bills 1,012 input tokens against a bound of 1,000.
    const large = new GatedProvider('large', 12);
    const { gateway } = setup({ large, maxInputTokens: (prompt) => prompt.length, onOverrun: (o) => seen.push(o) });
    const call = gateway.complete({ ...ask('premium'), prompt: 'x'.repeat(1000) });
    large.releaseAll();
    await call;
    expect(gateway.overruns).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ tenant: 'acme', provider: 'large', reason: 'billed_above_reservation' });
    expect(seen[0]!.reservedUsd).toBeCloseTo(costUsd(PRICING.large, 1000, 500), 12);
    expect(seen[0]!.actualUsd).toBeCloseTo(costUsd(PRICING.large, 1012, 500), 12);
  });

  it.each([
    { inputTokens: undefined, outputTokens: 200 },
    { inputTokens: 1000, outputTokens: Number.NaN },
    { inputTokens: -1, outputTokens: 200 },
    { inputTokens: 1000, outputTokens: 2.5 },
  ])('books the whole reservation and reports it when a completion has token counts %o', async (counts) => {
    const seen: Overrun[] = [];
    const large: CountingProvider = { name: 'large', calls: 0, complete: async () => ({ text: 'ok', ...counts }) as Completion };
    const { gateway } = setup({ large, onOverrun: (o) => seen.push(o) });
    await gateway.complete(ask('premium'));
    const reserved = costUsd(PRICING.large, 1000, 500);
    // Booked as reserved, not NaN: a NaN spend would pass every later budget check.
    expect(gateway.spentToday('acme')).toBeCloseTo(reserved, 12);
    expect(gateway.overruns).toBe(1);
    expect(seen).toEqual([{ tenant: 'acme', provider: 'large', reservedUsd: reserved, actualUsd: reserved, reason: 'invalid_token_counts' }]);
  });

  it.each([undefined, Number.NaN, 0, -500, 1.5, Number.POSITIVE_INFINITY])(
    'rejects maxOutputTokens of %s as a bad request, before calling or booking anything',
    async (maxOutputTokens) => {
      const { gateway, large } = setup({ budget: 0.001 });
      const req = { ...ask('premium'), maxOutputTokens: maxOutputTokens as number };
      expect(await errorCode(gateway.complete(req))).toBe('bad_request');
      expect(large.calls).toBe(0);
      expect(gateway.spentToday('acme')).toBe(0);
    },
  );

  it("caps the output limit, and its reservation, at the model's maximum", async () => {
    // Capped at 1,000 output tokens the worst case is (1,000 × $2.50 + 1,000 × $10) / 1M = $0.0125.
    const large = new GatedProvider('large', 0, 0, 1_000);
    const { gateway } = setup({ large, budget: 0.013 });
    const call = gateway.complete({ ...ask('premium'), maxOutputTokens: 1_000_000 });
    large.releaseAll();
    await call;
    expect(large.maxOutputTokensSeen).toEqual([1_000]);
  });

  it.each([Number.NaN, -1_000_000])('refuses to reserve when the input bound is %s, instead of turning the budget off', async (bound) => {
    const { gateway, large } = setup({ budget: 0.001, maxInputTokens: () => bound });
    await expect(gateway.complete(ask('premium'))).rejects.toThrow(/reservation for large is (NaN|-[0-9.e-]+) dollars/);
    expect(large.calls).toBe(0);
  });

  it('books a call that settles after midnight UTC on the day it was reserved, not as a refund on the new day', async () => {
    const large = new GatedProvider('large');
    const { gateway, advance } = setup({ large, budget: 0.01, startAt: 86_400_000 - 1_000 }); // 23:59:59 UTC
    const call = gateway.complete(ask('premium'));
    advance(2_000); // 00:00:01 UTC the next day
    large.releaseAll();
    await call;
    expect(gateway.spentToday('acme')).toBe(0);
  });

  it('starts a fresh budget at 00:00 UTC', async () => {
    const { gateway, advance } = setup({ budget: 0.01 });
    await gateway.complete(ask('premium'));
    advance(86_400_000);
    expect(gateway.spentToday('acme')).toBe(0);
    expect((await gateway.complete(ask('premium', 'next day'))).provider).toBe('large');
  });
});

describe('response cache', () => {
  it('serves a repeated cacheable request from cache at no cost', async () => {
    const { gateway, small } = setup();
    const first = await gateway.complete(ask('classify'));
    const second = await gateway.complete(ask('classify'));
    expect(second).toEqual({ ...first, costUsd: 0, cached: true });
    expect(small.calls).toBe(1);
  });

  it('never shares cached answers between tenants, and never caches non-deterministic tasks', async () => {
    const { gateway, small, large } = setup();
    await gateway.complete(ask('classify', 'q', 'acme'));
    expect((await gateway.complete(ask('classify', 'q', 'globex'))).cached).toBe(false);
    expect(small.calls).toBe(2);
    await gateway.complete(ask('reason'));
    await gateway.complete(ask('reason'));
    expect(large.calls).toBe(2);
  });

  it('expires entries after the TTL', async () => {
    const { gateway, small, advance } = setup();
    await gateway.complete(ask('classify'));
    advance(60_000);
    expect((await gateway.complete(ask('classify'))).cached).toBe(false);
    expect(small.calls).toBe(2);
  });
});

describe('per-tenant rate limit (token bucket)', () => {
  it('allows a burst of 2, rejects the third, and refills at 1 request per second', async () => {
    const { gateway, advance } = setup({ rps: 1, burst: 2 });
    await gateway.complete(ask('reason', 'a'));
    await gateway.complete(ask('reason', 'b'));
    expect(await errorCode(gateway.complete(ask('reason', 'c')))).toBe('rate_limited');
    advance(1000);
    expect((await gateway.complete(ask('reason', 'd'))).cached).toBe(false);
  });

  it('limits tenants separately and lets cache hits through', async () => {
    const { gateway } = setup({ rps: 1, burst: 1 });
    await gateway.complete(ask('classify', 'q'));
    expect((await gateway.complete(ask('classify', 'q'))).cached).toBe(true);
    expect(await errorCode(gateway.complete(ask('classify', 'new')))).toBe('rate_limited');
    expect((await gateway.complete(ask('classify', 'new', 'globex'))).provider).toBe('small');
  });
});

describe('tenant policies', () => {
  const build = (policy: unknown) => () =>
    new LlmGateway({
      providers: [new ScriptedProvider('small')],
      pricing: PRICING,
      routes: { classify: { providers: ['small'], cacheable: false } },
      tenants: { acme: policy as TenantPolicy },
      now: () => 0,
    });

  it('refuses to start with a tenant policy whose rate, burst or daily budget is missing, NaN or out of range', () => {
    // A policy row read from a config file with only the rate set would otherwise admit every request and spend without limit.
    expect(build({ requestsPerSecond: 1 })).toThrow(/acme: burst must be a finite number >= 1, got undefined/);
    expect(build({ requestsPerSecond: 1, burst: 2 })).toThrow(/acme: dailyBudgetUsd must be a finite number >= 0, got undefined/);
    expect(build({ requestsPerSecond: Number.NaN, burst: 2, dailyBudgetUsd: 1 })).toThrow(/acme: requestsPerSecond must be a finite number > 0, got NaN/);
    expect(build({ requestsPerSecond: 0, burst: 2, dailyBudgetUsd: 1 })).toThrow(RangeError);
    expect(build({ requestsPerSecond: 1, burst: 0.5, dailyBudgetUsd: 1 })).toThrow(RangeError);
    expect(build({ requestsPerSecond: 1, burst: 2, dailyBudgetUsd: -1 })).toThrow(RangeError);
    expect(build({ requestsPerSecond: 1, burst: 1, dailyBudgetUsd: 0 })).not.toThrow();
  });
});
