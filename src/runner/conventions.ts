/** The few facts the page, the runner and the validator share about runnable examples. */

/** How long an example's code may run before the worker is stopped. */
export const TIME_LIMIT_MS = 5_000;
/** How long loading the worker and the transpiler may take on a slow connection. */
export const START_LIMIT_MS = 30_000;

/** A demo lives beside its module: src/examples/q07-x/circuitBreaker.ts -> src/examples/q07-x/circuitBreaker.demo.ts. */
export function demoPathFor(modulePath: string): string {
  return modulePath.replace(/\.ts$/, '.demo.ts');
}
