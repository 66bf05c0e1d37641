/**
 * Event-time window aggregation with a watermark and allowed lateness.
 *
 * Windows are assigned by when an event happened, not when it arrived, so a
 * replay of the same events gives the same features. A bounded-out-of-order
 * watermark decides when a window is complete; events that arrive after that
 * but within the allowed lateness update the result (a late firing), and
 * anything later goes to an explicit side output instead of vanishing.
 */

export interface StreamEvent {
  readonly key: string;
  /** Event time in ms: when it happened at the source. */
  readonly time: number;
  readonly value: number;
}

export interface WindowResult {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly count: number;
  readonly sum: number;
  /** on-time: fired by the watermark; late-update: fired by a late event, replacing any earlier result (upsert it). */
  readonly kind: 'on-time' | 'late-update';
}

export interface WindowConfig {
  readonly sizeMs: number;
  /** Equal to sizeMs (the default) gives tumbling windows; smaller gives sliding windows. */
  readonly slideMs?: number;
  /** How far behind the newest event time an on-time event may be. */
  readonly maxOutOfOrdernessMs: number;
  /** How long after a window fired it still accepts late events. Flink's default is 0. */
  readonly allowedLatenessMs: number;
}

interface WindowState {
  readonly key: string;
  readonly start: number;
  count: number;
  sum: number;
  fired: boolean;
}

export class WindowedAggregator {
  private readonly size: number;
  private readonly slide: number;
  private readonly windows = new Map<string, WindowState>();
  private maxEventTime = Number.NEGATIVE_INFINITY;
  /**
   * Watermark W asserts "no more events with time below W are expected".
   * Window [start, end) fires when W >= end and is dropped when W >= end + allowed lateness.
   */
  private watermarkMs = Number.NEGATIVE_INFINITY;
  /** Side output: events too late for every window they belong to. Alert on its rate. */
  readonly tooLate: StreamEvent[] = [];

  constructor(private readonly config: WindowConfig) {
    this.size = config.sizeMs;
    this.slide = config.slideMs ?? config.sizeMs;
    if (!(this.size > 0) || !(this.slide > 0) || this.slide > this.size) {
      throw new RangeError('need sizeMs > 0 and 0 < slideMs <= sizeMs');
    }
    if (config.maxOutOfOrdernessMs < 0 || config.allowedLatenessMs < 0) throw new RangeError('bounds must be >= 0');
  }

  get watermark(): number {
    return this.watermarkMs;
  }

  /** Start times of every window containing t: one for tumbling, size/slide for sliding. */
  windowStarts(t: number): number[] {
    const starts: number[] = [];
    for (let s = Math.floor(t / this.slide) * this.slide; s > t - this.size; s -= this.slide) starts.push(s);
    return starts.reverse();
  }

  onEvent(event: StreamEvent): WindowResult[] {
    if (!Number.isFinite(event.time) || !Number.isFinite(event.value)) throw new RangeError(`bad event for ${event.key}`);
    const out: WindowResult[] = [];
    let accepted = false;
    for (const start of this.windowStarts(event.time)) {
      const end = start + this.size;
      if (this.watermarkMs >= end + this.config.allowedLatenessMs) continue; // state already dropped
      accepted = true;
      const id = `${event.key}\u0000${start}`;
      const state = this.windows.get(id) ?? { key: event.key, start, count: 0, sum: 0, fired: false };
      state.count += 1;
      state.sum += event.value;
      this.windows.set(id, state);
      // The watermark is past this window's end, so no later advance will fire it:
      // emit now, correcting an earlier firing or giving this key its first result.
      if (this.watermarkMs >= end) {
        state.fired = true;
        out.push(this.result(state, 'late-update'));
      }
    }
    if (!accepted) this.tooLate.push(event);
    this.maxEventTime = Math.max(this.maxEventTime, event.time);
    return out.concat(this.advanceWatermark(this.maxEventTime - this.config.maxOutOfOrdernessMs));
  }

  /** Move the watermark without an event: when the source goes quiet, a timer calls this so open windows still fire. It never goes backwards. */
  advanceWatermark(to: number): WindowResult[] {
    if (to <= this.watermarkMs) return [];
    this.watermarkMs = to;
    const fired: WindowResult[] = [];
    for (const [id, state] of this.windows) {
      const end = state.start + this.size;
      if (!state.fired && this.watermarkMs >= end) {
        state.fired = true;
        fired.push(this.result(state, 'on-time'));
      }
      if (this.watermarkMs >= end + this.config.allowedLatenessMs) this.windows.delete(id);
    }
    return fired.sort((a, b) => a.end - b.end || a.key.localeCompare(b.key));
  }

  /** Windows held in memory: the cost of out-of-orderness and lateness. */
  openWindows(): number {
    return this.windows.size;
  }

  private result(state: WindowState, kind: WindowResult['kind']): WindowResult {
    const { key, start, count, sum } = state;
    return { key, start, end: start + this.size, count, sum, kind };
  }
}
