/**
 * A guardrail chain inside a latency budget: input checks, generation, output
 * checks. The checks of a stage run in parallel under the stage's deadline;
 * each check says whether a timeout or an error lets the request through
 * (fail open) or blocks it (fail closed). Time comes from an injected clock.
 */
export type Verdict = 'pass' | 'block';
export type FailMode = 'open' | 'closed';
export type Stage = 'input' | 'output';
export type Status = Verdict | 'timeout' | 'error';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface Check {
  name: string;
  onFailure: FailMode;
  run(text: string): Promise<Verdict>;
}

export interface StageConfig {
  deadlineMs: number;
  checks: Check[];
}

export interface PipelineConfig {
  input: StageConfig;
  output: StageConfig;
  /** Start generating while the input checks run; the answer is thrown away if they block. */
  generateDuringInputChecks: boolean;
}

export interface CheckResult {
  stage: Stage;
  check: string;
  status: Status;
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

async function runStage(stage: Stage, config: StageConfig, text: string, clock: Clock): Promise<CheckResult[]> {
  return Promise.all(
    config.checks.map(async (check) => {
      const start = clock.now();
      const deadline = clock.sleep(config.deadlineMs).then(() => 'timeout' as const);
      let status: Status;
      try {
        status = await Promise.race([check.run(text), deadline]);
        // A malformed verdict from a misbehaving service is an error, so it follows the check's fail mode.
        if (status !== 'pass' && status !== 'block' && status !== 'timeout') status = 'error';
      } catch {
        status = 'error';
      }
      const failed = status === 'timeout' || status === 'error';
      return { stage, check: check.name, status, failedOpen: failed && check.onFailure === 'open', ms: clock.now() - start };
    }),
  );
}

/** The first check, in configured order, that blocked or failed closed. */
function firstBlock(results: CheckResult[]): GuardResult['blockedBy'] {
  const hit = results.find((r) => r.status !== 'pass' && !r.failedOpen);
  return hit && hit.status !== 'pass' ? { stage: hit.stage, check: hit.check, status: hit.status } : undefined;
}

export async function guard(prompt: string, generate: (prompt: string) => Promise<string>, config: PipelineConfig, clock: Clock): Promise<GuardResult> {
  validate('input', config.input);
  validate('output', config.output);
  const start = clock.now();
  const early = config.generateDuringInputChecks ? generate(prompt) : undefined;
  early?.catch(() => undefined); // if the input stage blocks, nobody awaits this answer
  const inputResults = await runStage('input', config.input, prompt, clock);
  const inputBlock = firstBlock(inputResults);
  if (inputBlock) {
    return { allowed: false, blockedBy: inputBlock, checks: inputResults, latencyMs: clock.now() - start, generationWasted: early !== undefined };
  }
  const text = await (early ?? generate(prompt));
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
    run: async (text) => {
      if (behaviour === 'hang') return new Promise<Verdict>(() => undefined);
      await clock.sleep(latencyMs);
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

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.timers.push({ at: this.time + ms, seq: this.seq++, wake }));
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
