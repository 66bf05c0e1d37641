/**
 * A discrete-time simulation of an LLM server's scheduler. The step cost is a
 * model, not a measurement: fixed overhead + a cost per prompt token processed
 * (prefill) + a cost per sequence that decodes one token. Static batching
 * fixes a batch until its longest request finishes; continuous batching
 * (Orca's iteration-level scheduling) admits and retires requests every step.
 * A request reserves promptTokens + outputTokens of KV budget when admitted.
 */
export interface TraceRequest {
  id: string;
  arrivalMs: number;
  promptTokens: number;
  outputTokens: number;
}
export interface StepCost {
  fixedMs: number;
  perPrefillTokenMs: number;
  perDecodeSequenceMs: number;
}
export interface SchedulerConfig {
  mode: 'static' | 'continuous';
  maxBatch: number;
  kvTokenBudget: number;
  /** Prompt tokens processed per step across the batch; Infinity = whole prompts (no chunking). */
  prefillChunk: number;
}
export interface RequestResult {
  id: string;
  ttftMs: number;
  /** Mean time per output token after the first; undefined for a one-token request, which has no later token. */
  tpotMs: number | undefined;
  /** Longest wait between two consecutive tokens: what a reader sees as a stall. */
  maxGapMs: number;
  finishMs: number;
}
export interface SimulationResult {
  requests: RequestResult[];
  steps: number;
  makespanMs: number;
  /** 0 for an empty trace: no tokens. */
  outputTokensPerSecond: number;
  /** Over all requests; undefined for an empty trace, which has nothing to average. */
  meanTtftMs: number | undefined;
  /** Over the requests with more than one output token; undefined when there are none. */
  meanTpotMs: number | undefined;
}

interface Running {
  req: TraceRequest;
  prefillLeft: number;
  generated: number;
  firstTokenMs: number;
  lastTokenMs: number;
  maxGapMs: number;
}

/** 12345.5 -> "12,345.5", grouped by hand so messages read the same in every locale. */
function grouped(n: number): string {
  const [whole, fraction] = String(n).split('.');
  return whole!.replace(/\B(?=(\d{3})+$)/g, ',') + (fraction === undefined ? '' : `.${fraction}`);
}

function check(trace: readonly TraceRequest[], cost: StepCost, config: SchedulerConfig): void {
  // The named fields, not Object.entries: a missing field must be refused, not skipped.
  for (const field of ['fixedMs', 'perPrefillTokenMs', 'perDecodeSequenceMs'] as const) {
    const value = cost[field];
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`cost.${field} must be a finite number >= 0, got ${grouped(value)}`);
  }
  // Every step carries at least one prompt token or one decoding sequence, so this keeps every step above 0 ms.
  if (!(cost.fixedMs > 0 || (cost.perPrefillTokenMs > 0 && cost.perDecodeSequenceMs > 0))) {
    throw new RangeError('cost: a step must take some time: give fixedMs > 0, or both perPrefillTokenMs and perDecodeSequenceMs > 0');
  }
  if (!Number.isInteger(config.maxBatch) || config.maxBatch < 1) throw new RangeError(`maxBatch must be a positive integer, got ${grouped(config.maxBatch)}`);
  if (!(config.kvTokenBudget > 0) || !Number.isFinite(config.kvTokenBudget)) {
    throw new RangeError(`kvTokenBudget must be a finite positive number, got ${grouped(config.kvTokenBudget)}`);
  }
  const chunk = config.prefillChunk;
  if (chunk !== Infinity && !(Number.isInteger(chunk) && chunk >= 1)) throw new RangeError(`prefillChunk must be a positive integer or Infinity, got ${grouped(chunk)}`);
  const ids = new Set<string>();
  for (const r of trace) {
    if (ids.has(r.id)) throw new RangeError(`request id ${r.id} appears twice`);
    ids.add(r.id);
    if (!Number.isFinite(r.arrivalMs) || r.arrivalMs < 0) throw new RangeError(`${r.id}: arrivalMs must be >= 0, got ${grouped(r.arrivalMs)}`);
    if (!Number.isInteger(r.promptTokens) || r.promptTokens < 1) throw new RangeError(`${r.id}: promptTokens must be a positive integer`);
    if (!Number.isInteger(r.outputTokens) || r.outputTokens < 1) throw new RangeError(`${r.id}: outputTokens must be a positive integer`);
    if (r.promptTokens + r.outputTokens > config.kvTokenBudget) throw new RangeError(`${r.id}: needs more than kvTokenBudget (${grouped(config.kvTokenBudget)}) on its own`);
  }
}

