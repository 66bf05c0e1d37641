import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  costUsd,
  GatewayError,
  LlmGateway,
  ProviderError,
  type Completion,
  type GatewayConfig,
  type Overrun,
  type Provider,
  type TenantPolicy,
  type UnsettledCall,
} from './llmGateway';

type Step = 'ok' | 'down' | 'timeout' | 'too_long' | 'bad';

/** A provider that answers from a script: 'ok', or fails as a 503, a timeout, a prompt too long for its window or a malformed request. */
class ScriptedProvider implements Provider {
  calls = 0;
  constructor(
    readonly name: string,
    private readonly script: Step[] = [],
    readonly contextTokens?: number,
  ) {}
  async complete(prompt: string): Promise<Completion> {
    const step = this.script[this.calls++] ?? 'ok';
    if (step === 'down') throw new ProviderError('unavailable', `${this.name} returned 503`);
    if (step === 'timeout') throw new ProviderError('timeout', `${this.name}: stream cut after 30 s`);
    if (step === 'too_long') throw new ProviderError('context_too_long', `${this.name}: context length exceeded`);
    if (step === 'bad') throw new ProviderError('bad_request', 'malformed request');
    return { text: `${this.name}: ${prompt}`, inputTokens: 1000, outputTokens: 200 };
  }
}

// List prices in dollars per 1M tokens as OpenAI announced them: GPT-4o mini (July 2024) and gpt-4o-2024-08-06 (August 2024).
const PRICING = { small: { inputPerMillion: 0.15, outputPerMillion: 0.6 }, large: { inputPerMillion: 2.5, outputPerMillion: 10 } };

/**
 * A provider whose answers wait until the test releases them, billed at one token per UTF-8 byte of the prompt
 * (the most a byte-level tokenizer can emit), plus any template tokens, and every allowed output token.
 */
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
    return { text: 'ok', inputTokens: new TextEncoder().encode(prompt).length + this.billedTemplateTokens, outputTokens: maxOutputTokens };
  }
  releaseAll() {
    this.waiting.splice(0).forEach((resolve) => resolve());
  }
}

