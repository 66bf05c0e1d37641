/**
 * An agent loop (observe, decide, act) that always ends with a typed outcome.
 *
 * The model is called with the history so far and either calls a tool or
 * finishes. Before every model call the loop checks its step, wall-time and
 * cost budgets; before every tool call it checks the permission policy and
 * whether the same call has just been repeated. A tool that errors or misses
 * its deadline becomes an observation the model can react to, not a crash; a
 * model call or a policy that fails ends the run with the steps so far.
 */

export type Decision = { kind: 'tool'; tool: string; args: Record<string, unknown> } | { kind: 'finish'; answer: string };
export interface ModelTurn {
  decision: Decision;
  inputTokens: number;
  outputTokens: number;
}
export interface Step {
  tool: string;
  args: Record<string, unknown>;
  observation: string;
}
/** The signal is aborted when the call runs out of time; a call that ignores it keeps running, unwatched. */
export type Model = (history: readonly Step[], signal: AbortSignal) => Promise<ModelTurn>;
export type Tool = (args: Record<string, unknown>, signal: AbortSignal) => Promise<string>;
export type Budget = 'steps' | 'wall-time' | 'cost';

export interface Usage {
  modelCalls: number;
  costUsd: number;
  elapsedMs: number;
}
export type Outcome =
  | { status: 'done'; answer: string; steps: Step[]; usage: Usage }
  | { status: 'budget-exhausted'; budget: Budget; steps: Step[]; usage: Usage }
  | { status: 'refused-tool'; tool: string; steps: Step[]; usage: Usage }
  | { status: 'loop-detected'; tool: string; steps: Step[]; usage: Usage }
  /** The model call failed, its turn could not be priced, or the policy threw. */
  | { status: 'error'; error: string; steps: Step[]; usage: Usage };

