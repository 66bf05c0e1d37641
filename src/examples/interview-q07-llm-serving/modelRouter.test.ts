import { describe, expect, it } from 'vitest';
import { CostLedger, dailyTokenCost, routeRequest, serve, type Completion, type ModelCall, type RoutingPolicy } from './modelRouter';

const policy: RoutingPolicy = {
  small: { name: 'distilled-1.5b', pricePer1kOutputTokens: 0.0001, maxPromptTokens: 4_096 },
  large: { name: 'instruct-7b', pricePer1kOutputTokens: 0.001, maxPromptTokens: 32_768 },
};

const answer = (confidence: number, outputTokens = 200): Completion => ({ text: 'ok', outputTokens, confidence });

/** A fake model that counts its calls and returns a fixed completion. */
function fakeModel(completion: Completion | Error): ModelCall & { calls: number } {
  const state = { calls: 0 };
  const call: ModelCall = async () => {
    state.calls++;
    if (completion instanceof Error) throw completion;
    return completion;
  };
  // defineProperty keeps the getter live (Object.assign would copy today's value once).
  return Object.defineProperty(call, 'calls', { get: () => state.calls }) as ModelCall & { calls: number };
}

describe('routeRequest', () => {
  it('sends a short summarisation to the small model and reasoning to the large one', () => {
    expect(routeRequest({ task: 'summarization', promptTokens: 800 }, policy)).toBe('small');
    expect(routeRequest({ task: 'reasoning', promptTokens: 800 }, policy)).toBe('large');
  });

  it('sends a simple task whose prompt does not fit the small model to the large one', () => {
    expect(routeRequest({ task: 'classification', promptTokens: 10_000 }, policy)).toBe('large');
  });

  it('rejects prompts no model can take and nonsense token counts', () => {
    expect(() => routeRequest({ task: 'code', promptTokens: 50_000 }, policy)).toThrow(/exceeds/);
    expect(() => routeRequest({ task: 'code', promptTokens: -1 }, policy)).toThrow(RangeError);
  });
});

describe('serve (cascade) and cost accounting', () => {
  it('serves a confident small-model answer and charges only the small model', async () => {
    const small = fakeModel(answer(0.9));
    const large = fakeModel(answer(0.99));
    const ledger = new CostLedger();
    const result = await serve({ task: 'extraction', promptTokens: 300 }, policy, { small, large }, ledger);
    expect(result).toMatchObject({ servedBy: 'distilled-1.5b', escalated: false });
    expect(small.calls).toBe(1);
    expect(large.calls).toBe(0);
    expect(ledger.dollars()).toBeCloseTo(0.00002, 10); // 200 tokens x $0.0001 per 1K
  });

  it('escalates an unsure answer and pays for both models', async () => {
    const ledger = new CostLedger();
    const result = await serve({ task: 'summarization', promptTokens: 300 }, policy, { small: fakeModel(answer(0.4)), large: fakeModel(answer(0.95)) }, ledger);
    expect(result.escalated).toBe(true);
    expect(ledger.calls('distilled-1.5b')).toBe(1);
    expect(ledger.calls('instruct-7b')).toBe(1);
    expect(ledger.dollars()).toBeCloseTo(0.00002 + 0.0002, 10);
  });

  it('falls back to the large model when the small one throws', async () => {
    const ledger = new CostLedger();
    const result = await serve({ task: 'classification', promptTokens: 50 }, policy, { small: fakeModel(new Error('OOM')), large: fakeModel(answer(0.9)) }, ledger);
    expect(result.servedBy).toBe('instruct-7b');
    expect(ledger.calls('distilled-1.5b')).toBe(0);
  });

  it('lets a large-model failure surface: there is nothing bigger to fall back to', async () => {
    await expect(serve({ task: 'reasoning', promptTokens: 50 }, policy, { small: fakeModel(answer(1)), large: fakeModel(new Error('timeout')) }, new CostLedger())).rejects.toThrow(
      'timeout',
    );
  });
});

describe('dailyTokenCost', () => {
  const day = { requestsPerDay: 1_000_000, outputTokensPerRequest: 200, policy };

  it('prices 1M requests x 200 tokens with 70% routed small at $14 + $60 = $74 a day when nothing escalates', () => {
    const cost = dailyTokenCost({ ...day, smallShare: 0.7 });
    expect(cost.small).toBeCloseTo(14, 6);
    expect(cost.large).toBeCloseTo(60, 6);
    expect(cost.escalated).toBe(0);
    expect(cost.total).toBeCloseTo(74, 6);
  });

  it('charges escalations again at the large price: 1 in 10 of the 140M small tokens is 14M x $0.001 per 1K = $14, so $88 a day', () => {
    const cost = dailyTokenCost({ ...day, smallShare: 0.7, escalationRate: 0.1 });
    expect(cost.small).toBeCloseTo(14, 6);
    expect(cost.large).toBeCloseTo(60, 6);
    expect(cost.escalated).toBeCloseTo(14, 6);
    expect(cost.total).toBeCloseTo(88, 6);
  });

  it('shows why the routing share matters: everything on the large model costs $200 a day', () => {
    expect(dailyTokenCost({ ...day, smallShare: 0 }).total).toBeCloseTo(200, 6);
  });

  it('shows why the escalation rate matters: if every small answer escalates, the cascade costs $214, more than all-large', () => {
    expect(dailyTokenCost({ ...day, smallShare: 0.7, escalationRate: 1 }).total).toBeCloseTo(214, 6);
  });

  it.each([
    ['requestsPerDay', { requestsPerDay: -1 }],
    ['requestsPerDay', { requestsPerDay: Number.NaN }],
    ['requestsPerDay', { requestsPerDay: Number.POSITIVE_INFINITY }],
    ['outputTokensPerRequest', { outputTokensPerRequest: Number.NaN }],
    ['outputTokensPerRequest', { outputTokensPerRequest: -200 }],
    ['smallShare', { smallShare: Number.NaN }],
    ['smallShare', { smallShare: 1.5 }],
    ['smallShare', { smallShare: -0.1 }],
    ['escalationRate', { escalationRate: Number.NaN }],
    ['escalationRate', { escalationRate: 1.2 }],
    ['escalationRate', { escalationRate: -0.1 }],
  ])('rejects an invalid %s (%o) with a RangeError that names it', (name, override) => {
    expect(() => dailyTokenCost({ ...day, smallShare: 0.7, ...override })).toThrow(new RegExp(`^${name} `));
    expect(() => dailyTokenCost({ ...day, smallShare: 0.7, ...override })).toThrow(RangeError);
  });
});
