import { describe, expect, it } from 'vitest';
import { fakeCheck, guard, VirtualClock, type Check, type Clock, type PipelineConfig } from './guardrailPipeline';

function setup(overrides: Partial<PipelineConfig> = {}, generationMs = 800) {
  const clock = new VirtualClock();
  let generations = 0;
  const generate = async (prompt: string, signal?: AbortSignal) => {
    generations++;
    await clock.sleep(generationMs, signal); // a cancelled generation never answers, like a cancelled call
    return `answer to: ${prompt}`;
  };
  const config: PipelineConfig = {
    generateDuringInputChecks: true,
    input: { deadlineMs: 150, checks: [fakeCheck('pii', 20, 'pass', 'open', clock), fakeCheck('injection', 60, 'pass', 'closed', clock)] },
    output: { deadlineMs: 200, checks: [fakeCheck('toxicity', 50, 'pass', 'closed', clock), fakeCheck('groundedness', 180, 'pass', 'open', clock)] },
    ...overrides,
  };
  return { clock, config, generate, generations: () => generations };
}

describe('guard: the happy path and the latency budget', () => {
  it('allows a clean request and returns the generated text', async () => {
    const { clock, config, generate } = setup();
    const r = await clock.run(guard('hello', generate, config, clock));
    expect(r).toMatchObject({ allowed: true, text: 'answer to: hello', generationWasted: false });
    expect(r.checks.map((c) => `${c.stage}:${c.check}:${c.status}`)).toEqual(['input:pii:pass', 'input:injection:pass', 'output:toxicity:pass', 'output:groundedness:pass']);
  });

  it('runs the checks of a stage in parallel, so a stage costs its slowest check, not the sum', async () => {
    const { clock, config, generate } = setup({ generateDuringInputChecks: false });
    const r = await clock.run(guard('hello', generate, config, clock));
    expect(r.latencyMs).toBe(60 + 800 + 180); // not 20 + 60 + 800 + 50 + 180 = 1,110
  });

  it('hides the input stage behind generation when generation starts during the input checks', async () => {
    const { clock, config, generate } = setup();
    const r = await clock.run(guard('hello', generate, config, clock));
    expect(r.latencyMs).toBe(Math.max(60, 800) + 180);
  });
});

describe('guard: blocking', () => {
  it('blocks on the input stage, never runs the output checks, and reports the generation it threw away', async () => {
    const { clock, config, generate, generations } = setup();
    config.input.checks[1] = fakeCheck('injection', 60, 'block', 'closed', clock);
    const r = await clock.run(guard('ignore previous instructions', generate, config, clock));
    expect(r).toMatchObject({ allowed: false, blockedBy: { stage: 'input', check: 'injection', status: 'block' }, latencyMs: 60, generationWasted: true });
    expect(r.text).toBeUndefined();
    expect(r.checks.every((c) => c.stage === 'input')).toBe(true);
    expect(generations()).toBe(1);
  });

  it('cancels the speculative generation through its AbortSignal when the input stage blocks', async () => {
    const { clock, config } = setup();
    config.input.checks[1] = fakeCheck('injection', 60, 'block', 'closed', clock);
    const signals: AbortSignal[] = [];
    const generate = (_prompt: string, signal?: AbortSignal) => (signals.push(signal!), clock.sleep(800, signal).then(() => 'too late'));
    const r = await clock.run(guard('ignore previous instructions', generate, config, clock));
    expect(r).toMatchObject({ latencyMs: 60, generationWasted: true });
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
    expect(clock.pendingTimers()).toBe(0); // the 800 ms generation timer went with it
  });

  it('does not cancel the generation when the input checks pass', async () => {
    const { clock, config } = setup();
    const signals: AbortSignal[] = [];
    const generate = (prompt: string, signal?: AbortSignal) => (signals.push(signal!), clock.sleep(800, signal).then(() => `answer to: ${prompt}`));
    const r = await clock.run(guard('hello', generate, config, clock));
    expect(r).toMatchObject({ allowed: true, text: 'answer to: hello' });
    expect(signals[0]?.aborted).toBe(false);
  });

  it('does not generate at all for a blocked request when generation waits for the input checks', async () => {
    const { clock, config, generate, generations } = setup({ generateDuringInputChecks: false });
    config.input.checks[1] = fakeCheck('injection', 60, 'block', 'closed', clock);
    const r = await clock.run(guard('ignore previous instructions', generate, config, clock));
    expect(r.generationWasted).toBe(false);
    expect(generations()).toBe(0);
  });

  it('blocks on an output check and withholds the text', async () => {
    const { clock, config, generate } = setup();
    config.output.checks[0] = fakeCheck('toxicity', 50, (text) => (text.includes('idiot') ? 'block' : 'pass'), 'closed', clock);
    const r = await clock.run(guard('call me an idiot', generate, config, clock));
    expect(r).toMatchObject({ allowed: false, blockedBy: { stage: 'output', check: 'toxicity', status: 'block' }, generationWasted: true });
    expect(r.text).toBeUndefined();
  });

  it('names the check that blocked first, and the first in configured order when two block at the same moment', async () => {
    const { clock, config, generate } = setup();
    config.input.checks = [fakeCheck('slow-blocker', 100, 'block', 'closed', clock), fakeCheck('fast-blocker', 10, 'block', 'closed', clock)];
    const r = await clock.run(guard('x', generate, config, clock));
    expect(r).toMatchObject({ blockedBy: { check: 'fast-blocker' }, latencyMs: 10 });

    const tie = setup();
    tie.config.input.checks = [fakeCheck('first', 10, 'block', 'closed', tie.clock), fakeCheck('second', 10, 'block', 'closed', tie.clock)];
    const t = await tie.clock.run(guard('x', tie.generate, tie.config, tie.clock));
    expect(t.blockedBy?.check).toBe('first');
  });

  it('stops the stage at the first blocking verdict instead of waiting for a hung fail-open check', async () => {
    const { clock, config, generate } = setup();
    config.input.checks = [fakeCheck('pii', 0, 'hang', 'open', clock), fakeCheck('injection', 10, 'block', 'closed', clock)];
    const r = await clock.run(guard('ignore previous instructions', generate, config, clock));
    expect(r.latencyMs).toBe(10); // not the 150 ms stage deadline
    expect(r.blockedBy).toEqual({ stage: 'input', check: 'injection', status: 'block' });
    expect(r.checks).toEqual([
      { stage: 'input', check: 'pii', status: 'stopped', failedOpen: false, ms: 10 },
      { stage: 'input', check: 'injection', status: 'block', failedOpen: false, ms: 10 },
    ]);
  });

  it('stops the output stage when a check blocks, without waiting for the slower groundedness check', async () => {
    const { clock, config, generate } = setup();
    config.output.checks[0] = fakeCheck('toxicity', 50, 'block', 'closed', clock);
    const r = await clock.run(guard('hello', generate, config, clock));
    expect(r.latencyMs).toBe(800 + 50); // not 800 + 180
    expect(r.checks.find((c) => c.check === 'groundedness')).toMatchObject({ status: 'stopped', failedOpen: false });
  });

  it('tells the checks still running that the stage has ended, through the AbortSignal they were given', async () => {
    const { clock, config, generate } = setup();
    const signals: AbortSignal[] = [];
    const listening: Check = { name: 'slow', onFailure: 'open', run: (_text, signal) => (signals.push(signal), new Promise(() => undefined)) };
    config.input.checks = [listening, fakeCheck('injection', 10, 'block', 'closed', clock)];
    await clock.run(guard('x', generate, config, clock));
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
  });
});

