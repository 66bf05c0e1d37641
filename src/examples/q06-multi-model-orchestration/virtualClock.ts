/**
 * Virtual time for running the DAG executor without waiting: sleep() registers a
 * timer, runAll() fires the timers in time order and moves `now` to each one. The
 * tests and the demo pass `sleep` and `clock` to runDag.
 */
export class VirtualClock {
  now = 0;
  private timers: { at: number; fire: () => void }[] = [];
  /** The current virtual time in ms, as runDag's `now` option. */
  readonly clock = (): number => this.now;

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Resolves when runAll() reaches now + ms; an abort of `cancel` removes the timer. */
  readonly sleep = (ms: number, cancel?: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      const timer = { at: this.now + ms, fire: resolve };
      this.timers.push(timer);
      cancel?.addEventListener('abort', () => (this.timers = this.timers.filter((t) => t !== timer)));
    });

  /**
   * Fires timers in time order until none is left. Before each step it yields to the event loop once,
   * so every pending promise chain runs to its next sleep, however many awaits that takes.
   */
  async runAll(): Promise<void> {
    await yieldToEventLoop();
    while (this.timers.length > 0) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift()!;
      this.now = Math.max(this.now, next.at);
      next.fire();
      await yieldToEventLoop();
    }
  }
}

/** A timer callback runs only once the microtask queue is empty; its 0 ms delay is real, not virtual, time. */
const yieldToEventLoop = (): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, 0));
