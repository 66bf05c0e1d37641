/**
 * Demo: a week of the page's trade-off on 1,000 one-chunk documents. 2% of them (20) change each
 * day and compaction waits for the end of the week, so the tombstones build up to the page's
 * 14% of the live count. Then an hour with the connector down, a redelivered feed, a delete
 * overtaken by an older upsert, a query whose nearest entries are tombstones, compaction, and an
 * erasure while the answer cache hangs. Time is a plain variable; on day 3 the connector stalls
 * for 7 minutes.
 */
import { IndexMaintainer, cosine, type ChangeEvent } from './indexMaintainer';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const PURGE_TIMEOUT_MS = 30_000;

/** A whole number with thousands separators, written out so every runtime prints the same. */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');
/** The time of day of a demo time, as hh:mm; the demo's day 0 starts at the epoch, in UTC. */
const timeOfDay = (t: number): string => new Date(t).toISOString().slice(11, 16);

/** Document i sits on a 10 x 10 x 10 grid of whole-number vectors; each version has its own text. */
const vectorOf = (i: number): number[] => [1 + (i % 10), 1 + (Math.floor(i / 10) % 10), 1 + Math.floor(i / 100)];
const docEvent = (i: number, version: number, committedAt: number): ChangeEvent => ({
  kind: 'upsert',
  docId: `doc-${i}`,
  version,
  committedAt,
  chunks: [{ text: `doc-${i}, version ${version}`, vector: vectorOf(i) }],
});

export interface FreshnessDemoResult {
  tombstones: number;
  liveEntries: number;
  worstLagMinutesPerDay: number[];
  outageAppliedLagMinutes: number;
  outageLagMinutes: number;
  redeliveredApplied: number;
  lateUpsert: string;
  hitsNearDeleted: string[];
  compacted: number;
  erasedChunksLeftAtOnce: number;
  pendingAtOnce: string[];
  erasureComplete: boolean;
  afterErasure: string[];
  pendingAfterRetry: number;
}

