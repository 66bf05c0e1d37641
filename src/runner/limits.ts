/** How long an example's code may run before the worker is stopped. */
export const TIME_LIMIT_MS = 5_000;
/** How long loading the worker and the transpiler may take on a slow connection. */
export const START_LIMIT_MS = 30_000;
