import { describe, expect, it, vi } from 'vitest';
import { runAgent, type AgentConfig, type Decision, type Model, type ModelTurn } from './agentLoop';

const never = () => new Promise<void>(() => undefined);
const search = (q: string): Decision => ({ kind: 'tool', tool: 'search', args: { q } });
const finish = (answer: string): Decision => ({ kind: 'finish', answer });

/** A model that plays back a script, then repeats its last decision; every call is 1,000 tokens in and 200 out. */
function scripted(decisions: Decision[]): Model {
  let i = 0;
  return async () => ({ decision: decisions[Math.min(i++, decisions.length - 1)]!, inputTokens: 1_000, outputTokens: 200 });
}

function config(overrides: Partial<AgentConfig> = {}): AgentConfig {
  return {
    model: scripted([search('a'), search('b'), finish('42')]),
    tools: { search: async (args) => `results for ${String(args.q)}`, send_email: async () => 'sent' },
    allow: (tool) => tool === 'search',
    maxSteps: 10,
    maxWallMs: 60_000,
    maxCostUsd: 1,
    toolDeadlineMs: 500,
    maxRepeats: 3,
    pricePerMillion: { input: 3, output: 15 },
    clock: () => 0,
    sleep: never,
    ...overrides,
  };
}

describe('runAgent', () => {
  it('observes, decides and acts until the model finishes, and reports what it cost', async () => {
    const outcome = await runAgent(config());
    expect(outcome.status).toBe('done');
    expect(outcome.status === 'done' && outcome.answer).toBe('42');
    expect(outcome.steps.map((s) => s.observation)).toEqual(['results for a', 'results for b']);
    // 3 calls × (1,000 × $3 + 200 × $15) per million = 3 × $0.006
    expect(outcome.usage.modelCalls).toBe(3);
    expect(outcome.usage.costUsd).toBeCloseTo(0.018, 10);
  });

  it('stops at the step budget and returns the steps taken so far', async () => {
    const model: Model = async (history) => ({ decision: search(`page ${history.length}`), inputTokens: 1, outputTokens: 1 });
    const outcome = await runAgent(config({ model, maxSteps: 3 }));
    expect(outcome).toMatchObject({ status: 'budget-exhausted', budget: 'steps' });
    expect(outcome.steps.map((s) => s.args.q)).toEqual(['page 0', 'page 1', 'page 2']);
  });

  it('stops at the wall-time budget, read from the injected clock', async () => {
    let now = 0;
    const slowSearch = async () => {
      now += 4_000;
      return 'ok';
    };
    const model: Model = async (history) => ({ decision: search(`q${history.length}`), inputTokens: 1, outputTokens: 1 });
    const outcome = await runAgent(config({ model, tools: { search: slowSearch }, clock: () => now, maxWallMs: 10_000 }));
    expect(outcome).toMatchObject({ status: 'budget-exhausted', budget: 'wall-time', usage: { elapsedMs: 12_000 } });
    expect(outcome.steps).toHaveLength(3);
  });

  it('stops at the cost budget, overshooting it by less than one model call', async () => {
    const model: Model = async (history) => ({ decision: search(`q${history.length}`), inputTokens: 1_000, outputTokens: 200 });
    const outcome = await runAgent(config({ model, maxCostUsd: 0.015 }));
    expect(outcome).toMatchObject({ status: 'budget-exhausted', budget: 'cost', usage: { modelCalls: 3 } });
    expect(outcome.usage.costUsd - 0.015).toBeLessThan(0.006);
  });

  it('pays for the growing history: 20 turns of the demo cost $0.78 and 100 turns $15.90', async () => {
    // Each turn re-sends the history: 2,000 + 1,000 × (steps so far) tokens in, 300 out.
    const model: Model = async (history) => ({ decision: search(`q${history.length}`), inputTokens: 2_000 + 1_000 * history.length, outputTokens: 300 });
    const cost = async (turns: number) => (await runAgent(config({ model, maxSteps: turns, maxCostUsd: 1_000 }))).usage.costUsd;
    expect(await cost(20)).toBeCloseTo(0.78, 10);
    expect(await cost(100)).toBeCloseTo(15.9, 10);
  });

  it('stops at the wall-time budget when a model call hangs, waiting only for the time left', async () => {
    let now = 0;
    const waits: number[] = [];
    const sleep = (ms: number) => (waits.push(ms), ms >= 10_000 ? new Promise<void>(() => undefined) : Promise.resolve()); // only the model's timer fires
    const calls = scripted([search('a')]);
    const model: Model = async (history, signal) => (history.length === 0 ? ((now += 3_000), calls(history, signal)) : new Promise<ModelTurn>(() => undefined));
    const outcome = await runAgent(config({ model, sleep, clock: () => now, maxWallMs: 10_000, toolDeadlineMs: 10_000 }));
    expect(outcome).toMatchObject({ status: 'budget-exhausted', budget: 'wall-time', usage: { modelCalls: 1 } });
    expect(outcome.steps).toHaveLength(1);
    expect(waits).toEqual([10_000, 7_000, 7_000]); // first model call, the tool (its 10 s deadline cut to the 7 s left), then the model call
  }, 2_000);

  it('refuses a tool the policy does not allow, before calling it', async () => {
    const sendEmail = vi.fn(async () => 'sent');
    const model = scripted([search('invoice'), { kind: 'tool', tool: 'send_email', args: { to: 'x@example.com' } }]);
    const outcome = await runAgent(config({ model, tools: { search: async () => 'found', send_email: sendEmail } }));
    expect(outcome).toMatchObject({ status: 'refused-tool', tool: 'send_email' });
    expect(outcome.steps).toHaveLength(1);
    expect(sendEmail).not.toHaveBeenCalled();
  });

  it('refuses a tool that does not exist', async () => {
    const outcome = await runAgent(config({ model: scripted([{ kind: 'tool', tool: 'rm_rf', args: {} }]) }));
    expect(outcome).toMatchObject({ status: 'refused-tool', tool: 'rm_rf' });
  });

  it('detects the same call repeated, whatever the order of its argument keys', async () => {
    const same = (i: number): Decision => ({ kind: 'tool', tool: 'search', args: i % 2 ? { q: 'x', page: { n: 1, size: 10 } } : { page: { size: 10, n: 1 }, q: 'x' } });
    const model: Model = async (history) => ({ decision: same(history.length), inputTokens: 1, outputTokens: 1 });
    const outcome = await runAgent(config({ model }));
    expect(outcome).toMatchObject({ status: 'loop-detected', tool: 'search' });
    expect(outcome.steps).toHaveLength(2);
  });

  it('does not count calls with different arguments as a loop', async () => {
    const model = scripted([search('a'), search('a'), search('b'), search('a'), search('a'), finish('ok')]);
    expect((await runAgent(config({ model }))).status).toBe('done');
  });

  it('turns a tool that misses its deadline or throws into an observation, and carries on', async () => {
    const tools = {
      search: () => new Promise<string>(() => undefined), // never answers
      fetch: async () => {
        throw new Error('HTTP 503');
      },
    };
    const model = scripted([search('a'), { kind: 'tool', tool: 'fetch', args: {} }, finish('partial answer')]);
    const outcome = await runAgent(config({ model, tools, allow: () => true, sleep: async () => undefined }));
    expect(outcome.status).toBe('done');
    expect(outcome.steps.map((s) => s.observation)).toEqual(['error: no answer within 500 ms', 'error: HTTP 503']);
  });

  it('runs two agents at once without sharing budgets or steps', async () => {
    const [a, b] = await Promise.all([runAgent(config()), runAgent(config({ model: scripted([search('z'), finish('other')]) }))]);
    expect([a.status, a.steps.length, a.usage.modelCalls]).toEqual(['done', 2, 3]);
    expect([b.status, b.steps.length, b.usage.modelCalls]).toEqual(['done', 1, 2]);
  });

  it('stops with an error outcome when a model turn has no usable token counts, rather than run with a blind cost budget', async () => {
    // e.g. an adapter that reads a usage field the provider did not send: undefined × price is NaN, and NaN >= budget is false
    const model: Model = async () => ({ decision: search('a'), inputTokens: Number.NaN, outputTokens: 10 });
    const outcome = await runAgent(config({ model }));
    expect(outcome).toMatchObject({ status: 'error', steps: [] });
    expect(outcome.status === 'error' && outcome.error).toMatch(/inputTokens must be a non-negative number/);
    const negative: Model = async () => ({ decision: search('a'), inputTokens: 10, outputTokens: -5 });
    const second = await runAgent(config({ model: negative }));
    expect(second.status === 'error' && second.error).toMatch(/outputTokens/);
  });

  it('returns the steps taken so far with an error outcome when a model call fails', async () => {
    const model: Model = async (history) => {
      if (history.length === 0) return { decision: search('invoice'), inputTokens: 1_000, outputTokens: 200 };
      throw new Error('HTTP 529: overloaded');
    };
    const outcome = await runAgent(config({ model }));
    expect(outcome).toMatchObject({ status: 'error', error: 'HTTP 529: overloaded', usage: { modelCalls: 1 } });
    expect(outcome.steps.map((s) => s.observation)).toEqual(['results for invoice']);
  });

  it('fails closed when the permission policy throws: the tool is not called and the run ends with an error outcome', async () => {
    const searchTool = vi.fn(async () => 'found');
    const allow = () => {
      throw new Error('policy service unreachable');
    };
    const outcome = await runAgent(config({ tools: { search: searchTool }, allow }));
    expect(outcome).toMatchObject({ status: 'error', error: 'policy service unreachable', steps: [] });
    expect(searchTool).not.toHaveBeenCalled();
  });

  it('refuses a tool name that is only a property every object inherits, such as constructor or toString', async () => {
    for (const name of ['constructor', 'toString', '__proto__']) {
      const outcome = await runAgent(config({ model: scripted([{ kind: 'tool', tool: name, args: {} }]), allow: () => true }));
      expect(outcome).toMatchObject({ status: 'refused-tool', tool: name, steps: [] });
    }
  });

  it('cuts a slow tool off at the wall time left, not only at its own deadline', async () => {
    let now = 0;
    const waits: number[] = [];
    // A timer fires only for waits under 20 s, and moves the clock on by the time waited.
    const sleep = (ms: number) => (waits.push(ms), ms >= 20_000 ? new Promise<void>(() => undefined) : Promise.resolve().then(() => void (now += ms)));
    const model: Model = async (history) => ((now += 3_000), { decision: search(`q${history.length}`), inputTokens: 1, outputTokens: 1 });
    const hangs = () => new Promise<string>(() => undefined);
    const outcome = await runAgent(config({ model, tools: { search: hangs }, sleep, clock: () => now, maxWallMs: 20_000, toolDeadlineMs: 60_000 }));
    expect(outcome).toMatchObject({ status: 'budget-exhausted', budget: 'wall-time', usage: { elapsedMs: 20_000 } });
    expect(waits).toEqual([20_000, 17_000]); // the model call, then the tool: 17 s left, not its 60 s deadline
    expect(outcome.steps.map((s) => s.observation)).toEqual(['error: no answer within 17000 ms']);
  }, 2_000);

  it('does not start a tool when the model call used up the wall time', async () => {
    let now = 0;
    const searchTool = vi.fn(async () => 'found');
    const model: Model = async () => ((now += 10_000), { decision: search('a'), inputTokens: 1, outputTokens: 1 });
    const outcome = await runAgent(config({ model, tools: { search: searchTool }, clock: () => now, maxWallMs: 10_000 }));
    expect(outcome).toMatchObject({ status: 'budget-exhausted', budget: 'wall-time', steps: [], usage: { elapsedMs: 10_000 } });
    expect(searchTool).not.toHaveBeenCalled();
  });

  it('aborts the signal of a tool call that missed its deadline, so a tool that listens can stop its work', async () => {
    const signals: AbortSignal[] = [];
    const hangs = (_args: Record<string, unknown>, signal: AbortSignal) => (signals.push(signal), new Promise<string>(() => undefined));
    const outcome = await runAgent(config({ model: scripted([search('a'), finish('ok')]), tools: { search: hangs }, sleep: async () => undefined }));
    expect(outcome.status).toBe('done');
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
  });

  it('turns a tool result that is not text into an error observation', async () => {
    const search = async () => ({ hits: 3 }) as unknown as string; // a JavaScript tool that ignores its declared type
    const outcome = await runAgent(config({ tools: { search } }));
    expect(outcome.steps.map((s) => s.observation)).toEqual(['error: search returned object, not text', 'error: search returned object, not text']);
  });

  it('does not count calls whose Date arguments differ as a loop', async () => {
    const since = (ms: number): Decision => ({ kind: 'tool', tool: 'search', args: { since: new Date(ms) } });
    const outcome = await runAgent(config({ model: scripted([since(0), since(86_400_000), since(172_800_000), finish('ok')]) }));
    expect(outcome.status).toBe('done');
  });

  it('reports the time up to the end of the run for every outcome, including the last model call', async () => {
    let now = 0;
    const slowModel = (decisions: Decision[]): Model => {
      const next = scripted(decisions);
      return async (history, signal) => ((now += 1_000), next(history, signal));
    };
    const clock = () => now;
    const refused = await runAgent(config({ model: slowModel([search('a'), { kind: 'tool', tool: 'send_email', args: {} }]), clock }));
    expect(refused).toMatchObject({ status: 'refused-tool', usage: { elapsedMs: 2_000 } });
    now = 0;
    const looped = await runAgent(config({ model: slowModel([search('a')]), clock }));
    expect(looped).toMatchObject({ status: 'loop-detected', usage: { elapsedMs: 3_000 } });
  });

  it('rejects a budget that is not positive, naming it', async () => {
    await expect(runAgent(config({ maxSteps: 0 }))).rejects.toThrow(/maxSteps must be a positive integer/);
    await expect(runAgent(config({ maxCostUsd: -1 }))).rejects.toThrow(RangeError);
    await expect(runAgent(config({ maxWallMs: Number.NaN }))).rejects.toThrow(/maxWallMs/);
    await expect(runAgent(config({ maxRepeats: 1 }))).rejects.toThrow(/maxRepeats/);
  });

  it('rejects a wall-time budget a timer cannot wait for: not finite, or over 2^31 - 1 ms, which Node cuts to 1 ms', async () => {
    await expect(runAgent(config({ maxWallMs: Number.POSITIVE_INFINITY }))).rejects.toThrow(/maxWallMs/);
    await expect(runAgent(config({ maxWallMs: 30 * 86_400_000 }))).rejects.toThrow(/maxWallMs must be at most 2147483647/);
    expect((await runAgent(config({ maxWallMs: 2_147_483_647 }))).status).toBe('done');
  });

  it('ends with an error outcome, not a crash, when the model returns a decision of the wrong shape', async () => {
    const malformed: unknown[] = [
      null,
      { kind: 'final', answer: '42' }, // an unknown kind
      { kind: 'finish' }, // no answer
      { kind: 'tool', tool: 42, args: {} },
      { kind: 'tool', tool: 'search', args: null },
      { kind: 'tool', tool: 'search', args: ['q'] },
    ];
    for (const decision of malformed) {
      const searchTool = vi.fn(async () => 'found');
      const model: Model = async () => ({ decision: decision as Decision, inputTokens: 1, outputTokens: 1 });
      const outcome = await runAgent(config({ model, tools: { search: searchTool }, allow: () => true }));
      expect(outcome).toMatchObject({ status: 'error', steps: [], usage: { modelCalls: 1 } });
      expect(outcome.status === 'error' && outcome.error).toMatch(/decision/);
      expect(outcome.usage.costUsd).toBeCloseTo(18e-6, 12); // the call was still paid for: 1 × $3 + 1 × $15 per million
      expect(searchTool).not.toHaveBeenCalled();
    }
  });

  it('ends with an error outcome when the arguments cannot be compared, such as a circular object, without calling the tool', async () => {
    const args: Record<string, unknown> = { q: 'x' };
    args.self = args;
    const searchTool = vi.fn(async () => 'found');
    const outcome = await runAgent(config({ model: scripted([{ kind: 'tool', tool: 'search', args }]), tools: { search: searchTool } }));
    expect(outcome).toMatchObject({ status: 'error', steps: [] });
    expect(searchTool).not.toHaveBeenCalled();
  });

  it('cancels the timer of every call that answered in time, so a real timer does not keep the process alive', async () => {
    const timers: AbortSignal[] = [];
    const sleep = (_ms: number, signal: AbortSignal) => (timers.push(signal), never());
    const outcome = await runAgent(config({ sleep }));
    expect(outcome.status).toBe('done');
    expect(timers).toHaveLength(5); // three model calls and two tool calls
    expect(timers.map((t) => t?.aborted)).toEqual([true, true, true, true, true]);
  });

  it('ends a run whose timer throws at once as an error, and still handles a call that fails after it', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const late: ((e: Error) => void)[] = [];
      const failsLater = <T>() => new Promise<T>((_, reject) => void late.push(reject));
      const broken = (ms: number) => {
        if (ms === 500) throw new Error('no timer for the tool'); // the tool's deadline
        return never();
      };
      const outcome = await runAgent(config({ model: scripted([search('a'), finish('ok')]), tools: { search: failsLater }, sleep: broken }));
      expect(outcome).toMatchObject({ status: 'done', steps: [{ observation: 'error: no timer for the tool' }] });
      const noTimer = () => {
        throw new Error('no timer at all');
      };
      expect(await runAgent(config({ model: failsLater, sleep: noTimer }))).toMatchObject({ status: 'error', error: 'no timer at all' });
      expect(late).toHaveLength(2); // the tool call and the model call both started before their timer failed
      for (const reject of late) reject(new Error('failed after the run ended'));
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('rejects a step budget that is not a whole number', async () => {
    await expect(runAgent(config({ maxSteps: 2.5 }))).rejects.toThrow(/maxSteps must be a positive integer/);
  });

  it('rejects a price that would leave the cost budget blind, naming it', async () => {
    await expect(runAgent(config({ pricePerMillion: { input: Number.NaN, output: 15 } }))).rejects.toThrow(/pricePerMillion.input must be a non-negative number/);
    await expect(runAgent(config({ pricePerMillion: { input: 3, output: -15 } }))).rejects.toThrow(/pricePerMillion.output/);
    await expect(runAgent(config({ pricePerMillion: { input: Number.POSITIVE_INFINITY, output: 15 } }))).rejects.toThrow(RangeError);
  });
});
