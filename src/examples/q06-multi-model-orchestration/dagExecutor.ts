/**
 * A small in-process DAG executor for multi-model inference.
 *
 * Each node starts as soon as its own dependencies are done, so independent
 * models run concurrently and the request takes the critical path, not the
 * sum of all model latencies. Every node has its own timeout and may have a
 * fallback; a node without one fails, and only the nodes that depend on it
 * are skipped, unless they have a fallback of their own. An optional request
 * deadline caps every node's timeout at the time left, and fallbacks get a
 * short limit of their own, so the response is due by deadline + fallbackTimeoutMs.
 *
 * A per-request fallback like this is not a circuit breaker: a breaker keeps
 * state across requests (see Q7). Model clients are passed in as `run`
 * functions, so one pooled HTTP/gRPC client can be shared across requests
 * instead of opening a new session per call.
 */

export type NodeInputs = Readonly<Record<string, unknown>>;

export interface DagNode {
  readonly id: string;
  readonly deps: readonly string[];
  /**
   * Model call. It must stop work when `signal` aborts (pass it to fetch or the gRPC call)
   * and throw on an error answer: fetch resolves on a 5xx, so check `res.ok`.
   */
  readonly run: (inputs: NodeInputs, signal: AbortSignal) => Promise<unknown>;
  readonly timeoutMs: number;
  /**
   * Degraded value (cached embedding, popularity ranking) used when `run` fails or times out,
   * or when a dependency failed (then `inputs` lacks its value). May be async; it is awaited for
   * at most fallbackTimeoutMs, and `signal` aborts when that runs out.
   */
  readonly fallback?: (inputs: NodeInputs, error: unknown, signal: AbortSignal) => unknown;
}

export type NodeStatus = 'ok' | 'fallback' | 'failed' | 'skipped';

export interface DagResult {
  readonly outputs: ReadonlyMap<string, unknown>;
  readonly status: ReadonlyMap<string, NodeStatus>;
  /**
   * Why a node is not 'ok': its error or an UpstreamError; if the fallback failed too, an AggregateError
   * of both, or a DeadlineError whose `cause` is the node's error if the fallback ran out of time.
   */
  readonly errors: ReadonlyMap<string, unknown>;
}

export class TimeoutError extends Error {
  constructor(
    readonly nodeId: string,
    readonly timeoutMs: number,
  ) {
    super(`node "${nodeId}" exceeded its ${timeoutMs} ms timeout`);
    this.name = 'TimeoutError';
  }
}

/** A node ran out of the request deadline, or its fallback out of its time limit. */
export class DeadlineError extends Error {
  constructor(
    readonly nodeId: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DeadlineError';
  }
}

/** Why a node did not run: a dependency failed. */
export class UpstreamError extends Error {
  constructor(
    readonly nodeId: string,
    readonly failedDeps: readonly string[],
  ) {
    super(`node "${nodeId}" did not run: ${failedDeps.join(', ')} failed`);
    this.name = 'UpstreamError';
  }
}

/** Resolves after `ms`; `cancel` aborts when the call finished first, so no timer is left behind. */
export type Sleep = (ms: number, cancel: AbortSignal) => Promise<void>;
const realSleep: Sleep = (ms, cancel) =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    cancel.addEventListener('abort', () => clearTimeout(timer), { once: true });
  });

/** Rejects unknown dependencies and cycles before anything runs; returns a topological order. */
export function topologicalOrder(nodes: readonly DagNode[]): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  if (byId.size !== nodes.length) throw new Error('node ids must be unique');
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new Error(`cycle: ${[...path, id].join(' -> ')}`);
    const node = byId.get(id);
    if (!node) throw new Error(`unknown dependency "${id}" of "${path.at(-1) ?? '?'}"`);
    state.set(id, 'visiting');
    for (const dep of node.deps) visit(dep, [...path, id]);
    state.set(id, 'done');
    order.push(id);
  };
  for (const node of nodes) visit(node.id, []);
  return order;
}

/**
 * Longest path through the DAG for a per-node weight: with typical latencies it
 * is the expected request latency; with `timeoutMs` it is the worst case, which
 * must fit inside the endpoint's SLA.
 */
export function criticalPathMs(nodes: readonly DagNode[], weight: (n: DagNode) => number): number {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const finish = new Map<string, number>();
  for (const id of topologicalOrder(nodes)) {
    const node = byId.get(id)!;
    const ms = weight(node);
    if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError(`weight of node "${id}" must be a finite number of ms >= 0, got ${ms}`);
    const start = Math.max(0, ...node.deps.map((d) => finish.get(d) ?? 0));
    finish.set(id, start + ms);
  }
  return Math.max(0, ...finish.values());
}

/** The longest delay setTimeout supports; a longer one fires at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

// NaN, 0 or a value past 2^31 - 1 would make a timer fire at once; Infinity would never time out.
const isValidMs = (ms: number) => Number.isFinite(ms) && ms > 0 && ms <= MAX_TIMEOUT_MS;

export interface RunOptions {
  /** Whole-request budget: each node's timeout becomes min(its own, time left). */
  readonly deadlineMs?: number;
  /** Longest wait for one fallback (a cache read); none runs past deadline + this. Default 10 ms. */
  readonly fallbackTimeoutMs?: number;
  readonly sleep?: Sleep;
  /** Monotonic clock in ms; tests pass a virtual one. */
  readonly now?: () => number;
}