export interface AgentConfig {
  model: Model;
  tools: Readonly<Record<string, Tool>>;
  /** Checked before each call; a tool that is not allowed ends the run instead of being called. */
  allow: (tool: string, args: Record<string, unknown>) => boolean;
  maxSteps: number;
  maxWallMs: number;
  maxCostUsd: number;
  toolDeadlineMs: number;
  /** Identical consecutive calls (same tool, same arguments) that count as a loop. */
  maxRepeats: number;
  pricePerMillion: { input: number; output: number };
  clock: () => number;
  /**
   * Resolves after ms; injected so tests and the demo need no real timers. The loop aborts the signal once the
   * race is decided, so a real timer can be cleared instead of keeping the process alive until it fires.
   */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Node cuts a longer timer to 1 ms, so a larger wall-time budget would end the run at once. */
const MAX_TIMER_MS = 2_147_483_647;

export async function runAgent(config: AgentConfig): Promise<Outcome> {
  for (const field of ['maxWallMs', 'maxCostUsd', 'toolDeadlineMs'] as const) {
    if (!(config[field] > 0)) throw new RangeError(`${field} must be positive, got ${config[field]}`);
  }
  if (!(config.maxWallMs <= MAX_TIMER_MS)) throw new RangeError(`maxWallMs must be at most ${MAX_TIMER_MS}, got ${config.maxWallMs}`);
  if (!Number.isInteger(config.maxSteps) || config.maxSteps < 1) throw new RangeError(`maxSteps must be a positive integer, got ${config.maxSteps}`);
  if (!Number.isInteger(config.maxRepeats) || config.maxRepeats < 2) throw new RangeError(`maxRepeats must be an integer of at least 2, got ${config.maxRepeats}`);
  // A NaN price makes every cost NaN, and NaN >= budget is false: the cost budget would never stop the run.
  for (const field of ['input', 'output'] as const) {
    const price = config.pricePerMillion[field];
    if (!(Number.isFinite(price) && price >= 0)) throw new RangeError(`pricePerMillion.${field} must be a non-negative number, got ${price}`);
  }
  const start = config.clock();
  const steps: Step[] = [];
  const usage: Usage = { modelCalls: 0, costUsd: 0, elapsedMs: 0 };
  const measured = (): Usage => ((usage.elapsedMs = config.clock() - start), usage);
  const failed = (err: unknown): Outcome => ({ status: 'error', error: errorMessage(err), steps, usage: measured() });
  const exhausted = (): Budget | undefined => {
    usage.elapsedMs = config.clock() - start;
    if (steps.length >= config.maxSteps) return 'steps';
    if (usage.elapsedMs >= config.maxWallMs) return 'wall-time';
    // Checked before the next call, so the bill overshoots by at most one model call.
    if (usage.costUsd >= config.maxCostUsd) return 'cost';
    return undefined;
  };

  for (;;) {
    const budget = exhausted();
    if (budget) return { status: 'budget-exhausted', budget, steps, usage };
    let turn: ModelTurn | typeof timedOut;
    try {
      // A hung model call must not outlive the wall-time budget either: race it against the time left.
      turn = await withTimeout((signal) => config.model(steps, signal), config.maxWallMs - usage.elapsedMs, config.sleep);
      if (turn === timedOut) return { status: 'budget-exhausted', budget: 'wall-time', steps, usage: measured() };
      usage.modelCalls += 1;
      // A turn without usable token counts cannot be priced; carrying on would leave the cost budget blind.
      for (const field of ['inputTokens', 'outputTokens'] as const) {
        if (!(Number.isFinite(turn[field]) && turn[field] >= 0)) throw new RangeError(`the model turn's ${field} must be a non-negative number, got ${turn[field]}`);
      }
      usage.costUsd += (turn.inputTokens * config.pricePerMillion.input + turn.outputTokens * config.pricePerMillion.output) / 1e6;
      checkDecision(turn.decision); // priced first: a malformed decision was still paid for
    } catch (err) {
      return failed(err);
    }
    const decision = turn.decision;
    if (decision.kind === 'finish') return { status: 'done', answer: decision.answer, steps, usage: measured() };
    // Own properties only: a name such as "constructor" must not reach a function every object inherits.
    const tool = Object.hasOwn(config.tools, decision.tool) ? config.tools[decision.tool] : undefined;
    let allowed: boolean;
    try {
      allowed = tool !== undefined && config.allow(decision.tool, decision.args);
    } catch (err) {
      return failed(err); // fail closed: a policy that cannot decide never lets the call through
    }
    if (!tool || !allowed) return { status: 'refused-tool', tool: decision.tool, steps, usage: measured() };
    let key: string;
    try {
      key = callKey(decision.tool, decision.args);
    } catch (err) {
      return failed(err); // arguments that cannot be compared (a circular object) cannot be checked for a loop either
    }
    const recent = steps.slice(-(config.maxRepeats - 1));
    if (recent.length === config.maxRepeats - 1 && recent.every((s) => callKey(s.tool, s.args) === key)) {
      return { status: 'loop-detected', tool: decision.tool, steps, usage: measured() };
    }
    // The tool gets the smaller of its deadline and the wall time left, so the run ends within its wall-time budget.
    const left = config.maxWallMs - measured().elapsedMs;
    if (left <= 0) return { status: 'budget-exhausted', budget: 'wall-time', steps, usage };
    steps.push({ tool: decision.tool, args: decision.args, observation: await callTool(decision.tool, tool, decision.args, Math.min(config.toolDeadlineMs, left), config.sleep) });
  }
}

const timedOut = Symbol('timeout');

/** Races work against a timer; if the timer wins, aborts the signal the work was given; either way, cancels the timer. */
async function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>, ms: number, sleep: AgentConfig['sleep']): Promise<T | typeof timedOut> {
  const controller = new AbortController();
  const timer = new AbortController();
  try {
    // Both started as promises, so a sleep that throws at once still leaves the work's rejection observed.
    const running = (async () => work(controller.signal))();
    const expired = (async () => sleep(ms, timer.signal))().then((): typeof timedOut => timedOut);
    const result = await Promise.race([running, expired]);
    if (result === timedOut) controller.abort();
    return result;
  } finally {
    timer.abort();
  }
}

async function callTool(name: string, tool: Tool, args: Record<string, unknown>, ms: number, sleep: AgentConfig['sleep']): Promise<string> {
  try {
    const result: unknown = await withTimeout((signal) => tool(args, signal), ms, sleep);
    if (result === timedOut) return `error: no answer within ${ms} ms`;
    return typeof result === 'string' ? result : `error: ${name} returned ${typeof result}, not text`;
  } catch (err) {
    return `error: ${errorMessage(err)}`;
  }
}

/** A model adapter can return anything; a decision of the wrong shape ends the run as an error, not a crash. */
function checkDecision(d: unknown): asserts d is Decision {
  const o = (typeof d === 'object' && d !== null ? d : {}) as Record<string, unknown>;
  const finish = o.kind === 'finish' && typeof o.answer === 'string';
  const tool = o.kind === 'tool' && typeof o.tool === 'string' && typeof o.args === 'object' && o.args !== null && !Array.isArray(o.args);
  if (!finish && !tool) throw new TypeError("the model's decision must be a finish with a text answer or a tool call with a name and an arguments object");
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Arguments compared by value with keys sorted at every depth, so {a, b} and {b, a} are the same call. */
function callKey(tool: string, args: Record<string, unknown>): string {
  const stable = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(stable)
      : v instanceof Date
        ? v.toJSON() // as JSON would send it; read as a plain object, every Date would be {}
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .sort(([a], [b]) => (a < b ? -1 : 1))
                .map(([k, x]) => [k, stable(x)]),
            )
          : v;
  return `${tool}(${JSON.stringify(stable(args))})`;
}
