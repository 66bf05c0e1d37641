import { describe, expect, it, vi } from 'vitest';
import { passAtK, passHatK, ToolExecutor, TransientError, workflowSuccess, type ExecutorOptions, type ToolSpec } from './toolReliability';

/** Every way of choosing k of n trials, c of them successes: the definition both estimators must match. */
function bruteForce(n: number, c: number, k: number): { atLeastOne: number; all: number } {
  const trials = Array.from({ length: n }, (_, i) => i < c);
  let draws = 0;
  let atLeastOne = 0;
  let all = 0;
  const choose = (start: number, picked: boolean[]) => {
    if (picked.length === k) {
      draws += 1;
      if (picked.some(Boolean)) atLeastOne += 1;
      if (picked.every(Boolean)) all += 1;
      return;
    }
    for (let i = start; i < n; i++) choose(i + 1, [...picked, trials[i]!]);
  };
  choose(0, []);
  return { atLeastOne: atLeastOne / draws, all: all / draws };
}

describe('passAtK and passHatK', () => {
  it('match the fraction of k-subsets of the recorded trials with at least one, and with only, successes', () => {
    for (let c = 0; c <= 8; c++) {
      for (let k = 1; k <= 8; k++) {
        const expected = bruteForce(8, c, k);
        expect(passAtK(8, c, k)).toBeCloseTo(expected.atLeastOne, 12);
        expect(passHatK(8, c, k)).toBeCloseTo(expected.all, 12);
      }
    }
  });

  it('tell a different story from the same 10 trials with 8 successes', () => {
    expect(passAtK(10, 8, 1)).toBeCloseTo(0.8, 12);
    expect(passHatK(10, 8, 1)).toBeCloseTo(0.8, 12);
    expect(passAtK(10, 8, 3)).toBe(1);
    expect(passHatK(10, 8, 3)).toBeCloseTo(56 / 120, 12); // C(8,3) / C(10,3) ≈ 0.467
    expect(passAtK(10, 2, 3)).toBeCloseTo(1 - 56 / 120, 12); // 1 - C(8,3) / C(10,3) ≈ 0.533
  });

  it('stay finite for large n, where the binomial coefficients would overflow', () => {
    expect(passAtK(2_000, 1_000, 100)).toBeGreaterThan(0.999_999);
    expect(passHatK(2_000, 1_000, 100)).toBeGreaterThan(0);
    expect(passHatK(2_000, 1_000, 100)).toBeLessThan(1e-30);
  });

  it('reject counts that cannot describe trials, naming the field', () => {
    expect(() => passAtK(0, 0, 1)).toThrow(/n must be/);
    expect(() => passAtK(10, 11, 1)).toThrow(/c must be/);
    expect(() => passHatK(10, 5, 11)).toThrow(/k must be/);
    expect(() => passHatK(10, 5, 1.5)).toThrow(RangeError);
  });
});

describe('workflowSuccess', () => {
  it('multiplies step success rates: ten steps at 95 % succeed about 60 % of the time', () => {
    expect(workflowSuccess(0.95, 10)).toBeCloseTo(0.5987, 4);
    expect(workflowSuccess(0.99, 10)).toBeCloseTo(0.9044, 4);
  });

  it('rises to about 99.9 % with three attempts per step, if failures are independent and transient', () => {
    expect(workflowSuccess(0.95, 10, 3)).toBeCloseTo(0.99875, 5);
    expect(() => workflowSuccess(1.2, 3)).toThrow(/p must be a probability/);
  });

  it('rejects step and attempt counts that would turn the result into something other than a probability', () => {
    expect(() => workflowSuccess(0.95, -1)).toThrow(/steps/); // 0.95^-1 = 1.05
    expect(() => workflowSuccess(0.95, 2.5)).toThrow(/steps/);
    expect(() => workflowSuccess(0.95, 10, 0)).toThrow(/attemptsPerStep/); // zero attempts cannot succeed, and are a typo
  });
});

function executor(overrides: Partial<ExecutorOptions> = {}) {
  const waits: number[] = [];
  const options: ExecutorOptions = {
    maxAttempts: 3,
    baseDelayMs: 100,
    attemptTimeoutMs: 2_000,
    sleep: async (ms) => void waits.push(ms),
    deadline: () => new Promise<void>(() => undefined),
    random: () => 0.5,
    ...overrides,
  };
  return { exec: new ToolExecutor(options), waits };
}

/** A tool that fails transiently `failures` times, then answers. */
function flakyRead(failures: number): ToolSpec<string> & { runs: number } {
  const tool = {
    name: 'get_order',
    schema: { orderId: 'string' } as const,
    retrySafe: true,
    runs: 0,
    run: async (args: Record<string, unknown>) => {
      tool.runs += 1;
      if (tool.runs <= failures) throw new TransientError('HTTP 503');
      return `order ${String(args.orderId)}: shipped`;
    },
  };
  return tool;
}

