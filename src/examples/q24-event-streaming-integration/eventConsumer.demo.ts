/**
 * Demo: the page's consumer on one partition keyed by customer id. A batch of seven events (offsets 0-6) runs in
 * per-key lanes; one event keeps failing, gets the page's three attempts with 100 ms and 200 ms of backoff (300 ms)
 * and is dead-lettered with its key parked, so the customer's next event waits behind it; a payload that fails
 * validation (NonRetryableError) is dead-lettered at once. The commit is lost and the batch comes back: nothing is
 * applied twice. The operator replays the parked key from parkedEvents and it is released. A feature-store outage
 * (503) then fails the next batch with the offset to seek back to instead of parking every key, the lane stopping at
 * its first event, and the re-read applies it once. Last, the page's per-event worst case, 3 x 1 s + 0.3 s = 3.3 s,
 * and the 90 records per poll that fit in Kafka's 300 s max.poll.interval.ms. Sleeping is recorded, not waited for;
 * the jitter is fixed, at its top for the failing event (so the backoff is the full 100 ms, 200 ms), then at 0.5.
 */
import { BatchFailedError, DependencyUnavailableError, IdempotentConsumer, InMemoryParkedKeys, InMemoryProcessedIds, NonRetryableError, type StreamEvent } from './eventConsumer';

type Payload = { clicks: number };

/** The page's figures: the default 1 s handler timeout and Kafka's default max.poll.interval.ms of 300 s. */
const HANDLER_TIMEOUT_MS = 1_000;
const MAX_POLL_INTERVAL_MS = 300_000;

/** "1 attempt", "3 attempts". */
const times = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
/** An integer with thousands separators; written out so every browser prints the same. */
const thousands = (n: number): string => n.toFixed(0).replace(/\B(?=(\d{3})+$)/g, ',');