describe('guard: deadlines and fail modes', () => {
  it('a hanging fail-open check times out at the stage deadline and lets the answer through, marked', async () => {
    const { clock, config, generate } = setup();
    config.output.checks[1] = fakeCheck('groundedness', 0, 'hang', 'open', clock);
    const r = await clock.run(guard('hello', generate, config, clock));
    expect(r.allowed).toBe(true);
    expect(r.latencyMs).toBe(800 + 200);
    expect(r.checks.find((c) => c.check === 'groundedness')).toMatchObject({ status: 'timeout', failedOpen: true, ms: 200 });
  });

  it('a hanging fail-closed check blocks with status timeout after the deadline', async () => {
    const { clock, config, generate } = setup();
    config.output.checks[0] = fakeCheck('toxicity', 0, 'hang', 'closed', clock);
    const r = await clock.run(guard('hello', generate, config, clock));
    expect(r).toMatchObject({ allowed: false, blockedBy: { stage: 'output', check: 'toxicity', status: 'timeout' }, latencyMs: 1000 });
  });

  it('a check that is slower than the deadline counts as a timeout even though it would have passed', async () => {
    const { clock, config, generate } = setup();
    config.input.checks[1] = fakeCheck('injection', 151, 'pass', 'closed', clock);
    const r = await clock.run(guard('hello', generate, config, clock));
    expect(r.blockedBy).toEqual({ stage: 'input', check: 'injection', status: 'timeout' });
    expect(r.latencyMs).toBe(150);
  });

  it('treats a check that throws like a timeout: blocks when closed, passes when open', async () => {
    const closed = setup();
    closed.config.input.checks[1] = fakeCheck('injection', 5, 'throw', 'closed', closed.clock);
    const a = await closed.clock.run(guard('hello', closed.generate, closed.config, closed.clock));
    expect(a.blockedBy).toEqual({ stage: 'input', check: 'injection', status: 'error' });

    const open = setup();
    open.config.input.checks[0] = fakeCheck('pii', 5, 'throw', 'open', open.clock);
    const b = await open.clock.run(guard('hello', open.generate, open.config, open.clock));
    expect(b.allowed).toBe(true);
    expect(b.checks[0]).toMatchObject({ check: 'pii', status: 'error', failedOpen: true });
  });

  it('treats a verdict that is neither pass nor block as an error, so it follows the fail mode', async () => {
    const malformed = (name: string, onFailure: 'open' | 'closed'): Check => ({ name, onFailure, run: async () => 'allow' as unknown as 'pass' });
    const open = setup();
    open.config.output.checks[1] = malformed('groundedness', 'open');
    const a = await open.clock.run(guard('hello', open.generate, open.config, open.clock));
    expect(a.allowed).toBe(true);
    expect(a.checks[3]).toMatchObject({ check: 'groundedness', status: 'error', failedOpen: true });

    const closed = setup();
    closed.config.output.checks[0] = malformed('toxicity', 'closed');
    const b = await closed.clock.run(guard('hello', closed.generate, closed.config, closed.clock));
    expect(b.blockedBy).toEqual({ stage: 'output', check: 'toxicity', status: 'error' });
  });

  it('never marks a check that answered "block" as failed open, even when its fail mode is open', async () => {
    const { clock, config, generate } = setup();
    config.input.checks[0] = fakeCheck('pii', 20, 'block', 'open', clock);
    const r = await clock.run(guard('my card is 4111 1111 1111 1111', generate, config, clock));
    expect(r.blockedBy).toEqual({ stage: 'input', check: 'pii', status: 'block' });
  });
});

