/**
 * Demo: a 14-day dual run of model fraud@17, 150 users with 8 transactions a day each.
 * The nightly batch job and the streaming handler call the same features() and score(),
 * so in event-time order they agree on every event and the cut-over gate opens. Then
 * the same day 14 is replayed with the faults the parity job exists to catch: a batch
 * job that reads one partition or normalises with tonight's statistics, a late event,
 * a redelivered one and one the stream lost. Event times are fixed numbers; nothing waits.
 */
import { parity, readyToCutOver, runBatch, StreamingScorer, type DailyParity, type ParityReport, type ScoringModel, type StreamOptions, type Txn } from './dualRun';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 10, 1); // day 1 is 1 November 2026
const USERS = 150;
/** The cut-over bar: every one of 14 consecutive days at this parity or more, with no event missing. */
const PARITY_BAR = 0.999;
const MIN_DAYS = 14;

const model: ScoringModel = {
  version: 'fraud@17',
  amountMean: 90,
  amountStd: 45,
  weights: { bias: -5, count24h: 0.25, sum24h: 0.003, amountZ: 0.9 },
};

/** Day d's transactions in event-time order: each user pays every 3 hours from a fixed minute of the day. */
function transactions(d: number): Txn[] {
  const events: Txn[] = [];
  for (let u = 0; u < USERS; u++) {
    const userId = `u${String(u).padStart(3, '0')}`;
    for (let i = 0; i < 8; i++) {
      const at = START + (d - 1) * DAY + i * 3 * HOUR + ((u * 7) % 180) * 60_000;
      events.push({ id: `${userId}-${d}-${i}`, userId, amount: 5 + ((u * 31 + i * 17 + d * 13) % 197) + 0.35, at });
    }
  }
  return events.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

interface Arrival {
  readonly event: Txn;
  readonly arrivedAt: number;
}
const onTime = (events: readonly Txn[]): Arrival[] => events.map((event) => ({ event, arrivedAt: event.at }));

/** The stream's scores for the events of one day. */
function ofDay(scores: ReadonlyMap<string, number>, day: readonly Txn[]): Map<string, number> {
  return new Map(day.filter((e) => scores.has(e.id)).map((e) => [e.id, scores.get(e.id)!]));
}

function stream(arrivals: readonly Arrival[], options?: StreamOptions): Map<string, number> {
  const scorer = new StreamingScorer(model, options);
  for (const { event, arrivedAt } of arrivals) scorer.handle(event, arrivedAt);
  return scorer.scores;
}

/** An integer with thousands separators; written out so every browser prints the same. */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');
const percent = (rate: number): string => `${(rate * 100).toFixed(2)} %`;
const bar = `${(PARITY_BAR * 100).toFixed(1)} %`;
const clock = (t: number): string => new Date(t).toISOString().slice(11, 16);

export function demo(): {
  inOrder: { compared: number; mismatches: number; missing: number; ready: boolean };
  day14: Record<string, string[] | number>;
  lateness: { parityRate: number; missing: number; ready: boolean };
  lost: { parityRate: number; missingInStream: readonly string[]; ready: boolean };
} {
  const days = Array.from({ length: 14 }, (_, i) => transactions(i + 1));
  const date = (d: number): string => new Date(START + (d - 1) * DAY).toISOString().slice(0, 10);

  // The dual run: one streaming handler sees all 14 days; the batch job scores each day with the previous 24 h as history.
  const scorer = new StreamingScorer(model);
  for (const e of days.flat()) scorer.handle(e, e.at);
  const batch = days.map((day, i) => runBatch(day, model, days[i - 1] ?? []));
  const daily: DailyParity[] = days.map((day, i) => ({ day: date(i + 1), report: parity(batch[i]!, ofDay(scorer.scores, day)) }));
  const reports = daily.map((d) => d.report);
  const total = (count: (r: ParityReport) => number): number => reports.reduce((sum, r) => sum + count(r), 0);
  const inOrder = {
    compared: total((r) => r.compared),
    mismatches: total((r) => r.mismatches.length),
    missing: total((r) => r.missingInStream.length + r.missingInBatch.length),
    ready: readyToCutOver(daily, MIN_DAYS, PARITY_BAR),
  };
  console.log(`${model.version}, ${daily[0]!.day} to ${daily[13]!.day}, ${days[0]!.length} transactions a day, batch and stream on the same events:`);
  console.log(
    `  ${thousands(inOrder.compared)} compared, ${inOrder.mismatches} mismatches, ${inOrder.missing} missing; lowest daily parity ${percent(Math.min(...reports.map((r) => r.parityRate)))}`,
  );
  console.log(`  ready to cut over after ${MIN_DAYS} days at ${bar} or more: ${inOrder.ready ? 'yes' : 'no'}`);

  // Day 14 again, against the batch job's correct output, with one fault at a time.
  const [day13, day14] = [days[12]!, days[13]!];
  const correct = batch[13]!;
  const twoDays = [...day13, ...day14];
  /** The ids that fail parity on day 14: a different score, or scored by one side only. */
  const differ = (scores: ReadonlyMap<string, number>, streamed: ReadonlyMap<string, number>): string[] => {
    const report = parity(scores, ofDay(streamed, day14));
    return [...report.mismatches.map((m) => m.id), ...report.missingInStream, ...report.missingInBatch];
  };
  const cleanStream = stream(onTime(twoDays));
  console.log(`${daily[13]!.day} replayed with one fault at a time (${day14.length} events):`);

  const partitionOnly = differ(runBatch(day14, model), cleanStream);
  console.log(`  batch reads the day's partition alone: ${partitionOnly.length} fail parity`);

  const mean = day14.reduce((s, e) => s + e.amount, 0) / day14.length;
  const std = Math.sqrt(day14.reduce((s, e) => s + (e.amount - mean) ** 2, 0) / day14.length);
  const tonight = differ(runBatch(day14, { ...model, amountMean: mean, amountStd: std }, day13), cleanStream);
  console.log(
    `  batch normalises with tonight's mean ${mean.toFixed(1)} and std ${std.toFixed(1)} (computed here), not the model's ${model.amountMean} and ${model.amountStd}: ${tonight.length} fail`,
  );

  // u007's fourth transaction of the day reaches the log just after its sixth.
  const byId = (id: string): Txn => twoDays.find((e) => e.id === id)!;
  const late = byId('u007-14-3');
  const after = byId('u007-14-5');
  const lateArrival = onTime(twoDays.filter((e) => e !== late));
  lateArrival.splice(lateArrival.findIndex((a) => a.event === after) + 1, 0, { event: late, arrivedAt: after.at });
  const lateDiffer = differ(correct, stream(lateArrival));
  const withLateness = differ(correct, stream(lateArrival, { allowedLatenessMs: 12 * HOUR }));
  // That day as the 14th of the run: nothing is missing, so only the parity bar decides the gate.
  const latenessReport = parity(correct, ofDay(stream(lateArrival, { allowedLatenessMs: 12 * HOUR }), day14));
  const latenessReady = readyToCutOver([...daily.slice(0, 13), { day: daily[13]!.day, report: latenessReport }], MIN_DAYS, PARITY_BAR);
  const missingOf = (r: ParityReport): number => r.missingInStream.length + r.missingInBatch.length;
  console.log(`  ${late.id} (${clock(late.at)}) arrives after ${after.id} (${clock(after.at)}): ${lateDiffer.length} fail, ${lateDiffer.join(', ')}`);
  console.log(`    with state kept for 12 h of allowed lateness: ${withLateness.length} fail, ${withLateness.join(', ')}`);
  console.log(
    `    as day ${MIN_DAYS} of the run: parity ${percent(latenessReport.parityRate)} (${latenessReport.parityRate >= PARITY_BAR ? 'at or above' : 'below'} ${bar}), ${missingOf(latenessReport)} missing; ready to cut over: ${latenessReady ? 'yes' : 'no'}`,
  );

  // At-least-once delivery: u042's third transaction is delivered again after its fourth.
  const again = byId('u042-14-2');
  const redelivery = onTime(twoDays);
  redelivery.splice(redelivery.findIndex((a) => a.event.id === 'u042-14-3') + 1, 0, { event: { ...again }, arrivedAt: byId('u042-14-3').at });
  const redelivered = differ(correct, stream(redelivery));
  console.log(`  ${again.id} delivered twice: ${redelivered.length} fail`);

  // The stream never scores one event, the last of its user's day, so no other window changes.
  const dropped = 'u149-14-7';
  const lostReport = parity(correct, ofDay(stream(onTime(twoDays.filter((e) => e.id !== dropped))), day14));
  const lostReady = readyToCutOver([...daily.slice(0, 13), { day: daily[13]!.day, report: lostReport }], MIN_DAYS, PARITY_BAR);
  console.log(
    `  the stream loses ${dropped}: parity ${percent(lostReport.parityRate)} (${lostReport.parityRate >= PARITY_BAR ? 'at or above' : 'below'} ${bar}), missing ${lostReport.missingInStream.join(', ')}; ready to cut over: ${lostReady ? 'yes' : 'no'}`,
  );

  return {
    inOrder,
    day14: { partitionOnly: partitionOnly.length, tonightsStatistics: tonight.length, late: lateDiffer, lateWithAllowedLateness: withLateness, redelivered: redelivered.length },
    lateness: { parityRate: latenessReport.parityRate, missing: missingOf(latenessReport), ready: latenessReady },
    lost: { parityRate: lostReport.parityRate, missingInStream: lostReport.missingInStream, ready: lostReady },
  };
}
