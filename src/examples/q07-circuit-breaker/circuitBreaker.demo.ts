/**
 * Demo: a model server goes down and comes back. The breaker opens on the
 * failure ratio, fails fast while open, probes when the cool-down ends and
 * closes again. The clock is a plain variable, so "5 seconds" pass at once.
 */
import { CircuitBreaker, CircuitOpenError } from './circuitBreaker';

export async function demo(): Promise<{ transitions: string[]; failedFast: number }> {
  let now = 0;
  let serverUp = true;
  const breaker = new CircuitBreaker({
    windowMs: 10_000,
    minimumCalls: 20,
    failureRateThreshold: 0.2,
    openMs: 5_000,
    halfOpenProbes: 3,
    callTimeoutMs: 1_000, // a call that hangs counts as a failure, so a probe cannot hang for ever
    now: () => now,
  });
  const model = async (): Promise<string> => {
    if (!serverUp) throw new Error('503 from the model server');
    return 'prediction';
  };

  const transitions: string[] = [breaker.current];
  let calls = 0;
  let failures = 0;
  let failedFast = 0;
  const call = async (): Promise<void> => {
    try {
      calls++;
      await breaker.execute(model);
    } catch (error) {
      if (error instanceof CircuitOpenError) failedFast++;
      else failures++;
    }
    if (breaker.current !== transitions.at(-1)) {
      transitions.push(breaker.current);
      console.log(`t=${now} ms, call ${calls} (${failures} failed so far): the breaker is now ${breaker.current}`);
    }
  };

  console.log('16 healthy calls, then the model server goes down');
  for (let i = 0; i < 16; i++, now += 100) await call();
  serverUp = false;
  for (let i = 0; i < 10; i++, now += 100) await call();
  console.log(`${failedFast} calls failed fast instead of waiting on a dead server`);

  console.log('the server recovers; 5 s later the breaker lets probes through');
  serverUp = true;
  now += 5_000;
  for (let i = 0; i < 3; i++, now += 100) await call();
  return { transitions, failedFast };
}
