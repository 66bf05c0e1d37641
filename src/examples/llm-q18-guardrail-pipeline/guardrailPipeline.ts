/**
 * A guardrail chain inside a latency budget: input checks, generation, output
 * checks. The checks of a stage run in parallel under the stage's deadline, and
 * the stage ends at the first check that blocks; each check says whether a
 * timeout or an error lets the request through (fail open) or blocks it (fail
 * closed). Time comes from an injected clock.
 */
export type Verdict = 'pass' | 'block';
export type FailMode = 'open' | 'closed';
export type Stage = 'input' | 'output';
export type Status = Verdict | 'timeout' | 'error';

export interface Clock {
  now(): number;
  /** Resolves after ms; when `signal` aborts first, the timer is cleared and the promise never settles. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Check {
  name: string;
  onFailure: FailMode;
  /** `signal` aborts when the stage ends without this answer: a real client cancels its call with it. */
  run(text: string, signal: AbortSignal): Promise<Verdict>;
}

export interface StageConfig {
  deadlineMs: number;
  checks: Check[];
}

export interface PipelineConfig {
  input: StageConfig;
  output: StageConfig;
  /** Start generating while the input checks run; the generation is cancelled if they block. */
  generateDuringInputChecks: boolean;
}

export interface CheckResult {
  stage: Stage;
  check: string;
  /** 'stopped': another check blocked first, so the stage ended before this one answered. */
  status: Status | 'stopped';
  failedOpen: boolean;
  ms: number;
}

export interface GuardResult {
  allowed: boolean;
  text?: string;
  blockedBy?: { stage: Stage; check: string; status: Exclude<Status, 'pass'> };
  checks: CheckResult[];
  latencyMs: number;
  generationWasted: boolean;
}

function validate(stage: Stage, config: StageConfig): void {
  if (!Number.isFinite(config.deadlineMs) || config.deadlineMs <= 0) {
    throw new RangeError(`${stage}.deadlineMs must be a positive number of milliseconds, got ${config.deadlineMs}`);
  }
  const names = config.checks.map((c) => c.name);
  if (names.some((n) => n.trim() === '') || new Set(names).size !== names.length) {
    throw new TypeError(`${stage}.checks need unique, non-empty names, got [${names.join(', ')}]`);
  }
}

/** A result that stops the request: a 'block' verdict, or a timeout or error of a fail-closed check. */
function blocks(r: CheckResult): boolean {
  return r.status === 'block' || ((r.status === 'timeout' || r.status === 'error') && !r.failedOpen);
}

/**
 * Runs the checks of a stage in parallel. The stage ends at the first result that blocks, when every
 * check has answered, or at the deadline (unanswered checks time out), whichever comes first. Then the
 * deadline timer is cleared and the checks still running are told to stop through their signal.
 */
function runStage(stage: Stage, config: StageConfig, text: string, clock: Clock): Promise<CheckResult[]> {
  const start = clock.now();
  const ended = new AbortController();
  const results: (CheckResult | undefined)[] = config.checks.map(() => undefined);
  const record = (i: number, status: CheckResult['status']): CheckResult => {
    const check = config.checks[i]!;
    const failed = status === 'timeout' || status === 'error';
    return (results[i] = { stage, check: check.name, status, failedOpen: failed && check.onFailure === 'open', ms: clock.now() - start });
  };
  return new Promise((resolve) => {
    let waiting = config.checks.length;
    const end = (unanswered: 'timeout' | 'stopped') => {
      if (ended.signal.aborted) return;
      results.forEach((r, i) => {
        if (!r) record(i, unanswered);
      });
      ended.abort(); // clears the deadline timer and tells unfinished checks to stop
      resolve(results as CheckResult[]);
    };
    if (waiting === 0) return end('stopped');
    void clock.sleep(config.deadlineMs, ended.signal).then(() => end('timeout'));
    config.checks.forEach((check, i) => {
      new Promise<unknown>((answer) => answer(check.run(text, ended.signal)))
        // A malformed verdict from a misbehaving service is an error, so it follows the check's fail mode.
        .then(
          (v): Status => (v === 'pass' || v === 'block' ? v : 'error'),
          (): Status => 'error',
        )
        .then((status) => {
          if (ended.signal.aborted) return; // answered after the stage ended
          waiting--;
          if (blocks(record(i, status)) || waiting === 0) end('stopped');
        });
    });
  });
}