/** Fails its first call with a 503; later calls wait until the test releases them. */
class FlakyThenGatedProvider extends GatedProvider {
  override async complete(prompt: string, maxOutputTokens: number) {
    if (this.calls === 0) {
      this.calls++;
      throw new ProviderError('unavailable', `${this.name} returned 503`);
    }
    return super.complete(prompt, maxOutputTokens);
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
    startAt?: number;
    /** One failure opens a circuit unless a test says otherwise, which keeps the fallback tests short. */
    failureThreshold?: number;
  } & Pick<GatewayConfig, 'onOverrun' | 'onUnsettled' | 'attemptTimeoutMs' | 'cacheMaxEntries'> = {},
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
    failureThreshold: opts.failureThreshold ?? 1,
    cacheTtlMs: 60_000,
    ...(opts.onOverrun ? { onOverrun: opts.onOverrun } : {}),
    ...(opts.onUnsettled ? { onUnsettled: opts.onUnsettled } : {}),
    ...(opts.attemptTimeoutMs ? { attemptTimeoutMs: opts.attemptTimeoutMs } : {}),
    ...(opts.cacheMaxEntries ? { cacheMaxEntries: opts.cacheMaxEntries } : {}),
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

// Worst case on "large" with the fixed bound: 1,000 input + 500 output tokens = $0.0075. Bills: large $0.0045, small $0.00027.
const LARGE_RESERVATION = costUsd(PRICING.large, 1000, 500);
const SMALL_BILL = costUsd(PRICING.small, 1000, 200);

afterEach(() => {
  vi.useRealTimers();
});

describe('routing and fallback', () => {
  it('sends each task to the first provider of its route', async () => {
    const { gateway } = setup();
    expect((await gateway.complete(ask('classify'))).provider).toBe('small');
    expect((await gateway.complete(ask('reason'))).provider).toBe('large');
  });

  it('falls back to the next provider when the first is unavailable, books only the answer that was billed, then skips the failed one during its cooldown', async () => {
    const { gateway, large, small } = setup({ large: new ScriptedProvider('large', ['down']) });
    expect((await gateway.complete(ask('reason'))).provider).toBe('small');
    expect((await gateway.complete(ask('reason', 'again'))).provider).toBe('small');
    expect(large.calls).toBe(1); // not called while its circuit is open
    expect(small.calls).toBe(2);
    expect(gateway.spentToday('acme')).toBeCloseTo(2 * SMALL_BILL, 12); // the 503 was refunded
  });

  it('tries the failed provider again once the cooldown has passed', async () => {
    const { gateway, large, advance } = setup({ large: new ScriptedProvider('large', ['down']) });
    await gateway.complete(ask('reason'));
    advance(30_000);
    expect((await gateway.complete(ask('reason', 'later'))).provider).toBe('large');
    expect(large.calls).toBe(2);
  });

  it('keeps calling a provider until failureThreshold failures in a row open its circuit', async () => {
    const { gateway, large } = setup({ large: new ScriptedProvider('large', ['down', 'down', 'down']), failureThreshold: 3 });
    for (const prompt of ['a', 'b', 'c']) expect((await gateway.complete(ask('reason', prompt))).provider).toBe('small');
    expect(large.calls).toBe(3); // one 503 did not bench it
    await gateway.complete(ask('reason', 'd'));
    expect(large.calls).toBe(3); // the third did
  });

  it('lets one trial call through after the cooldown while the others fall back, and closes the circuit when it succeeds', async () => {
    const large = new FlakyThenGatedProvider('large');
    const { gateway, small, advance } = setup({ large });
    await gateway.complete(ask('reason'));
    advance(30_000);
    const burst = Array.from({ length: 20 }, (_, i) => gateway.complete(ask('reason', `q${i}`)));
    large.releaseAll();
    const served = (await Promise.all(burst)).map((r) => r.provider);
    expect(served.filter((p) => p === 'large')).toHaveLength(1);
    expect(small.calls).toBe(19 + 1);
    const after = gateway.complete(ask('reason', 'after'));
    large.releaseAll();
    expect((await after).provider).toBe('large');
  });

  it('does not fall back on a malformed request, because every provider would reject it, and refunds its reservation', async () => {
    const { gateway, small } = setup({ large: new ScriptedProvider('large', ['bad']) });
    expect(await errorCode(gateway.complete(ask('reason')))).toBe('bad_request');
    expect(small.calls).toBe(0);
    expect(gateway.spentToday('acme')).toBe(0);
  });

  it('sends a prompt too long for one model to a model with a larger context window, without cooling the first down', async () => {
    const small = new ScriptedProvider('small', ['too_long'], 8_000);
    const large = new ScriptedProvider('large', [], 128_000);
    const { gateway } = setup({ small, large });
    expect((await gateway.complete(ask('classify', 'a long document'))).provider).toBe('large');
    expect((await gateway.complete(ask('classify', 'short'))).provider).toBe('small');
    expect(small.calls).toBe(2);
  });

  it('returns a bad request when no later model on the route has a larger context window', async () => {
    const large = new ScriptedProvider('large', ['too_long'], 128_000);
    const small = new ScriptedProvider('small', [], 8_000);
    const { gateway } = setup({ small, large });
    expect(await errorCode(gateway.complete(ask('reason', 'a very long document')))).toBe('bad_request');
    expect(small.calls).toBe(0);
    expect(gateway.spentToday('acme')).toBe(0);
  });

  it('says a model with an undeclared context window is not known to be larger, rather than too small', async () => {
    const { gateway, large } = setup({ small: new ScriptedProvider('small', ['too_long']) });
    await expect(gateway.complete(ask('classify', 'a long document'))).rejects.toThrow('large: context window not known to be larger than the one that refused the prompt');
    expect(large.calls).toBe(0);
  });

  it('reports budget_exhausted, not a provider failure, when the only model with a larger window is over budget', async () => {
    // Small's worst case, (1,000 × $0.15 + 500 × $0.60) / 1M = $0.00045, fits $0.001; large's $0.0075 does not.
    const small = new ScriptedProvider('small', ['too_long'], 8_000);
    const large = new ScriptedProvider('large', [], 128_000);
    const { gateway } = setup({ small, large, budget: 0.001 });
    expect(await errorCode(gateway.complete(ask('classify', 'a long document')))).toBe('budget_exhausted');
    expect(large.calls).toBe(0);
    expect(gateway.spentToday('acme')).toBe(0);
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

  it('reports every provider when all of them fail, and books nothing for calls that were not billed', async () => {
    const { gateway } = setup({ small: new ScriptedProvider('small', ['down']), large: new ScriptedProvider('large', ['down']) });
    await expect(gateway.complete(ask('classify'))).rejects.toThrow('small: small returned 503; large: large returned 503');
    expect(gateway.spentToday('acme')).toBe(0);
  });

  it('passes an adapter bug to the caller instead of falling back, and keeps its reservation booked', async () => {
    const seen: UnsettledCall[] = [];
    const large: CountingProvider = {
      name: 'large',
      calls: 0,
      complete: async () => {
        throw new TypeError('adapter bug: response.usage is undefined');
      },
    };
    const { gateway, small } = setup({ large, onUnsettled: (u) => seen.push(u) });
    await expect(gateway.complete(ask('reason'))).rejects.toThrow(new TypeError('adapter bug: response.usage is undefined'));
    expect(small.calls).toBe(0);
    expect(gateway.spentToday('acme')).toBeCloseTo(LARGE_RESERVATION, 12);
    expect(seen).toMatchObject([{ tenant: 'acme', provider: 'large', reservedUsd: LARGE_RESERVATION }]);
    // It still counts against the provider: one whose answers keep breaking the adapter is benched like an outage.
    expect((await gateway.complete(ask('reason', 'next'))).provider).toBe('small');
  });

  it('counts a timeout against the provider, so with a threshold of one the next request skips it', async () => {
    const { gateway, large } = setup({ large: new ScriptedProvider('large', ['timeout']) });
    expect((await gateway.complete(ask('reason'))).provider).toBe('small');
    expect((await gateway.complete(ask('reason', 'next'))).provider).toBe('small');
    expect(large.calls).toBe(1);
  });

  it('keeps a circuit open for at most one more cooldown when the wall clock steps back an hour', async () => {
    const { gateway, advance } = setup({ large: new ScriptedProvider('large', ['down']), startAt: 7_200_000 });
    expect(await errorCode(gateway.complete(ask('premium', 'a')))).toBe('all_providers_failed'); // open for 30 s
    advance(-3_600_000); // an NTP correction
    advance(31_000);
    expect(await errorCode(gateway.complete(ask('premium', 'b')))).toBe('all_providers_failed'); // one cooldown from now, not from an hour ahead
    advance(30_000);
    expect((await gateway.complete(ask('premium', 'c'))).provider).toBe('large');
  });
});

describe('deadlines and calls that may have been billed', () => {
  it('aborts a provider that does not answer within attemptTimeoutMs, falls back, and keeps the aborted call booked', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const large: CountingProvider = {
      name: 'large',
      calls: 0,
      complete: (_prompt, _max, s) => {
        signal = s;
        return new Promise<Completion>(() => {}); // never answers
      },
    };
    const seen: UnsettledCall[] = [];
    const { gateway } = setup({ large, attemptTimeoutMs: 10_000, onUnsettled: (u) => seen.push(u) });
    const call = gateway.complete(ask('reason'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await call).provider).toBe('small');
    expect(signal?.aborted).toBe(true);
    expect(gateway.spentToday('acme')).toBeCloseTo(LARGE_RESERVATION + SMALL_BILL, 12);
    expect(seen).toMatchObject([{ tenant: 'acme', provider: 'large', reservedUsd: LARGE_RESERVATION }]);
  });

  it('treats a provider that rejects as soon as it is aborted as timed out, so the request still falls back', async () => {
    vi.useFakeTimers();
    const large: CountingProvider = {
      name: 'large',
      calls: 0,
      complete: (_prompt, _max, signal) => new Promise<Completion>((_, reject) => signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    };
    const seen: UnsettledCall[] = [];
    const { gateway } = setup({ large, attemptTimeoutMs: 10_000, onUnsettled: (u) => seen.push(u) });
    const call = gateway.complete(ask('reason'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await call).provider).toBe('small');
    expect(seen).toMatchObject([{ provider: 'large', reservedUsd: LARGE_RESERVATION, error: 'Error: no answer within 10000 ms' }]);
  });

  it('keeps the reservation of a call that timed out after the provider may have billed it, so repeated timeouts still exhaust the budget', async () => {
    const large = new ScriptedProvider('large', ['timeout', 'timeout', 'timeout', 'timeout']);
    const { gateway, advance } = setup({ large, budget: 0.02 });
    const codes: string[] = [];
    for (const prompt of ['a', 'b', 'c', 'd']) {
      codes.push(await errorCode(gateway.complete(ask('premium', prompt))));
      advance(31_000); // past the cooldown
    }
    // Two reservations of $0.0075 stay booked ($0.015); a third would reach $0.0225, over $0.02.
    expect(codes).toEqual(['all_providers_failed', 'all_providers_failed', 'budget_exhausted', 'budget_exhausted']);
    expect(gateway.spentToday('acme')).toBeCloseTo(0.015, 12);
    expect(large.calls).toBe(2);
  });
});

describe('budgets', () => {
  it('settles the actual cost after reserving the worst case', async () => {
    const { gateway } = setup();
    await gateway.complete(ask('premium'));
    expect(costUsd(PRICING.large, 1000, 200)).toBeCloseTo(0.0045, 10);
    expect(gateway.spentToday('acme')).toBeCloseTo(0.0045, 10);
  });

  it('refuses a call whose worst case no longer fits the daily budget, and says what is booked', async () => {
    // Worst case on "large": 1,000 input + 500 output tokens = $0.0075; actual = $0.0045; $0.0045 + $0.0075 > $0.01.
    const { gateway, large } = setup({ budget: 0.01 });
    await gateway.complete(ask('premium'));
    await expect(gateway.complete(ask('premium', 'second'))).rejects.toThrow('tenant acme has booked $0.0045 (spend plus in-flight reservations) of $0.01');
    expect(large.calls).toBe(1);
  });

  it('degrades to a cheaper provider on the route when the preferred one no longer fits', async () => {
    const { gateway } = setup({ budget: 0.01 });
    await gateway.complete(ask('reason'));
    const second = await gateway.complete(ask('reason', 'second'));
    expect(second.provider).toBe('small');
    expect(gateway.spentToday('acme')).toBeCloseTo(0.0045 + 0.00027, 10);
  });

  it('reserves by UTF-8 bytes, so parallel calls cannot overshoot even when the prompt has more tokens than characters', async () => {
    // 400 Japanese characters are 1,200 bytes, and the provider bills a token per byte.
    // Worst case on "large": (1,200 + 100 template tokens) × $2.50 + 500 × $10, per 1M = $0.00825; billed $0.008.
    // Counting characters would reserve $0.00625 each, admit both ($0.0125 <= $0.013) and bill $0.016.
    const large = new GatedProvider('large');
    const { gateway } = setup({ large, budget: 0.013, maxInputTokens: undefined });
    const prompt = 'あ'.repeat(400);
    const first = gateway.complete({ ...ask('premium'), prompt });
    const second = gateway.complete({ ...ask('premium'), prompt: prompt + '?' });
    large.releaseAll();
    expect(await errorCode(second)).toBe('budget_exhausted');
    expect((await first).costUsd).toBeCloseTo(0.008, 10);
    expect(large.calls).toBe(1);
    expect(gateway.spentToday('acme')).toBeLessThanOrEqual(0.013);
    expect(gateway.overruns).toBe(0);
  });

  it('adds the chat-template tokens a provider bills on top of the prompt to the default bound, so parallel calls still cannot overshoot', async () => {
    // ASCII prompts of 1,000 bytes; the provider bills 12 template tokens on top. A budget of $0.0751 fits ten byte-only
    // reservations (10 × $0.0075 = $0.075), which would bill 10 × $0.00753 = $0.0753 and overshoot; with the 12 template
    // tokens each reservation is $0.00753, so nine fit ($0.06777).
    const large = new GatedProvider('large', 12, 12);
    const { gateway } = setup({ large, budget: 0.0751, maxInputTokens: undefined });
    const calls = Array.from({ length: 10 }, (_, i) => gateway.complete({ ...ask('premium'), prompt: `${i}`.padEnd(1000, '.') }).catch(() => 'refused'));
    large.releaseAll();
    await Promise.all(calls);
    expect(large.calls).toBe(9);
    expect(gateway.spentToday('acme')).toBeLessThanOrEqual(0.0751);
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

  it('books and returns a billed answer even when the overrun hook throws, without falling back or cooling the provider down', async () => {
    // The provider bills 2,000 input tokens against a bound of 1,000: (2,000 × $2.50 + 500 × $10) / 1M = $0.01.
    const large = {
      name: 'large',
      calls: 0,
      async complete(): Promise<Completion> {
        this.calls++;
        return { text: 'long', inputTokens: 2000, outputTokens: 500 };
      },
    };
    const onOverrun = () => {
      throw new Error('alert sink down');
    };
    const { gateway, small } = setup({ large, onOverrun });
    expect((await gateway.complete(ask('reason'))).provider).toBe('large');
    expect(gateway.spentToday('acme')).toBeCloseTo(0.01, 12);
    expect(gateway.overruns).toBe(1);
    expect((await gateway.complete(ask('reason', 'next'))).provider).toBe('large');
    expect(small.calls).toBe(0);
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
    // Booked as reserved, not NaN: a NaN spend would pass every later budget check.
    expect(gateway.spentToday('acme')).toBeCloseTo(LARGE_RESERVATION, 12);
    expect(gateway.overruns).toBe(1);
    expect(seen).toEqual([{ tenant: 'acme', provider: 'large', reservedUsd: LARGE_RESERVATION, actualUsd: LARGE_RESERVATION, reason: 'invalid_token_counts' }]);
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

  it("keeps only today's and yesterday's ledger entries, so memory does not grow with the days", async () => {
    const { gateway, advance } = setup();
    for (const day of [0, 1, 2, 3]) {
      await gateway.complete(ask('premium', `day ${day}`));
      advance(86_400_000);
    }
    const ledger = (gateway as unknown as { spend: Map<string, Map<number, number>> }).spend.get('acme');
    expect([...ledger!.keys()]).toEqual([2, 3]);
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

  it('drops an expired entry when it is asked for, even if the call that would refresh it fails', async () => {
    const { gateway, advance } = setup({ small: new ScriptedProvider('small', ['ok', 'ok', 'bad']), cacheMaxEntries: 2 });
    await gateway.complete(ask('classify', 'a')); // t = 0, expires at 60 s
    advance(40_000);
    await gateway.complete(ask('classify', 'b')); // expires at 100 s
    advance(10_000);
    expect((await gateway.complete(ask('classify', 'a'))).cached).toBe(true); // "a" is now the most recently used
    advance(11_000); // t = 61 s: "a" has expired, "b" has not
    expect(await errorCode(gateway.complete(ask('classify', 'a')))).toBe('bad_request');
    // Had the expired "a" stayed, it would count as the most recently used and "c" would evict the fresh "b".
    await gateway.complete(ask('classify', 'c'));
    expect((await gateway.complete(ask('classify', 'b'))).cached).toBe(true);
  });

  it('does not cache a fallback answer, so the preferred model answers again once it is back', async () => {
    const { gateway, small, advance } = setup({ small: new ScriptedProvider('small', ['down']) });
    expect((await gateway.complete(ask('classify'))).provider).toBe('large');
    advance(30_000); // past the cooldown, inside the cache TTL
    expect(await gateway.complete(ask('classify'))).toMatchObject({ provider: 'small', cached: false });
    expect(small.calls).toBe(2);
  });

  it('keeps at most cacheMaxEntries answers, evicting the least recently used', async () => {
    const { gateway, small } = setup({ cacheMaxEntries: 2 });
    await gateway.complete(ask('classify', 'a'));
    await gateway.complete(ask('classify', 'b'));
    expect((await gateway.complete(ask('classify', 'a'))).cached).toBe(true); // "a" is now the most recently used
    await gateway.complete(ask('classify', 'c')); // evicts "b"
    expect((await gateway.complete(ask('classify', 'a'))).cached).toBe(true);
    expect((await gateway.complete(ask('classify', 'b'))).cached).toBe(false);
    expect(small.calls).toBe(4);
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

  it('does not lock a tenant out when the wall clock steps back an hour', async () => {
    const { gateway, advance } = setup({ rps: 1, burst: 2, startAt: 7_200_000 });
    await gateway.complete(ask('reason', 'a'));
    advance(-3_600_000); // an NTP correction
    expect((await gateway.complete(ask('reason', 'b'))).provider).toBe('large');
  });
});

describe('configuration', () => {
  const build = (changes: Partial<GatewayConfig>) => () =>
    new LlmGateway({
      providers: [new ScriptedProvider('small'), new ScriptedProvider('large')],
      pricing: PRICING,
      routes: { classify: { providers: ['small'], cacheable: false } },
      tenants: { acme: { requestsPerSecond: 1, burst: 1, dailyBudgetUsd: 1 } },
      now: () => 0,
      ...changes,
    });

  it('refuses to start with a tenant policy whose rate, burst or daily budget is missing, NaN or out of range', () => {
    const policy = (p: unknown) => build({ tenants: { acme: p as TenantPolicy } });
    // A policy row read from a config file with only the rate set would otherwise admit every request and spend without limit.
    expect(policy({ requestsPerSecond: 1 })).toThrow(/acme: burst must be a finite number >= 1, got undefined/);
    expect(policy({ requestsPerSecond: 1, burst: 2 })).toThrow(/acme: dailyBudgetUsd must be a finite number >= 0, got undefined/);
    expect(policy({ requestsPerSecond: Number.NaN, burst: 2, dailyBudgetUsd: 1 })).toThrow(/acme: requestsPerSecond must be a finite number > 0, got NaN/);
    expect(policy({ requestsPerSecond: 0, burst: 2, dailyBudgetUsd: 1 })).toThrow(RangeError);
    expect(policy({ requestsPerSecond: 1, burst: 0.5, dailyBudgetUsd: 1 })).toThrow(RangeError);
    expect(policy({ requestsPerSecond: 1, burst: 2, dailyBudgetUsd: -1 })).toThrow(RangeError);
    expect(policy({ requestsPerSecond: 1, burst: 1, dailyBudgetUsd: 0 })).not.toThrow();
  });

  it('refuses to start with an empty route, a route naming an unconfigured provider, or a provider without valid prices', () => {
    // Otherwise an empty route reports "budget exhausted", and a typo in a fallback surfaces only during an outage.
    expect(build({ routes: { x: { providers: [], cacheable: false } } })).toThrow(/route x names no provider/);
    expect(build({ routes: { x: { providers: ['large', 'medium'], cacheable: false } } })).toThrow(/route x names unconfigured provider medium/);
    expect(build({ pricing: { ...PRICING, large: { inputPerMillion: Number.NaN, outputPerMillion: 10 } } })).toThrow(/large: prices must be finite numbers >= 0/);
    expect(build({})).not.toThrow();
  });

  it('refuses to start with a timer, threshold, cooldown, cache setting or provider limit that is NaN, negative or fractional', () => {
    expect(build({ attemptTimeoutMs: 0 })).toThrow(/attemptTimeoutMs must be an integer from 1/);
    expect(build({ failureThreshold: 1.5 })).toThrow(RangeError);
    expect(build({ cacheMaxEntries: 0 })).toThrow(RangeError);
    // A NaN cooldown would make every call after the circuit opens a trial; a NaN TTL would make the cache never hit.
    expect(build({ cooldownMs: Number.NaN })).toThrow(/cooldownMs and cacheTtlMs must be finite numbers >= 0/);
    expect(build({ cooldownMs: -1 })).toThrow(RangeError);
    expect(build({ cacheTtlMs: Number.NaN })).toThrow(RangeError);
    expect(build({ cooldownMs: 0, cacheTtlMs: 0 })).not.toThrow();
    const withProvider = (p: Provider) => build({ providers: [p, new ScriptedProvider('large')] });
    expect(withProvider(new ScriptedProvider('small', [], 0))).toThrow(/small: maxOutputTokens and contextTokens must be positive integers/);
    expect(withProvider(new GatedProvider('small', 0, -1))).toThrow(RangeError);
    expect(withProvider(new GatedProvider('small', 0, 0, 1.5))).toThrow(RangeError);
  });

  it('refuses to run on a clock that returns NaN, which would refill every bucket and end every cooldown', async () => {
    const gateway = build({ now: () => Number.NaN })();
    await expect(gateway.complete({ tenant: 'acme', task: 'classify', prompt: 'q', maxOutputTokens: 10 })).rejects.toThrow(/clock returned NaN/);
  });
});
