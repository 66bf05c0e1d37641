/**
 * Hand-written test doubles for PredictionService's ports, shared by its tests and its demo. The store and the
 * clock are fakes: small working implementations of their ports. The logger is a spy: it records what it is told.
 */
import type { Clock, LogFields, Logger, Model, ModelStore } from './predictionService';

/** Lets pending promise callbacks, such as a background reload, run to completion. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A clock the test moves by hand. Like the event loop, it fires due timers in order and runs promise callbacks after each one. */
export class ManualClock implements Clock {
  private timers: { at: number; callback: () => void }[] = [];
  constructor(private t = 0) {}
  now() {
    return this.t;
  }
  schedule(ms: number, callback: () => void) {
    const timer = { at: this.t + ms, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }
  async advance(ms: number) {
    await settle(); // work already started schedules its timers first
    const until = this.t + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.t = due.at;
      due.callback();
      await settle();
    }
    this.t = until;
  }
  /** Timers neither fired nor cancelled. */
  pending() {
    return this.timers.length;
  }
}

/** A spy: it records every entry, and a test picks out the ones its contract names. */
export class RecordingLogger implements Logger {
  readonly entries: { level: 'info' | 'warn' | 'error'; event: string; fields: LogFields }[] = [];
  info(event: string, fields: LogFields) {
    this.entries.push({ level: 'info', event, fields });
  }
  warn(event: string, fields: LogFields) {
    this.entries.push({ level: 'warn', event, fields });
  }
  error(event: string, fields: LogFields) {
    this.entries.push({ level: 'error', event, fields });
  }
  named(event: string) {
    return this.entries.filter((e) => e.event === event);
  }
  /** Warnings and errors: the entries an alert can fire on. */
  alerts() {
    return this.entries.filter((e) => e.level !== 'info');
  }
}

/** An in-memory model store whose loads take time on the injected clock, fail, or hang until the test releases them. */
export class FakeModelStore implements ModelStore {
  readonly models = new Map<string, Model>();
  loads = 0;
  /** The abort signal of the latest load. */
  lastSignal: AbortSignal | undefined;
  failNext: Error[] = [];
  /** Set to make every load fail until it is cleared: a storage outage. */
  outage: Error | undefined;
  private gate: Promise<void> | undefined;
  private openGate = () => {};
  constructor(
    private readonly clock: ManualClock,
    private readonly loadTimeMs = 0,
  ) {}
  /** Loads started from now on wait until release(): a store that hangs, under the test's control. */
  hold() {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }
  release() {
    this.gate = undefined;
    this.openGate();
  }
  async load(modelId: string, signal: AbortSignal): Promise<Model> {
    this.loads++;
    this.lastSignal = signal;
    if (this.gate) await this.gate;
    // Latency is a timer on the clock, as it is for a real store: the load answers only when the test moves time
    // past it, so the service's deadlines race it fairly.
    if (this.loadTimeMs > 0) await new Promise<void>((resolve) => this.clock.schedule(this.loadTimeMs, resolve));
    signal.throwIfAborted(); // a real adapter hands the signal to its HTTP client, which gives up on abort
    const failure = this.failNext.shift() ?? this.outage;
    if (failure) throw failure;
    const model = this.models.get(modelId);
    if (!model) throw new Error(`no such object: ${modelId}`);
    return model;
  }
}

/** The request's answer if it needs no store round trip, else 'still waiting'. */
export const answeredAtOnce = <T>(request: Promise<T>) => Promise.race([request, settle().then(() => 'still waiting' as const)]);

/** A model that gives the same score for every input. */
export const constantModel = (id: string, value: number): Model => ({ id, predict: () => value });