/** The check that stopped the stage: the first in configured order whose result blocks. */
function firstBlock(results: CheckResult[]): GuardResult['blockedBy'] {
  for (const r of results) {
    if (r.status !== 'pass' && r.status !== 'stopped' && blocks(r)) return { stage: r.stage, check: r.check, status: r.status };
  }
  return undefined;
}

/** `signal` aborts when the answer is no longer wanted (the input stage blocked): a real client cancels its call with it. */
export type Generate = (prompt: string, signal: AbortSignal) => Promise<string>;

export async function guard(prompt: string, generate: Generate, config: PipelineConfig, clock: Clock): Promise<GuardResult> {
  validate('input', config.input);
  validate('output', config.output);
  const start = clock.now();
  const generation = new AbortController();
  const early = config.generateDuringInputChecks ? generate(prompt, generation.signal) : undefined;
  early?.catch(() => undefined); // if the input stage blocks, nobody awaits this answer
  const inputResults = await runStage('input', config.input, prompt, clock);
  const inputBlock = firstBlock(inputResults);
  if (inputBlock) {
    generation.abort(); // stop paying for tokens nobody will see
    return { allowed: false, blockedBy: inputBlock, checks: inputResults, latencyMs: clock.now() - start, generationWasted: early !== undefined };
  }
  const text = await (early ?? generate(prompt, generation.signal));
  const outputResults = await runStage('output', config.output, text, clock);
  const checks = [...inputResults, ...outputResults];
  const outputBlock = firstBlock(outputResults);
  const latencyMs = clock.now() - start;
  return outputBlock ? { allowed: false, blockedBy: outputBlock, checks, latencyMs, generationWasted: true } : { allowed: true, text, checks, latencyMs, generationWasted: false };
}

/** A stand-in for a classifier service: answers after latencyMs, or hangs, or throws. */
export function fakeCheck(name: string, latencyMs: number, behaviour: Verdict | 'hang' | 'throw' | ((text: string) => Verdict), onFailure: FailMode, clock: Clock): Check {
  return {
    name,
    onFailure,
    run: async (text, signal) => {
      if (behaviour === 'hang') return new Promise<Verdict>(() => undefined);
      await clock.sleep(latencyMs, signal); // a stopped check never answers
      if (behaviour === 'throw') throw new Error(`${name} is unavailable`);
      return typeof behaviour === 'function' ? behaviour(text) : behaviour;
    },
  };
}

/** Simulated time: when every promise is waiting, jump to the next timer. */
export class VirtualClock implements Clock {
  private time = 0;
  private seq = 0;
  private timers: { at: number; seq: number; wake: () => void }[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((wake) => {
      if (signal?.aborted) return;
      const timer = { at: this.time + ms, seq: this.seq++, wake };
      this.timers.push(timer);
      signal?.addEventListener('abort', () => (this.timers = this.timers.filter((t) => t !== timer)), { once: true });
    });
  }

  /** Timers set and neither fired nor cleared. */
  pendingTimers(): number {
    return this.timers.length;
  }

  async run<T>(task: Promise<T>): Promise<T> {
    let settled = false;
    task.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 0)); // let every ready promise run first
      if (settled) return task;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) throw new Error('the task is waiting but no timer is pending');
      this.time = Math.max(this.time, next.at); // a leftover deadline timer never moves time back
      next.wake();
    }
  }
}
