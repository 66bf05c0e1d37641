/**
 * Demo: the same eight requests under static batching, continuous batching,
 * and continuous batching with prefill chunks of 256 tokens. The step-cost
 * model (5 ms per step + 0.125 ms per prompt token + 0.5 ms per decoding
 * sequence) is illustrative, not measured. Change it, the batch size or the
 * trace, and run again. The 8,192-token KV budget does not bind: the trace
 * reserves 4,000 tokens in all and, four at a time, at most 3,165 at once.
 * Lower it below 3,165 to see the continuous runs queue for KV cache.
 */
import { simulate, type SchedulerConfig, type SimulationResult, type StepCost, type TraceRequest } from './batchScheduler';

export const trace: TraceRequest[] = [
  { id: 'r1', arrivalMs: 0, promptTokens: 200, outputTokens: 20 },
  { id: 'r2', arrivalMs: 0, promptTokens: 300, outputTokens: 200 },
  { id: 'r3', arrivalMs: 10, promptTokens: 100, outputTokens: 30 },
  { id: 'r4', arrivalMs: 20, promptTokens: 400, outputTokens: 40 },
  { id: 'r5', arrivalMs: 50, promptTokens: 2000, outputTokens: 50 },
  { id: 'r6', arrivalMs: 60, promptTokens: 150, outputTokens: 25 },
  { id: 'r7', arrivalMs: 80, promptTokens: 250, outputTokens: 100 },
  { id: 'r8', arrivalMs: 100, promptTokens: 120, outputTokens: 15 },
];
export const cost: StepCost = { fixedMs: 5, perPrefillTokenMs: 0.125, perDecodeSequenceMs: 0.5 };

export function demo(requests: readonly TraceRequest[] = trace): Record<string, SimulationResult> {
  const base: Omit<SchedulerConfig, 'mode' | 'prefillChunk'> = { maxBatch: 4, kvTokenBudget: 8_192 };
  const runs: Record<string, SchedulerConfig> = {
    static: { ...base, mode: 'static', prefillChunk: Infinity },
    continuous: { ...base, mode: 'continuous', prefillChunk: Infinity },
    'continuous, chunk 256': { ...base, mode: 'continuous', prefillChunk: 256 },
  };
  const results: Record<string, SimulationResult> = {};
  for (const [name, config] of Object.entries(runs)) {
    const r = simulate(requests, cost, config);
    results[name] = r;
    // Math.max() of nothing is -Infinity: an empty trace has no gap to report.
    const worstGap = r.requests.length > 0 ? `${Math.max(...r.requests.map((q) => q.maxGapMs)).toFixed(1)} ms` : 'n/a';
    console.log(
      `${name}: mean TTFT ${r.meanTtftMs === undefined ? 'n/a' : `${r.meanTtftMs.toFixed(0)} ms`}, mean TPOT ${r.meanTpotMs === undefined ? 'n/a' : `${r.meanTpotMs.toFixed(1)} ms`}, worst gap ${worstGap}, ${r.outputTokensPerSecond.toFixed(0)} tokens/s`,
    );
  }
  return results;
}