export async function demo(): Promise<FreshnessDemoResult> {
  let now = 0;
  // Purge timeouts run on the demo's clock: wait() lets the stores that answer do so, then moves the clock on.
  const timers = new Set<{ at: number; fire: () => void }>();
  const schedule = (ms: number, fire: () => void) => {
    const timer = { at: now + ms, fire };
    timers.add(timer);
    return () => void timers.delete(timer);
  };
  const wait = async (ms: number) => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    now += ms;
    for (const t of [...timers]) {
      if (t.at > now) continue;
      timers.delete(t);
      t.fire();
    }
  };

  let cacheHangs = true;
  const answerCache = new Map([['what does customer 42 owe?', 'customer-42']]);
  const promptLogPurges: string[] = [];
  const index = new IndexMaintainer(
    3,
    () => now,
    [
      // Store 0, the answer cache: while it hangs, a request never answers.
      async (docId) => {
        if (cacheHangs) return new Promise<void>(() => undefined);
        answerCache.forEach((source, question) => source === docId && answerCache.delete(question));
      },
      (docId) => void promptLogPurges.push(docId),
    ],
    { purgeTimeoutMs: PURGE_TIMEOUT_MS, schedule },
  );
  const stored = (texts: string[]) => index.storedTexts().filter((t) => texts.includes(t)).length;

  for (let i = 0; i < 1000; i++) index.apply(docEvent(i, 1, 0));
  index.closeLagWindow();
  console.log(`day 0: ${thousands(index.storedTexts().length)} documents indexed, one chunk each`);

  // Days 1-7: 20 documents a day get version 2, committed 2 minutes apart from 09:00, applied 30 s later.
  // The lag window is closed each hour; the demo reads the one from 09:00 to 10:00, where the changes are.
  const worstLagMinutesPerDay: number[] = [];
  const feed: ChangeEvent[][] = [];
  for (let day = 1; day <= 7; day++) {
    const nine = day * DAY + 9 * HOUR;
    index.closeLagWindow(); // 09:00: the quiet hours before had no changes
    feed[day] = Array.from({ length: 20 }, (_, j) => docEvent((((day - 1) * 20 + j) * 37) % 1000, 2, nine + 2 * j * MINUTE));
    for (const event of feed[day]!) {
      const stalledUntil = day === 3 ? nine + 7 * MINUTE : 0; // the connector is down 09:00-09:07 on day 3
      now = Math.max(event.committedAt, stalledUntil) + 30_000;
      index.apply(event);
    }
    worstLagMinutesPerDay.push(index.closeLagWindow() / MINUTE); // 10:00
  }
  const tombstones = index.tombstoneCount();
  const all = index.storedTexts().length;
  const liveEntries = all - tombstones;
  const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
  console.log(
    `days 1-7, 20 updates a day (2%): ${tombstones} tombstones = ${percent(tombstones / liveEntries)} of the ${thousands(liveEntries)} live entries, ${percent(tombstones / all)} of all ${thousands(all)} (percentages computed by the demo)`,
  );
  const overTarget = worstLagMinutesPerDay.filter((m) => m > 5).length;
  console.log(`worst freshness lag from 09:00 to 10:00 each day: ${worstLagMinutesPerDay.join(', ')} min; ${overTarget} of 7 hours over the 5-minute target`);

  // Day 7, 11:00-12:00: the connector is down, so nothing is applied; the oldest change waiting in the feed was committed at 11:10.
  const outageStart = 7 * DAY + 11 * HOUR;
  const waitingSince = outageStart + 10 * MINUTE;
  now = outageStart;
  index.closeLagWindow();
  now += HOUR;
  const outageAppliedLagMinutes = index.maxLagMs() / MINUTE;
  const outageLagMinutes = index.closeLagWindow(waitingSince) / MINUTE;
  console.log(
    `day 7, ${timeOfDay(outageStart)} to ${timeOfDay(now)}, connector down: worst applied lag ${outageAppliedLagMinutes} min; counting the change waiting since ${timeOfDay(waitingSince)}, the hour's lag is ${outageLagMinutes} min`,
  );

  const results = [...feed[7]!].reverse().map((event) => index.apply(event));
  const redeliveredApplied = results.filter((r) => r === 'applied').length;
  console.log(`day 7's 20 events redelivered in reverse order: ${redeliveredApplied} applied, ${results.length - redeliveredApplied} ignored-stale`);

  // doc-37 changed on day 1 (its version 1 is a tombstone); on day 8 it is deleted, then a late copy of version 2 arrives.
  now = 8 * DAY;
  index.apply({ kind: 'delete', docId: 'doc-37', version: 3, committedAt: now });
  const lateUpsert = index.apply(docEvent(37, 2, 1 * DAY));
  const doc37Texts = ['doc-37, version 1', 'doc-37, version 2'];
  console.log(`doc-37 deleted at version 3, then its version 2 arrives late: ${lateUpsert}`);

  const hits = index.query(vectorOf(37), 3);
  const hitsNearDeleted = hits.map((h) => h.docId);
  const show = (list: typeof hits) => list.map((h) => `${h.docId} ${h.score.toFixed(4)}`).join(', ');
  console.log(
    `top 3 at doc-37's vector: ${show(hits)}; doc-37's ${stored(doc37Texts)} stored entries would score ${cosine(vectorOf(37), vectorOf(37)).toFixed(4)} (computed by the demo)`,
  );

  const compacted = index.compact();
  const unchanged = JSON.stringify(index.query(vectorOf(37), 3)) === JSON.stringify(hits);
  console.log(`weekly compaction removes ${compacted} entries; top 3 unchanged: ${unchanged ? 'yes' : 'no'}; doc-37's entries left: ${stored(doc37Texts)}`);

  now = 9 * DAY;
  // customer-42's version 1 is indexed; version 2 is committed at the source but still in the feed when the erasure comes.
  const customerEvent = (version: number, text: string): ChangeEvent => ({
    kind: 'upsert',
    docId: 'customer-42',
    version,
    committedAt: now,
    chunks: [{ text, vector: [1, 1, 1] }],
  });
  const customer = ['customer-42 owes 120 EUR', 'customer-42 owes 80 EUR'];
  const v1 = customerEvent(1, customer[0]!);
  const v2 = customerEvent(2, customer[1]!);
  index.apply(v1);
  const storedBefore = stored(customer);
  const erasing = index.erase('customer-42');
  // Read before the outcome, which waits for every derived store.
  const erasedChunksLeftAtOnce = stored(customer);
  const pendingAtOnce = index.pendingErasures();
  console.log(`erase customer-42 (${storedBefore} chunk stored): as soon as erase() is called, ${erasedChunksLeftAtOnce} left, pending: ${pendingAtOnce.join(', ')}`);
  await wait(PURGE_TIMEOUT_MS);
  const outcome = await erasing;
  console.log(
    `the answer cache hangs; ${PURGE_TIMEOUT_MS / 1000} s later erase() settles: complete: ${outcome.complete} (${outcome.errors.map((e) => (e as Error).message).join(', ')}), pending: ${index.pendingErasures().join(', ')}`,
  );
  const afterErasure = [index.apply(v2), index.apply(v1)];
  console.log(`then its version 2 arrives, in flight before the erasure, and a replay re-sends version 1: ${afterErasure.join(', ')}; ${stored(customer)} chunks stored`);

  cacheHangs = false;
  const pendingAfterRetry = await index.retryPendingPurges();
  const cached = [...answerCache.values()].filter((source) => source === 'customer-42').length;
  console.log(`retry with the cache back: ${pendingAfterRetry} purges pending; cached answers from customer-42: ${cached}; prompt-log purge calls: ${promptLogPurges.length}`);

  return {
    tombstones,
    liveEntries,
    worstLagMinutesPerDay,
    outageAppliedLagMinutes,
    outageLagMinutes,
    redeliveredApplied,
    lateUpsert,
    hitsNearDeleted,
    compacted,
    erasedChunksLeftAtOnce,
    pendingAtOnce,
    erasureComplete: outcome.complete,
    afterErasure,
    pendingAfterRetry,
  };
}