export function simulate(trace: readonly TraceRequest[], cost: StepCost, config: SchedulerConfig): SimulationResult {
  check(trace, cost, config);
  const waiting = [...trace].sort((a, b) => a.arrivalMs - b.arrivalMs);
  // From the sorted list: Math.min(...arrivals) overflows the stack on a long trace.
  const start = waiting[0]?.arrivalMs ?? 0;
  const batch: Running[] = [];
  const done: RequestResult[] = [];
  let now = 0;
  let steps = 0;
  let reserved = 0;
  let head = 0; // the next waiting request: an index, since shift() on a long queue takes quadratic time overall
  while (head < waiting.length || batch.length > 0) {
    // Static batching admits only into an empty batch; continuous admits every step (FIFO, no overtaking).
    if (config.mode === 'continuous' || batch.length === 0) {
      while (head < waiting.length && waiting[head]!.arrivalMs <= now && batch.length < config.maxBatch) {
        const next = waiting[head]!;
        if (reserved + next.promptTokens + next.outputTokens > config.kvTokenBudget) break;
        head++;
        reserved += next.promptTokens + next.outputTokens;
        batch.push({ req: next, prefillLeft: next.promptTokens, generated: 0, firstTokenMs: 0, lastTokenMs: 0, maxGapMs: 0 });
      }
    }
    if (batch.length === 0) {
      const next = waiting[head]!;
      // An empty batch has every slot and all KV free, so an arrived request that cannot join now never will: fail, do not loop.
      if (next.arrivalMs <= now) throw new Error(`scheduler stuck: ${next.id} has arrived but cannot join an empty batch`);
      now = next.arrivalMs; // idle until the next arrival
      continue;
    }
    let chunkLeft = config.prefillChunk;
    let prefillTokens = 0;
    let decoding = 0;
    const producing: Running[] = [];
    for (const seq of batch) {
      if (seq.generated === seq.req.outputTokens) {
        decoding++; // static batching: a finished sequence keeps its slot and is still computed (padding)
      } else if (seq.prefillLeft > 0) {
        const take = Math.min(seq.prefillLeft, chunkLeft);
        seq.prefillLeft -= take;
        chunkLeft -= take;
        prefillTokens += take;
        if (seq.prefillLeft === 0) producing.push(seq); // the last prefill pass yields the first token
      } else {
        decoding++;
        producing.push(seq);
      }
    }
    now += cost.fixedMs + cost.perPrefillTokenMs * prefillTokens + cost.perDecodeSequenceMs * decoding;
    steps++;
    for (const seq of producing) {
      if (seq.generated === 0) seq.firstTokenMs = now;
      else seq.maxGapMs = Math.max(seq.maxGapMs, now - seq.lastTokenMs);
      seq.lastTokenMs = now;
      seq.generated++;
      if (seq.generated === seq.req.outputTokens) {
        const { id, arrivalMs, outputTokens } = seq.req;
        const tpotMs = outputTokens > 1 ? (now - seq.firstTokenMs) / (outputTokens - 1) : undefined;
        done.push({ id, ttftMs: seq.firstTokenMs - arrivalMs, tpotMs, maxGapMs: seq.maxGapMs, finishMs: now });
      }
    }
    const finished = (s: Running) => s.generated === s.req.outputTokens;
    if (config.mode === 'continuous' || batch.every(finished)) {
      for (let i = batch.length - 1; i >= 0; i--) {
        const seq = batch[i]!;
        if (!finished(seq)) continue;
        batch.splice(i, 1);
        reserved -= seq.req.promptTokens + seq.req.outputTokens;
      }
    }
  }
  const totalOutput = trace.reduce((sum, r) => sum + r.outputTokens, 0);
  const makespanMs = now - start;
  // Undefined with nothing to average, for TTFT and TPOT alike.
  const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);
  const order = new Map(trace.map((r, i) => [r.id, i]));
  done.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const tpotValues = done.flatMap((r) => (r.tpotMs === undefined ? [] : [r.tpotMs]));
  return {
    requests: done,
    steps,
    makespanMs,
    outputTokensPerSecond: makespanMs > 0 ? (totalOutput / makespanMs) * 1000 : 0,
    meanTtftMs: mean(done.map((r) => r.ttftMs)),
    meanTpotMs: mean(tpotValues),
  };
}
