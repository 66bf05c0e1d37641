/**
 * An agent loop (observe, decide, act) that always ends with a typed outcome.
 *
 * The model is called with the history so far and either calls a tool or
 * finishes. Before every model call the loop checks its step, wall-time and
 * cost budgets; before every tool call it checks the permission policy and
 * whether the same call has just been repeated. A tool that errors or misses
 * its deadline becomes an observation the model can react to, not a crash.
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
export type Model = (history: readonly Step[]) => Promise<ModelTurn>;
export type Tool = (args: Record<string, unknown>) => Promise<string>;
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
  | { status: 'loop-detected'; tool: string; steps: Step[]; usage: Usage };

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
  /** Resolves after ms; injected so tests and the demo need no real timers. */
  sleep: (ms: number) => Promise<void>;
}

export async function runAgent(config: AgentConfig): Promise<Outcome> {
  for (const field of ['maxSteps', 'maxWallMs', 'maxCostUsd', 'toolDeadlineMs'] as const) {
    if (!(config[field] > 0)) throw new RangeError(`${field} must be positive, got ${config[field]}`);
  }
  if (!Number.isInteger(config.maxRepeats) || config.maxRepeats < 2) throw new RangeError(`maxRepeats must be an integer of at least 2, got ${config.maxRepeats}`);
  const start = config.clock();
  const steps: Step[] = [];
  const usage: Usage = { modelCalls: 0, costUsd: 0, elapsedMs: 0 };
  const measured = (): Usage => ((usage.elapsedMs = config.clock() - start), usage);
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
    // A hung model call must not outlive the wall-time budget either: race it against the time left.
    const timedOut = Symbol('timeout');
    const answer = await Promise.race([config.model(steps), config.sleep(config.maxWallMs - usage.elapsedMs).then(() => timedOut)]);
    if (answer === timedOut) return { status: 'budget-exhausted', budget: 'wall-time', steps, usage: measured() };
    const turn = answer as ModelTurn;
    usage.modelCalls += 1;
    // A turn without usable token counts cannot be priced; carrying on would leave the cost budget blind.
    for (const field of ['inputTokens', 'outputTokens'] as const) {
      if (!(Number.isFinite(turn[field]) && turn[field] >= 0)) throw new RangeError(`the model turn's ${field} must be a non-negative number, got ${turn[field]}`);
    }
    usage.costUsd += (turn.inputTokens * config.pricePerMillion.input + turn.outputTokens * config.pricePerMillion.output) / 1e6;
    const decision = turn.decision;
    if (decision.kind === 'finish') return { status: 'done', answer: decision.answer, steps, usage: measured() };
    const tool = config.tools[decision.tool];
    if (!tool || !config.allow(decision.tool, decision.args)) return { status: 'refused-tool', tool: decision.tool, steps, usage: measured() };
    const key = callKey(decision.tool, decision.args);
    const recent = steps.slice(-(config.maxRepeats - 1));
    if (recent.length === config.maxRepeats - 1 && recent.every((s) => callKey(s.tool, s.args) === key)) {
      return { status: 'loop-detected', tool: decision.tool, steps, usage: measured() };
    }
    steps.push({ tool: decision.tool, args: decision.args, observation: await callWithDeadline(tool, decision.args, config) });
  }
}

async function callWithDeadline(tool: Tool, args: Record<string, unknown>, config: AgentConfig): Promise<string> {
  const timedOut = Symbol('timeout');
  try {
    const result = await Promise.race([tool(args), config.sleep(config.toolDeadlineMs).then(() => timedOut)]);
    return result === timedOut ? `error: no answer within ${config.toolDeadlineMs} ms` : (result as string);
  } catch (err) {
    return `error: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** Arguments compared by value with keys sorted at every depth, so {a, b} and {b, a} are the same call. */
function callKey(tool: string, args: Record<string, unknown>): string {
  const stable = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(stable)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, stable(x)]),
          )
        : v;
  return `${tool}(${JSON.stringify(stable(args))})`;
}