export async function runDag(nodes: readonly DagNode[], options: RunOptions = {}): Promise<DagResult> {
  const { deadlineMs, fallbackTimeoutMs = 10, sleep = realSleep, now = () => performance.now() } = options;
  topologicalOrder(nodes);
  for (const { id, timeoutMs } of nodes) {
    if (!isValidMs(timeoutMs)) throw new RangeError(`node "${id}" timeoutMs must be a positive number of ms up to ${MAX_TIMEOUT_MS}, got ${timeoutMs}`);
  }
  if (deadlineMs !== undefined && !isValidMs(deadlineMs)) {
    throw new RangeError(`deadlineMs must be a positive number of ms up to ${MAX_TIMEOUT_MS}, got ${deadlineMs}`);
  }
  if (!isValidMs(fallbackTimeoutMs)) {
    throw new RangeError(`fallbackTimeoutMs must be a positive number of ms up to ${MAX_TIMEOUT_MS}, got ${fallbackTimeoutMs}`);
  }
  const deadlineAt = deadlineMs === undefined ? Number.POSITIVE_INFINITY : now() + deadlineMs;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const outputs = new Map<string, unknown>();
  const status = new Map<string, NodeStatus>();
  const errors = new Map<string, unknown>();
  const started = new Map<string, Promise<unknown>>();

  /** Runs `work` for at most `ms`; if time runs out, aborts it and throws `late`. Leaves no timer behind. */
  const within = async (ms: number, work: (signal: AbortSignal) => unknown, late: () => Error): Promise<unknown> => {
    const controller = new AbortController();
    const settled = new AbortController();
    let timedOut = false;
    const timer = sleep(ms, settled.signal).then(() => {
      timedOut = true;
      controller.abort(); // Cancel the losing call instead of leaving it running.
    });
    // Called in a promise chain, so work that throws synchronously fails like a rejected call and still cancels the timer.
    const call = Promise.resolve().then(() => work(controller.signal));
    await Promise.race([call.catch(() => undefined), timer]);
    settled.abort();
    if (timedOut) throw late();
    return call;
  };

  const outOfTime = (id: string) => new DeadlineError(id, `node "${id}" ran out of the request's ${deadlineMs} ms deadline`);

  const runNode = async (node: DagNode, inputs: NodeInputs): Promise<unknown> => {
    const timeLeft = deadlineAt - now();
    if (timeLeft <= 0) throw outOfTime(node.id); // Not worth starting: fail and let the fallback answer.
    const limitMs = Math.min(node.timeoutMs, timeLeft);
    const late = () => (limitMs < node.timeoutMs ? outOfTime(node.id) : new TimeoutError(node.id, node.timeoutMs));
    return within(limitMs, (signal) => node.run(inputs, signal), late);
  };

  const runFallback = async (node: DagNode, inputs: NodeInputs, error: unknown): Promise<unknown> => {
    // Each fallback waits at most fallbackTimeoutMs and none past deadline + fallbackTimeoutMs;
    // a synchronous one (a constant, an in-memory cache) still wins a 0 ms race.
    const limitMs = Math.max(0, Math.min(fallbackTimeoutMs, deadlineAt + fallbackTimeoutMs - now()));
    const late = () => new DeadlineError(node.id, `fallback of node "${node.id}" did not answer within ${Math.round(limitMs)} ms`, { cause: error });
    return within(limitMs, (signal) => node.fallback!(inputs, error, signal), late);
  };

  const start = (id: string): Promise<unknown> => {
    const existing = started.get(id);
    if (existing) return existing;
    const node = byId.get(id)!;
    const promise = (async () => {
      const settled = await Promise.allSettled(node.deps.map(start));
      const failedDeps = node.deps.filter((_, i) => settled[i]!.status === 'rejected');
      const inputs = Object.fromEntries(node.deps.filter((d) => outputs.has(d)).map((d) => [d, outputs.get(d)]));
      try {
        if (failedDeps.length > 0) throw new UpstreamError(id, failedDeps);
        outputs.set(id, await runNode(node, inputs));
        status.set(id, 'ok');
      } catch (error) {
        errors.set(id, error);
        if (!node.fallback) {
          status.set(id, error instanceof UpstreamError ? 'skipped' : 'failed');
          throw error;
        }
        try {
          outputs.set(id, await runFallback(node, inputs, error));
          status.set(id, 'fallback');
        } catch (fallbackError) {
          const late = fallbackError instanceof DeadlineError && fallbackError.cause === error; // its cause already records `error`
          errors.set(id, late ? fallbackError : new AggregateError([error, fallbackError], `node "${id}" failed and so did its fallback`));
          status.set(id, 'failed');
          throw fallbackError;
        }
      }
      return outputs.get(id);
    })();
    started.set(id, promise);
    return promise;
  };

  await Promise.allSettled(nodes.map((n) => start(n.id)));
  return { outputs, status, errors };
}
