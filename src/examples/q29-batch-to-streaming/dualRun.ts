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

/** Batch path: sees the whole day at once, including events that arrived late. */
export function runBatch(events: readonly Txn[], model: ScoringModel): Map<string, number> {
  const byUser = new Map<string, Txn[]>();
  for (const e of events) {
    const list = byUser.get(e.userId) ?? [];
    list.push(e);
    byUser.set(e.userId, list);
  }
  const scores = new Map<string, number>();
  for (const e of events) scores.set(e.id, score(features(e, byUser.get(e.userId)!, model), model));
  return scores;
}

/** Streaming path: scores each event on arrival from per-user state. */
export class StreamingScorer {
  private readonly recent = new Map<string, Txn[]>();
  readonly scores = new Map<string, number>();

  constructor(private readonly model: ScoringModel) {}

  handle(event: Txn): number {
    const buffer = this.recent.get(event.userId) ?? [];
    const s = score(features(event, buffer, this.model), this.model);
    this.scores.set(event.id, s);
    buffer.push(event);
    // Keep only what a future window can still need; state stays bounded per user.
    const newest = Math.max(...buffer.map((e) => e.at));
    this.recent.set(
      event.userId,
      buffer.filter((e) => e.at > newest - WINDOW_MS),
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

/** Compare both paths on the same event ids; a dropped event is a failure, not a skipped row. */
export function parity(batch: ReadonlyMap<string, number>, stream: ReadonlyMap<string, number>, tolerance = 1e-9): ParityReport {
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

/**
 * Cut over only after enough consecutive days at or above the parity bar with
 * no event missing from either side: the rate can clear the bar while a few
 * events are lost, and a lost event is a pipeline fault, not a difference to tolerate.
 */
export function readyToCutOver(dailyReports: readonly ParityReport[], minDays: number, minParity = 0.999): boolean {
  const recent = dailyReports.slice(-minDays);
  const complete = (r: ParityReport) => r.missingInStream.length === 0 && r.missingInBatch.length === 0;
  return recent.length >= minDays && recent.every((r) => r.compared > 0 && r.parityRate >= minParity && complete(r));
}
