/**
 * One agent against an orchestrator with parallel workers: what each costs in tokens,
 * wall time and end-to-end success, and the value of an hour saved at which the team
 * pays. Then a small orchestrator that fans subtasks out under a concurrency limit, gives
 * each worker a deadline, retries a failed or late piece, then skips it and keeps the
 * results of the workers that succeeded.
 */
export interface Workload {
  readonly subtasks: number; // independent pieces of work
  readonly tokensPerSubtask: number; // tokens an agent reads to do one piece
  readonly carriedTokens: number; // what a finished piece leaves in a single agent's context
  readonly secondsPerSubtask: number;
  readonly stepSuccess: number; // chance one piece is done right
}
export interface Team {
  readonly workers: number; // how many run at once
  readonly workerOverheadTokens: number; // prompt, brief and shared context re-read per piece: each piece starts a fresh worker context
  readonly summaryTokens: number; // what a worker hands back per piece
  readonly orchestratorTokens: number; // planning and synthesis prompts
  readonly orchestratorSeconds: number; // planning plus synthesis
  readonly handoffSuccess: number; // chance a brief and its summary carry what is needed
}
export interface Estimate {
  readonly tokens: number;
  readonly seconds: number;
  readonly success: number;
  readonly peakContextTokens: number; // the largest prompt one agent must hold
}

function check(fields: Readonly<Record<string, number>>, probabilities: readonly string[]): void {
  for (const [name, value] of Object.entries(fields)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number of 0 or more, got ${value}`);
    if (probabilities.includes(name) && value > 1) throw new RangeError(`${name} is a probability, got ${value}`);
  }
  if (!Number.isInteger(fields.subtasks)) throw new RangeError(`subtasks must be a whole number, got ${fields.subtasks}`);
}

/** One context: each piece re-reads what the earlier ones left behind, so tokens grow with k². */
export function singleAgent(w: Workload): Estimate {
  check({ ...w }, ['stepSuccess']);
  const k = w.subtasks;
  return {
    tokens: k * w.tokensPerSubtask + (w.carriedTokens * k * (k - 1)) / 2,
    seconds: k * w.secondsPerSubtask,
    success: w.stepSuccess ** k,
    peakContextTokens: k === 0 ? 0 : w.tokensPerSubtask + (k - 1) * w.carriedTokens,
  };
}

/** Each piece starts a clean worker context that re-reads the overhead; every handoff can lose something. */
export function orchestrated(w: Workload, t: Team): Estimate {
  check({ ...w, ...t }, ['stepSuccess', 'handoffSuccess']);
  if (t.workers < 1 || !Number.isInteger(t.workers)) throw new RangeError(`workers must be a whole number of 1 or more, got ${t.workers}`);
  const k = w.subtasks;
  return {
    tokens: k * (w.tokensPerSubtask + t.workerOverheadTokens + t.summaryTokens) + t.orchestratorTokens,
    seconds: t.orchestratorSeconds + Math.ceil(k / t.workers) * w.secondsPerSubtask,
    success: (w.stepSuccess * t.handoffSuccess) ** k,
    // With no pieces no worker runs, so the orchestrator's own prompt is the largest.
    peakContextTokens: Math.max(k === 0 ? 0 : w.tokensPerSubtask + t.workerOverheadTokens, t.orchestratorTokens + k * t.summaryTokens),
  };
}

/** Dollars an hour of waiting must be worth before the team's extra tokens pay (0: it costs no more). */
export function breakEvenDollarsPerHourSaved(single: Estimate, team: Estimate, dollarsPerMillionTokens: number): number {
  const extraDollars = ((team.tokens - single.tokens) / 1e6) * dollarsPerMillionTokens;
  const hoursSaved = (single.seconds - team.seconds) / 3600;
  if (extraDollars <= 0) return 0;
  return hoursSaved > 0 ? extraDollars / hoursSaved : Infinity;
}

export interface FanOutResult<T> {
  readonly done: { subtask: string; value: T }[];
  readonly failed: { subtask: string; error: string }[];
}

export interface FanOutOptions {
  /** Milliseconds one attempt may take; then its signal is aborted and its result, if it ever comes, is ignored. */
  readonly deadlineMs?: number;
  /** Further attempts after a failure or a missed deadline, each with a fresh deadline (default 0). */
  readonly retries?: number;
}

const MAX_TIMER_MS = 2_147_483_647;

/** One attempt: the worker's result, or a rejection once the deadline passes; `stopped` settles when the worker does. */
function attempt<T>(worker: (subtask: string, signal: AbortSignal) => Promise<T>, subtask: string, deadlineMs: number | undefined) {
  const controller = new AbortController();
  const work = (async () => worker(subtask, controller.signal))(); // a worker that throws at once becomes a rejection
  const stopped = work.then(
    () => undefined,
    () => undefined,
  );
  if (deadlineMs === undefined) return { result: work, stopped };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no result within ${deadlineMs} ms`));
    }, deadlineMs);
  });
  return { result: Promise.race([work, late]).finally(() => clearTimeout(timer)), stopped };
}

/**
 * Runs at most `limit` workers at once; a failed worker is reported, not fatal. Results keep input order.
 * A deadline only stops waiting for a worker's result: the worker is asked to stop through its signal, and
 * keeps its slot until it does, so the next attempt or piece starts only then and the limit always holds.
 * The result comes once every piece has an outcome; a late worker still running then is left to finish, its
 * result discarded. One that never stops holds its slot for good.
 */
export async function fanOut<T>(
  subtasks: readonly string[],
  worker: (subtask: string, signal: AbortSignal) => Promise<T>,
  limit: number,
  { deadlineMs, retries = 0 }: FanOutOptions = {},
): Promise<FanOutResult<T>> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number of 1 or more, got ${limit}`);
  // Node cuts a longer timer to 1 ms, so a larger deadline would fail every worker at once.
  if (deadlineMs !== undefined && !(deadlineMs > 0 && deadlineMs <= MAX_TIMER_MS)) {
    throw new RangeError(`deadlineMs must be a positive number of milliseconds, at most ${MAX_TIMER_MS}, got ${deadlineMs}`);
  }
  if (!Number.isInteger(retries) || retries < 0) throw new RangeError(`retries must be a whole number of 0 or more, got ${retries}`);
  const outcomes: ({ ok: true; value: T } | { ok: false; error: string })[] = new Array(subtasks.length);
  let next = 0;
  let open = subtasks.length; // pieces without a final outcome
  let allDecided = (): void => undefined;
  const decided = new Promise<void>((resolve) => (allDecided = resolve));
  const lane = async () => {
    while (next < subtasks.length) {
      const i = next++; // claimed synchronously, so two lanes never take the same subtask
      for (let tries = 0; ; tries++) {
        const { result, stopped } = attempt(worker, subtasks[i]!, deadlineMs);
        try {
          outcomes[i] = { ok: true, value: await result };
        } catch (e) {
          outcomes[i] = { ok: false, error: e instanceof Error ? e.message : String(e) }; // the last error is reported
        }
        const final = outcomes[i]!.ok || tries === retries;
        if (final && --open === 0) allDecided();
        await stopped; // the slot stays taken until the worker stops, late or not
        if (final) break;
      }
    }
  };
  if (open > 0) {
    for (let l = 0; l < Math.min(limit, subtasks.length); l++) void lane();
    await decided;
  }
  const result: FanOutResult<T> = { done: [], failed: [] };
  outcomes.forEach((o, i) => {
    const subtask = subtasks[i]!;
    if (o.ok) result.done.push({ subtask, value: o.value });
    else result.failed.push({ subtask, error: o.error });
  });
  return result;
}
