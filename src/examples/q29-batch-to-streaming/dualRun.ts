/**
 * Moving a fraud model from a nightly batch job to a streaming handler
 * without retraining it: both paths call the same pure feature and scoring
 * functions, and a parity check compares their outputs on the same events
 * during a dual run before consumers are cut over.
 */

export interface Txn {
  readonly id: string;
  readonly userId: string;
  readonly amount: number;
  /** Event time in ms: when it happened, not when it arrived. */
  readonly at: number;
}

/**
 * Everything the trained model needs, loaded from one registry version.
 * Normalisation statistics are frozen at training time: a batch job that
 * normalises with the mean of tonight's batch has no streaming equivalent.
 */
export interface ScoringModel {
  readonly version: string;
  readonly amountMean: number;
  readonly amountStd: number;
  readonly weights: { readonly bias: number; readonly count24h: number; readonly sum24h: number; readonly amountZ: number };
}

export interface Features {
  readonly count24h: number;
  readonly sum24h: number;
  readonly amountZ: number;
}

export const WINDOW_MS = 24 * 60 * 60 * 1000;

/** Fail when the model is loaded, not on every event: a zero deviation turns every z-score into NaN or Infinity. */
function checkModel(model: ScoringModel): void {
  if (!(Number.isFinite(model.amountStd) && model.amountStd > 0)) throw new RangeError(`model ${model.version}: amountStd must be a positive number`);
}

/** A record with a non-finite time or amount would poison a user's window and sums for the next 24 h. */
function usable(e: Txn): boolean {
  return Number.isFinite(e.at) && Number.isFinite(e.amount);
}

/** One total order on events (event time, then id), used by both paths. */
export function precedes(a: Txn, b: Txn): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}

/** Pure: the features of `event` from the user's events before it in the last 24 h (half-open window). */
export function features(event: Txn, history: readonly Txn[], model: ScoringModel): Features {
  const window = history
    .filter((h) => h.userId === event.userId && precedes(h, event) && h.at > event.at - WINDOW_MS)
    .sort((a, b) => (precedes(a, b) ? -1 : precedes(b, a) ? 1 : 0)); // a fixed order keeps float sums identical
  return {
    count24h: window.length,
    sum24h: window.reduce((sum, h) => sum + h.amount, 0),
    amountZ: (event.amount - model.amountMean) / model.amountStd,
  };
}

/** Pure: the model's probability of fraud for a feature vector. */
export function score(f: Features, model: ScoringModel): number {
  const w = model.weights;
  const logit = w.bias + w.count24h * f.count24h + w.sum24h * f.sum24h + w.amountZ * f.amountZ;
  return 1 / (1 + Math.exp(-logit));
}

/**
 * Batch path for one day: scores `toScore` only, with windows that also see `history`
 * (the previous 24 h; a day's partition alone gives wrong windows). It sees only events
 * that arrived before it ran. A bounded job can stop on a bad row, so it throws.
 */
export function runBatch(toScore: readonly Txn[], model: ScoringModel, history: readonly Txn[] = []): Map<string, number> {
  checkModel(model);
  const byUser = new Map<string, Txn[]>();
  const firstById = new Map<string, Txn>();
  for (const e of [...history, ...toScore]) {
    if (!usable(e)) throw new RangeError(`event ${e.id}: time and amount must be finite numbers`);
    if (firstById.has(e.id)) continue; // a duplicate row must not count twice in anyone's window
    firstById.set(e.id, e);
    const list = byUser.get(e.userId) ?? [];
    list.push(e);
    byUser.set(e.userId, list);
  }
  const scores = new Map<string, number>();
  for (const { id } of toScore) {
    const e = firstById.get(id)!; // score the copy the windows count, as the stream keeps the first delivery
    if (!scores.has(id)) scores.set(id, score(features(e, byUser.get(e.userId)!, model), model));
  }
  return scores;
}

export interface StreamOptions {
  /** How late an event may arrive and still find its whole window: history is kept for window + lateness + clock skew. */
  readonly allowedLatenessMs?: number;
  /** An event stamped further ahead of its arrival than this has a bad clock (default 5 minutes, a rule of thumb). */
  readonly maxClockSkewMs?: number;
}

/** Streaming path: scores each event on arrival from per-user state. */
export class StreamingScorer {
  private readonly recent = new Map<string, Txn[]>();
  private readonly newest = new Map<string, number>(); // per user: no Math.max(...buffer) over a hot key
  /** Scores by event id, which also makes redelivery harmless; a real job keeps it in state restored from checkpoints, with a TTL. */
  readonly scores = new Map<string, number>();
  /** Dead letters: events kept out of state because their time or amount cannot be trusted. */
  readonly quarantined: Txn[] = [];
  private readonly retentionMs: number;
  private readonly maxClockSkewMs: number;