export async function demo(): Promise<{
  firstBatch: { applied: number; duplicates: number; deadLettered: number; parked: number; commitOffset: number | undefined };
  backoffMs: number[];
  redelivered: { applied: number; duplicates: number };
  replay: { applied: number; duplicates: number };
  outageSeekTo: number | undefined;
  appliedOrder: string[];
  maxRecordsPerPoll: number;
}> {
  const appliedOrder: string[] = []; // the effects, one entry per write to the feature store
  const deadLettered: string[] = [];
  const attemptsOf = new Map<string, number>();
  const backoffMs: number[] = [];
  const tries = new Map<string, number>(); // handler calls per event id
  let featureStoreDown = false;
  // The top of the full-jitter range (1, just past what Math.random returns): the largest backoff the page allows.
  let jitter = 1;
  const processed = new InMemoryProcessedIds();
  const consumer = new IdempotentConsumer<Payload>({
    handle: async (event) => {
      tries.set(event.id, (tries.get(event.id) ?? 0) + 1);
      if (featureStoreDown) throw new DependencyUnavailableError('feature store returned 503');
      if (event.payload.clicks < 0) throw new NonRetryableError('clicks must be >= 0');
      if (Number.isNaN(event.payload.clicks)) throw new Error('model returned NaN');
      appliedOrder.push(event.id);
    },
    processed,
    parked: new InMemoryParkedKeys<Payload>(),
    deadLetter: async (letter) => {
      deadLettered.push(letter.event.id);
      attemptsOf.set(letter.event.id, letter.attempts);
    },
    sleep: async (ms) => void backoffMs.push(ms), // recorded, not waited for
    random: () => jitter,
  });

  let offset = 0;
  const ev = (id: string, key: string, clicks = 1): StreamEvent<Payload> => ({ id, key, offset: offset++, payload: { clicks } });
  const batch1 = [
    ev('c1-a', 'cust-1'),
    ev('c2-a', 'cust-2'),
    ev('c1-b', 'cust-1', Number.NaN),
    ev('c3-a', 'cust-3', -1),
    ev('c2-b', 'cust-2'),
    ev('c1-c', 'cust-1'),
    ev('c2-c', 'cust-2'),
  ];
  const first = await consumer.processBatch(batch1);
  console.log(`batch at offsets 0-6: ${first.applied} applied, ${first.deadLettered} dead-lettered, ${first.parked} parked; commit offset ${first.commitOffset} once it resolves`);
  const poisonBackoffMs = [...backoffMs];
  const attempts = attemptsOf.get('c1-b');
  const backoffTotal = poisonBackoffMs.reduce((a, b) => a + b, 0); // demo-side sum of the sleeps the consumer asked for
  const dead = (id: string): string => (attemptsOf.has(id) ? `dead-lettered after ${times(attemptsOf.get(id)!, 'attempt')}` : 'NOT dead-lettered');
  console.log(`c1-b keeps failing: backoff ${poisonBackoffMs.map((ms) => `${ms} ms`).join(', ')} (${backoffTotal} ms), ${dead('c1-b')}; c3-a fails validation: ${dead('c3-a')}`);
  const c1cHeld = attemptsOf.get('c1-c') === 0 && !appliedOrder.includes('c1-c');
  const cust1 = (await consumer.isParked('cust-1')) ? 'cust-1 is parked' : 'cust-1 is NOT parked';
  console.log(
    c1cHeld
      ? `${cust1}: c1-c waits in the dead-letter queue behind c1-b instead of overtaking it`
      : `${cust1}: c1-c was NOT held behind c1-b, ${appliedOrder.includes('c1-c') ? 'it was applied out of order' : 'it was neither applied nor parked'}`,
  );

  // The offset commit is lost (say the consumer crashed), so the broker delivers offsets 0-6 again.
  const effectsBefore = appliedOrder.length;
  const again = await consumer.processBatch(batch1);
  const twice = appliedOrder.length - effectsBefore;
  console.log(
    `the commit is lost and offsets 0-6 are redelivered: ${again.applied} applied, ${again.duplicates} duplicates, ${twice === 0 ? 'no effect written twice' : `${twice} effect(s) written TWICE`}`,
  );

  const parkedIds = (await consumer.parkedEvents('cust-1')).map((e) => e.id);
  const fixed = (await consumer.parkedEvents('cust-1')).map((e) => (Number.isNaN(e.payload.clicks) ? { ...e, payload: { clicks: 0 } } : e));
  const replay = await consumer.replayParked('cust-1', fixed);
  const stillParked = await consumer.isParked('cust-1');
  const replayed = appliedOrder.filter((id) => parkedIds.includes(id));
  const inOrder = replayed.join() === parkedIds.join() ? 'in their original order' : `in the order ${replayed.join(', ')}`;
  console.log(`operator replays cust-1 from parkedEvents (${parkedIds.join(', ')}): ${replay.applied} applied ${inOrder}, key ${stillParked ? 'STILL parked' : 'released'}`);

  featureStoreDown = true;
  jitter = 0.5;
  const batch2 = [ev('c1-d', 'cust-1'), ev('c1-e', 'cust-1'), ev('c2-d', 'cust-2')];
  const deadBefore = deadLettered.length;
  const sleepsBefore = backoffMs.length;
  const span = `offsets ${batch2[0]!.offset}-${batch2.at(-1)!.offset}`;
  let outageSeekTo: number | undefined;
  try {
    await consumer.processBatch(batch2);
    console.log(`the feature store is down, yet the batch at ${span} did not fail`);
  } catch (error) {
    if (!(error instanceof BatchFailedError)) throw error;
    outageSeekTo = error.seekTo;
    const parkedNow = (await consumer.isParked('cust-1')) || (await consumer.isParked('cust-2'));
    const newDead = deadLettered.length - deadBefore;
    // Demo-side: the distinct backoff delays the consumer asked for in this batch (both lanes sleep the same ones).
    const sleeps = [...new Set(backoffMs.slice(sleepsBefore))].map((ms) => `${ms} ms`).join(', ');
    const triedLine = batch2.map((e) => `${e.id} ${times(tries.get(e.id) ?? 0, 'time')}`).join(', ');
    console.log(
      `feature store 503, backoff ${sleeps} (jitter 0.5), tried ${triedLine}: the batch at ${span} fails, seek back to offset ${error.seekTo}; ${newDead} dead-lettered, ${parkedNow ? 'a key was parked' : 'no key parked'}`,
    );
  }
  featureStoreDown = false;
  const reread = await consumer.processBatch(batch2);
  console.log(`the store recovers, the re-read from offset ${outageSeekTo} applies ${reread.applied}: effects in order ${appliedOrder.join(', ')}`);

  // Demo-side arithmetic on the module's behaviour: each attempt can hold the lane for the 1 s timeout, plus the backoff.
  const worstMs = (attempts ?? Number.NaN) * HANDLER_TIMEOUT_MS + backoffTotal;
  const maxRecordsPerPoll = Math.floor(MAX_POLL_INTERVAL_MS / worstMs);
  console.log(
    `worst case per event: ${attempts ?? 'no cap on'} x ${thousands(HANDLER_TIMEOUT_MS)} ms + ${backoffTotal} ms = ${thousands(worstMs)} ms, so at most ${maxRecordsPerPoll} records per poll fit in ${thousands(MAX_POLL_INTERVAL_MS)} ms`,
  );

  return {
    firstBatch: { applied: first.applied, duplicates: first.duplicates, deadLettered: first.deadLettered, parked: first.parked, commitOffset: first.commitOffset },
    backoffMs: poisonBackoffMs,
    redelivered: { applied: again.applied, duplicates: again.duplicates },
    replay,
    outageSeekTo,
    appliedOrder,
    maxRecordsPerPoll,
  };
}