/** A payment API that de-duplicates by idempotency key, and can lose its response after charging. */
function paymentService(loseFirstResponses = 0) {
  const charges = new Map<string, string>();
  let responsesLost = 0;
  const tool: ToolSpec<string> = {
    name: 'charge_card',
    schema: { customer: 'string', amountCents: 'number' },
    retrySafe: true,
    run: async (args, key) => {
      if (!charges.has(key)) charges.set(key, `charged ${String(args.customer)} ${String(args.amountCents)}`);
      if (responsesLost++ < loseFirstResponses) throw new TransientError('connection reset after the charge');
      return charges.get(key)!;
    },
  };
  return { tool, charges };
}

describe('ToolExecutor', () => {
  it('retries a transient failure with exponential backoff and jitter and returns the answer', async () => {
    const { exec, waits } = executor();
    const tool = flakyRead(2);
    expect(await exec.execute(tool, { orderId: 'A1' }, 'k1')).toBe('order A1: shipped');
    expect(tool.runs).toBe(3);
    expect(waits).toEqual([50, 100]); // 0.5 × 100 × 2^0, then 0.5 × 100 × 2^1
  });

  it('gives up after the last attempt with the last error', async () => {
    const { exec } = executor();
    const tool = flakyRead(5);
    await expect(exec.execute(tool, { orderId: 'A1' }, 'k1')).rejects.toThrow('HTTP 503');
    expect(tool.runs).toBe(3);
  });

  it('does not retry an error that is not transient', async () => {
    const { exec } = executor();
    const run = vi.fn(async () => {
      throw new Error('card declined');
    });
    await expect(exec.execute({ name: 'charge', schema: {}, retrySafe: true, run }, {}, 'k')).rejects.toThrow('card declined');
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('times out a hanging attempt and retries it', async () => {
    let deadlines = 0;
    const { exec } = executor({ deadline: () => (++deadlines === 1 ? Promise.resolve() : new Promise<void>(() => undefined)) });
    let runs = 0;
    const tool: ToolSpec<string> = { name: 'search', schema: {}, retrySafe: true, run: () => (++runs === 1 ? new Promise<string>(() => undefined) : Promise.resolve('hits')) };
    expect(await exec.execute(tool, {}, 'k')).toBe('hits');
    expect(runs).toBe(2);
  });

  it('charges once when the response is lost after the charge, because the retry carries the same key', async () => {
    const { exec } = executor();
    const { tool, charges } = paymentService(1);
    expect(await exec.execute(tool, { customer: 'c-7', amountCents: 4_999 }, 'order-17')).toBe('charged c-7 4999');
    expect([...charges.values()]).toEqual(['charged c-7 4999']);
  });

  it('runs two concurrent calls with the same key once, and both get the result', async () => {
    const { exec } = executor();
    const { tool, charges } = paymentService();
    const run = vi.spyOn(tool, 'run');
    const [a, b] = await Promise.all([
      exec.execute(tool, { customer: 'c-7', amountCents: 100 }, 'order-18'),
      exec.execute(tool, { customer: 'c-7', amountCents: 100 }, 'order-18'),
    ]);
    expect([a, b]).toEqual(['charged c-7 100', 'charged c-7 100']);
    expect(run).toHaveBeenCalledTimes(1);
    expect(charges.size).toBe(1);
  });

  it('replays a finished call for a later duplicate, and runs a different key separately', async () => {
    const { exec } = executor();
    const tool = flakyRead(0);
    await exec.execute(tool, { orderId: 'A1' }, 'k1');
    await exec.execute(tool, { orderId: 'A1' }, 'k1');
    expect(tool.runs).toBe(1);
    await exec.execute(tool, { orderId: 'A1' }, 'k2');
    expect(tool.runs).toBe(2);
  });

  it('refuses a key reused with other arguments instead of replaying the first result', async () => {
    const { exec } = executor();
    const { tool, charges } = paymentService();
    expect(await exec.execute(tool, { customer: 'c-7', amountCents: 4_999 }, 'order-19')).toBe('charged c-7 4999');
    // The model corrects the amount but keeps the key: silently answering "charged 4999" would hide the mistake.
    await expect(exec.execute(tool, { customer: 'c-7', amountCents: 5_999 }, 'order-19')).rejects.toThrow(/already used with other arguments/);
    // The same arguments in another key order are the same call, and are replayed.
    expect(await exec.execute(tool, { amountCents: 4_999, customer: 'c-7' }, 'order-19')).toBe('charged c-7 4999');
    expect(charges.size).toBe(1);
  });

  it('never retries a tool that is not retry-safe, and keeps its key burned after a failure', async () => {
    const { exec } = executor();
    const send = vi.fn(async () => {
      throw new TransientError('timeout: the email may or may not have gone');
    });
    const tool: ToolSpec<string> = { name: 'send_email', schema: { to: 'string' }, retrySafe: false, run: send };
    await expect(exec.execute(tool, { to: 'a@example.com' }, 'mail-1')).rejects.toThrow(/may or may not/);
    await expect(exec.execute(tool, { to: 'a@example.com' }, 'mail-1')).rejects.toThrow(/may or may not/);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('lets a retry-safe call that failed run again later under the same key', async () => {
    const { exec } = executor({ maxAttempts: 1 });
    const tool = flakyRead(1);
    await expect(exec.execute(tool, { orderId: 'A1' }, 'k1')).rejects.toThrow('HTTP 503');
    expect(await exec.execute(tool, { orderId: 'A1' }, 'k1')).toBe('order A1: shipped');
  });

  it('rejects arguments that do not match the schema before calling the tool', async () => {
    const { exec } = executor();
    const { tool } = paymentService();
    const run = vi.spyOn(tool, 'run');
    await expect(exec.execute(tool, { customer: 'c-7' }, 'k')).rejects.toThrow(/"amountCents" must be a number, got undefined/);
    await expect(exec.execute(tool, { customer: 'c-7', amountCents: '49.99' }, 'k')).rejects.toThrow(TypeError);
    await expect(exec.execute(tool, { customer: 'c-7', amountCents: Number.NaN }, 'k')).rejects.toThrow(/"amountCents" must be a number, got NaN/);
    await expect(exec.execute(tool, { customer: 'c-7', amountCents: 1, currency: 'EUR' }, 'k')).rejects.toThrow(/unexpected argument "currency"/);
    await expect(exec.execute(tool, { customer: 'c-7', amountCents: 1 }, '')).rejects.toThrow(/idempotencyKey/);
    expect(run).not.toHaveBeenCalled();
    expect(() => new ToolExecutor({ maxAttempts: 0, baseDelayMs: 1, attemptTimeoutMs: 1, sleep: async () => undefined, deadline: async () => undefined, random: () => 0 })).toThrow(
      /maxAttempts/,
    );
  });

  it('rejects an argument whose name every object inherits, such as constructor or __proto__', async () => {
    const { exec } = executor();
    const tool = flakyRead(0);
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      await expect(exec.execute(tool, { orderId: 'A1', [name]: 'x' }, 'k')).rejects.toThrow(`unexpected argument "${name}"`);
    }
    // JSON.parse, which is how a model's arguments arrive, makes "__proto__" an ordinary own key.
    const parsed = JSON.parse('{"orderId": "A1", "__proto__": "x"}') as Record<string, unknown>;
    await expect(exec.execute(tool, parsed, 'k')).rejects.toThrow('unexpected argument "__proto__"');
    expect(tool.runs).toBe(0);
  });

  it('reports bad arguments and a misused key as a rejected promise, never as a synchronous throw', async () => {
    const { exec } = executor();
    const { tool } = paymentService();
    let badArgs: Promise<string> | undefined;
    expect(() => (badArgs = exec.execute(tool, { customer: 'c-7' }, 'k'))).not.toThrow();
    await expect(badArgs).rejects.toThrow(TypeError);
    await exec.execute(tool, { customer: 'c-7', amountCents: 1 }, 'k');
    let reused: Promise<string> | undefined;
    expect(() => (reused = exec.execute(tool, { customer: 'c-7', amountCents: 2 }, 'k'))).not.toThrow();
    await expect(reused).rejects.toThrow(/already used/);
  });

  it('frees a burned key once someone has checked the real state, so the call can run again', async () => {
    const { exec } = executor();
    let runs = 0;
    const tool: ToolSpec<string> = {
      name: 'send_email',
      schema: { to: 'string' },
      retrySafe: false,
      run: async () => {
        if (++runs === 1) throw new TransientError('timeout: the email may or may not have gone');
        return 'sent';
      },
    };
    await expect(exec.execute(tool, { to: 'a@example.com' }, 'mail-1')).rejects.toThrow(/may or may not/);
    // Someone checks the mail server's log: it did not go. Releasing the key lets the same call run once more.
    expect(exec.release('send_email', 'mail-1')).toBe(true);
    expect(await exec.execute(tool, { to: 'a@example.com' }, 'mail-1')).toBe('sent');
    expect(runs).toBe(2);
  });

  it('will not release the key of a call that succeeded or is still running', async () => {
    const { exec } = executor();
    const tool = flakyRead(0);
    await exec.execute(tool, { orderId: 'A1' }, 'done-1');
    expect(exec.release('get_order', 'done-1')).toBe(false);
    await exec.execute(tool, { orderId: 'A1' }, 'done-1');
    expect(tool.runs).toBe(1); // still replayed
    const hanging: ToolSpec<string> = { name: 'search', schema: {}, retrySafe: false, run: () => new Promise<string>(() => undefined) };
    void exec.execute(hanging, {}, 'running-1');
    expect(exec.release('search', 'running-1')).toBe(false);
    expect(exec.release('search', 'never-used')).toBe(false);
  });

  it('keeps calls of different tools apart even when name and key would join to the same text', async () => {
    const { exec } = executor();
    const tool = (name: string): ToolSpec<string> => ({ name, schema: {}, retrySafe: true, run: async () => `ran ${name}` });
    expect(await exec.execute(tool('a:b'), {}, 'c')).toBe('ran a:b');
    expect(await exec.execute(tool('a'), {}, 'b:c')).toBe('ran a'); // "a:b" + "c" and "a" + "b:c" are different calls
  });

  it('rejects a missing or blank idempotency key as a rejected promise, before calling the tool', async () => {
    const { exec } = executor();
    const tool = flakyRead(0);
    for (const key of [undefined, '', '   ']) {
      let result: Promise<string> | undefined;
      expect(() => (result = exec.execute(tool, { orderId: 'A1' }, key as unknown as string))).not.toThrow();
      await expect(result).rejects.toThrow(/idempotencyKey must be a non-blank string/);
    }
    expect(tool.runs).toBe(0);
  });

  it('cancels the deadline timer of an attempt that answered in time, so a real timer does not keep the process alive', async () => {
    const timers: AbortSignal[] = [];
    const { exec } = executor({ deadline: (_ms: number, signal: AbortSignal) => (timers.push(signal), new Promise<void>(() => undefined)) });
    expect(await exec.execute(flakyRead(1), { orderId: 'A1' }, 'k1')).toBe('order A1: shipped');
    expect(timers.map((t) => t?.aborted)).toEqual([true, true]); // the failed attempt and the one that answered
  });

  it('rejects an attempt timeout a timer cannot wait for: not positive, not finite, or over 2^31 - 1 ms', () => {
    const options = (attemptTimeoutMs: number): ExecutorOptions => ({
      maxAttempts: 1,
      baseDelayMs: 1,
      attemptTimeoutMs,
      sleep: async () => undefined,
      deadline: async () => undefined,
      random: () => 0,
    });
    for (const ms of [0, Number.NaN, Number.POSITIVE_INFINITY, 2_147_483_648]) expect(() => new ToolExecutor(options(ms))).toThrow(/attemptTimeoutMs/);
    expect(() => new ToolExecutor(options(2_147_483_647))).not.toThrow();
  });

  it('rejects a backoff base a timer cannot wait for: negative, not finite, or a longest wait over 2^31 - 1 ms', () => {
    const options = (baseDelayMs: number, maxAttempts = 3): ExecutorOptions => ({
      maxAttempts,
      baseDelayMs,
      attemptTimeoutMs: 1,
      sleep: async () => undefined,
      deadline: async () => undefined,
      random: () => 0,
    });
    for (const ms of [-1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => new ToolExecutor(options(ms))).toThrow(/baseDelayMs/);
    // Three attempts wait at most twice, the second time up to base × 2^(3 - 2): 1,073,741,824 × 2 = 2^31 is one too many.
    expect(() => new ToolExecutor(options(1_073_741_824))).toThrow(/baseDelayMs/);
    expect(() => new ToolExecutor(options(1_073_741_823))).not.toThrow();
    expect(() => new ToolExecutor(options(2_147_483_647, 2))).not.toThrow(); // two attempts wait once, up to base × 2^0
    expect(() => new ToolExecutor(options(2_147_483_648, 1))).not.toThrow(); // one attempt never waits
    expect(() => new ToolExecutor(options(0))).not.toThrow(); // retry at once
  });

  it('aborts the signal of an attempt that timed out, so a tool that listens can stop before the retry runs', async () => {
    let deadlines = 0;
    const { exec } = executor({ deadline: () => (++deadlines === 1 ? Promise.resolve() : new Promise<void>(() => undefined)) });
    const signals: AbortSignal[] = [];
    const tool: ToolSpec<string> = {
      name: 'search',
      schema: {},
      retrySafe: true,
      run: (_args, _key, signal) => (signals.push(signal), signals.length === 1 ? new Promise<string>(() => undefined) : Promise.resolve('hits')),
    };
    expect(await exec.execute(tool, {}, 'k')).toBe('hits');
    expect(signals.map((s) => s.aborted)).toEqual([true, false]);
  });
});