  constructor(
    private readonly model: ScoringModel,
    { allowedLatenessMs = 0, maxClockSkewMs = 5 * 60 * 1000 }: StreamOptions = {},
  ) {
    checkModel(model);
    if (!(allowedLatenessMs >= 0 && maxClockSkewMs >= 0)) throw new RangeError('allowedLatenessMs and maxClockSkewMs must be at least 0');
    this.retentionMs = WINDOW_MS + allowedLatenessMs + maxClockSkewMs; // an accepted event may be stamped up to maxClockSkewMs ahead
    this.maxClockSkewMs = maxClockSkewMs;
  }

  /** `arrivedAt` is when the event reached the log. Returns undefined for a dead-lettered event. */
  handle(event: Txn, arrivedAt: number): number | undefined {
    // A caller bug, not bad data: against NaN the skew check below would pass every event.
    if (!Number.isFinite(arrivedAt)) throw new RangeError('arrivedAt must be a finite time');
    const seen = this.scores.get(event.id);
    if (seen !== undefined) return seen; // at-least-once delivery: a redelivered event is scored once, added to state once
    if (!usable(event) || event.at > arrivedAt + this.maxClockSkewMs) {
      // Throwing would stop the job on this offset; a future time would evict the user's history.
      // Dead letters are few, so a scan keeps a redelivered one from being filed twice.
      if (!this.quarantined.some((q) => q.id === event.id)) this.quarantined.push(event);
      return undefined;
    }
    const buffer = this.recent.get(event.userId) ?? [];
    const s = score(features(event, buffer, this.model), this.model);
    this.scores.set(event.id, s);
    buffer.push(event);
    const newest = Math.max(this.newest.get(event.userId) ?? event.at, event.at);
    this.newest.set(event.userId, newest);
    // Keep what a later event's window can need, even behind an event stamped up to maxClockSkewMs ahead, or an event
    // up to allowedLatenessMs late; an event later than that loses history. Bounded per user, but users are never
    // forgotten: a real engine expires idle keys (state TTL).
    this.recent.set(
      event.userId,
      buffer.filter((e) => e.at > newest - this.retentionMs),
    );
    return s;
  }
}

export interface Mismatch {
  readonly id: string;
  readonly batch: number;
  readonly stream: number;
}

export interface ParityReport {
  readonly compared: number;
  readonly mismatches: readonly Mismatch[];
  readonly missingInStream: readonly string[];
  readonly missingInBatch: readonly string[];
  readonly parityRate: number;
}

/**
 * Compare both paths on the same event ids; a dropped event is a failure, not a skipped row.
 * Exact by default, since both paths run this same code; `tolerance` (an absolute difference
 * in probability) is for comparing two different engines.
 */
export function parity(batch: ReadonlyMap<string, number>, stream: ReadonlyMap<string, number>, tolerance = 0): ParityReport {
  if (!(tolerance >= 0)) throw new RangeError('tolerance must be at least 0');
  const mismatches: Mismatch[] = [];
  const missingInStream: string[] = [];
  for (const [id, b] of batch) {
    const s = stream.get(id);
    if (s === undefined) missingInStream.push(id);
    else if (!(Math.abs(b - s) <= tolerance)) mismatches.push({ id, batch: b, stream: s });
  }
  const missingInBatch = [...stream.keys()].filter((id) => !batch.has(id));
  const compared = batch.size - missingInStream.length;
  const failures = mismatches.length + missingInStream.length + missingInBatch.length;
  const total = compared + missingInStream.length + missingInBatch.length;
  return { compared, mismatches, missingInStream, missingInBatch, parityRate: total === 0 ? 0 : 1 - failures / total };
}

/** One day's parity report; `day` is its date, YYYY-MM-DD. */
export interface DailyParity {
  readonly day: string;
  readonly report: ParityReport;
}

/**
 * Cut over only after `minDays` consecutive days at or above the parity bar with no event
 * missing from either side: the rate can clear the bar while a few events are lost, and a lost
 * event is a pipeline fault. A day needs `minCompared` events: below 1 / (1 - minParity) the
 * bar allows no failure at all, so it silently means 100 %.
 */
export function readyToCutOver(days: readonly DailyParity[], minDays: number, minParity = 0.999, minCompared = 1000): boolean {
  if (!(Number.isInteger(minDays) && minDays >= 1)) throw new RangeError('minDays must be a whole number of days, at least 1');
  const recent = days.slice(-minDays);
  const consecutive = recent.every((d, i) => i === 0 || Date.parse(d.day) - Date.parse(recent[i - 1]!.day) === 86_400_000);
  const good = (r: ParityReport) => r.compared >= minCompared && r.parityRate >= minParity && r.missingInStream.length + r.missingInBatch.length === 0;
  return recent.length >= minDays && consecutive && recent.every((d) => good(d.report));
}
