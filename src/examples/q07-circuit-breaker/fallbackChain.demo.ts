/**
 * Demo: four requests walk down the fallback chain. The primary model answers
 * and fills the cache; then it times out (retried with backoff), and the cache,
 * the baseline model and finally the default value answer in turn. A fifth
 * request has invalid input: it is refused, not answered by a fallback.
 */
import { CircuitBreaker } from './circuitBreaker';
import { InvalidInputError, predictWithFallback, RetryBudget, type TextCache } from './fallbackChain';

type Score = { score: number };

export async function demo(): Promise<string[]> {
  let primaryUp = true;
  let baselineUp = true;
  const store = new Map<string, string>();
  const cache: TextCache = {
    get: async (key) => store.get(key) ?? null,
    set: async (key, value) => void store.set(key, value),
  };
  const slept: number[] = [];
  const options = {
    primary: async (input: { user: string }): Promise<Score> => {
      if (!primaryUp) throw new Error('timeout after 200 ms');
      return { score: input.user === 'ana' ? 0.91 : 0.34 };
    },
    baseline: async (): Promise<Score> => {
      if (!baselineUp) throw new Error('baseline crashed');
      return { score: 0.5 };
    },
    defaultValue: { score: 0 },
    breaker: new CircuitBreaker({ windowMs: 10_000, minimumCalls: 20, failureRateThreshold: 0.5, openMs: 5_000, halfOpenProbes: 1, callTimeoutMs: 200, now: () => 0 }),
    retryBudget: new RetryBudget({ ratio: 0.1, maxTokens: 10 }),
    cache,
    validate: (input: { user: string }) => {
      if (input.user === '') throw new InvalidInputError('user must not be empty');
    },
    isValue: (value: unknown): value is Score => typeof (value as Score | null)?.score === 'number',
    isRetriable: (error: unknown) => error instanceof Error && error.message.startsWith('timeout'),
    maxAttempts: 3,
    baseDelayMs: 50,
    maxDelayMs: 400,
    cacheTtlSeconds: 300,
    cacheTimeoutMs: 20,
    baselineTimeoutMs: 50,
    sleep: async (ms: number) => void slept.push(ms), // no real waiting in a demo
    random: () => 1, // the largest backoff, so the schedule is easy to read
  };

  const sources: string[] = [];
  const ask = async (user: string, note: string): Promise<void> => {
    const served = await predictWithFallback({ user }, options);
    sources.push(served.source);
    console.log(`${user}: score ${served.value.score} from ${served.source} (${note})`);
  };

  await ask('ana', 'primary healthy');
  primaryUp = false;
  await ask('ana', 'primary times out, answer cached earlier');
  console.log(`backoff between retries: ${slept.join(' ms, ')} ms`);
  await ask('ben', 'primary down, nothing cached');
  baselineUp = false;
  await ask('cyd', 'primary and baseline down');
  await predictWithFallback({ user: '' }, options).catch((error: unknown) => {
    sources.push('refused');
    console.log(`(empty user): refused with "${(error as Error).message}", not answered by a fallback`);
  });
  return sources;
}