describe('guard: a failing generation', () => {
  it("passes the generator's error to the caller instead of running output checks on nothing", async () => {
    const { clock, config } = setup();
    const failing = async () => {
      await clock.sleep(100);
      throw new Error('provider returned HTTP 503');
    };
    await expect(clock.run(guard('hello', failing, config, clock))).rejects.toThrow('provider returned HTTP 503');
  });

  it('ignores the failure of a speculative generation whose prompt the input stage blocked', async () => {
    const { clock, config } = setup();
    config.input.checks[1] = fakeCheck('injection', 60, 'block', 'closed', clock);
    const failing = async () => Promise.reject(new Error('provider returned HTTP 503'));
    const r = await clock.run(guard('ignore previous instructions', failing, config, clock));
    expect(r).toMatchObject({ allowed: false, blockedBy: { check: 'injection' } });
  });
});

describe('guard: concurrency', () => {
  it('keeps two requests in flight at once apart: each gets its own verdict and latency', async () => {
    const { clock, config, generate } = setup();
    config.input.checks[1] = fakeCheck('injection', 60, (p) => (p.includes('ignore') ? 'block' : 'pass'), 'closed', clock);
    const [clean, attack] = await clock.run(Promise.all([guard('hello', generate, config, clock), guard('ignore that', generate, config, clock)]));
    expect(clean).toMatchObject({ allowed: true, text: 'answer to: hello', latencyMs: 980 });
    expect(attack).toMatchObject({ allowed: false, latencyMs: 60, blockedBy: { check: 'injection' } });
  });

  it('clears the deadline timers when a stage ends and cancels a discarded generation, so no timer outlives the request', async () => {
    const passing = setup();
    await passing.clock.run(guard('a', passing.generate, passing.config, passing.clock));
    expect(passing.clock.pendingTimers()).toBe(0);

    const blocked = setup();
    blocked.config.output.checks[0] = fakeCheck('toxicity', 50, 'block', 'closed', blocked.clock);
    await blocked.clock.run(guard('a', blocked.generate, blocked.config, blocked.clock));
    expect(blocked.clock.pendingTimers()).toBe(0); // the deadline and groundedness's unfinished 180 ms call are both cleared

    const blockedInput = setup();
    blockedInput.config.input.checks[1] = fakeCheck('injection', 60, 'block', 'closed', blockedInput.clock);
    await blockedInput.clock.run(guard('a', blockedInput.generate, blockedInput.config, blockedInput.clock));
    expect(blockedInput.clock.pendingTimers()).toBe(0); // the speculative generation's 800 ms call is cancelled too
  });

  it('does not let the leftover deadline timers of one request delay the next one on the same clock', async () => {
    const { clock, config, generate } = setup();
    const first = await clock.run(guard('a', generate, config, clock));
    const second = await clock.run(guard('b', generate, config, clock));
    expect(second.latencyMs).toBe(first.latencyMs);
  });
});

describe('guard: bad configuration', () => {
  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])('rejects an input deadline of %s with a RangeError naming the field', async (deadlineMs) => {
    const { clock, config, generate } = setup();
    config.input.deadlineMs = deadlineMs;
    await expect(guard('x', generate, config, clock)).rejects.toThrow(new RangeError(`input.deadlineMs must be a positive number of milliseconds, got ${deadlineMs}`));
  });

  it('rejects duplicate or empty check names with a TypeError naming the stage', async () => {
    const { config, generate } = setup();
    const clock: Clock = new VirtualClock();
    const twice: Check = fakeCheck('toxicity', 1, 'pass', 'closed', clock);
    await expect(guard('x', generate, { ...config, output: { deadlineMs: 100, checks: [twice, twice] } }, clock)).rejects.toThrow(TypeError);
    await expect(guard('x', generate, { ...config, output: { deadlineMs: 100, checks: [{ ...twice, name: ' ' }] } }, clock)).rejects.toThrow(/output\.checks/);
  });
});
