/**
 * A small in-process DAG executor for multi-model inference.
 *
 * Each node starts as soon as its own dependencies are done, so independent
 * models run concurrently and the request takes the critical path, not the
 * sum of all model latencies. Every node has its own timeout and may have a
 * fallback; a node without one fails, and only the nodes that depend on it
 * are skipped.
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
  /** Model call. It must stop work when `signal` aborts (pass it to fetch or the gRPC call). */
  readonly run: (inputs: NodeInputs, signal: AbortSignal) => Promise<unknown>;
  readonly timeoutMs: number;
  /** Degraded value (cached embedding, popularity ranking) used when `run` fails or times out. */
  readonly fallback?: (inputs: NodeInputs, error: unknown) => unknown;
}

export type NodeStatus = 'ok' | 'fallback' | 'failed' | 'skipped';

export interface DagResult {
  readonly outputs: ReadonlyMap<string, unknown>;
  readonly status: ReadonlyMap<string, NodeStatus>;
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

class SkippedError extends Error {}

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
    const start = Math.max(0, ...node.deps.map((d) => finish.get(d) ?? 0));
    finish.set(id, start + weight(node));
  }
  return Math.max(0, ...finish.values());
}

/** The longest delay setTimeout supports; a longer one fires at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export async function runDag(nodes: readonly DagNode[], sleep: Sleep = realSleep): Promise<DagResult> {
  topologicalOrder(nodes);
  for (const { id, timeoutMs } of nodes) {
    // NaN, 0 or a value past 2^31 - 1 would make the timeout fire at once; Infinity would never time out.
    if (!(Number.isFinite(timeoutMs) && timeoutMs > 0 && timeoutMs <= MAX_TIMEOUT_MS)) {
      throw new RangeError(`node "${id}" timeoutMs must be a positive number of ms up to ${MAX_TIMEOUT_MS}, got ${timeoutMs}`);
    }
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const outputs = new Map<string, unknown>();
  const status = new Map<string, NodeStatus>();
  const errors = new Map<string, unknown>();
  const started = new Map<string, Promise<unknown>>();

  const withTimeout = async (node: DagNode, inputs: NodeInputs): Promise<unknown> => {
    const controller = new AbortController();
    const settled = new AbortController();
    let timedOut = false;
    const timer = sleep(node.timeoutMs, settled.signal).then(() => {
      timedOut = true;
      controller.abort(); // Cancel the losing call instead of leaving it running.
    });
    // Called in a promise chain, so a run that throws synchronously fails like a rejected call and still cancels the timer.
    const call = Promise.resolve().then(() => node.run(inputs, controller.signal));
    await Promise.race([call.catch(() => undefined), timer]);
    settled.abort();
    if (timedOut) throw new TimeoutError(node.id, node.timeoutMs);
    return call;
  };

  const start = (id: string): Promise<unknown> => {
    const existing = started.get(id);
    if (existing) return existing;
    const node = byId.get(id)!;
    const promise = (async () => {
      const settled = await Promise.allSettled(node.deps.map(start));
      if (settled.some((s) => s.status === 'rejected')) {
        status.set(id, 'skipped');
        throw new SkippedError(id);
      }
      const inputs = Object.fromEntries(node.deps.map((d) => [d, outputs.get(d)]));
      try {
        outputs.set(id, await withTimeout(node, inputs));
        status.set(id, 'ok');
      } catch (error) {
        errors.set(id, error);
        if (!node.fallback) {
          status.set(id, 'failed');
          throw error;
        }
        try {
          outputs.set(id, node.fallback(inputs, error));
          status.set(id, 'fallback');
        } catch (fallbackError) {
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
