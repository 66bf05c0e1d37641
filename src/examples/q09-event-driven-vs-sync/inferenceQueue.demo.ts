/**
 * Demo: the page's workloads through the decision rule, then its queue under load. A checkout fraud score with an
 * 80 ms budget stays synchronous (hybrid once 2 services need it); a chat answer with a 20 s budget streams (unstreamed, it would be
 * submit-then-poll); the
 * catalogue's 100,000 products a day (1.16/s) go event-driven, and clearing a 50,000-item import takes 15.0/s within
 * 1 h, 2.31/s within 12 h and 1.74/s within a day. The page's queue, 200/s for 5 s, holds 1,000 items; arrivals at
 * 10x the mean against workers at the mean fill it in about 5 / 9 = 0.56 s, after which producers get a Retry-After
 * between the 2.5 s half-drain time and twice it; workers sized by the rule (1.5x headroom) hold out 0.88 s. The
 * checkout and chat rates are illustrative (the page gives their budgets). Time is counted in simulated milliseconds
 * and the retry jitter comes from a fixed list, so nothing waits and every run prints the same.
 */
import { BoundedQueue, chooseInferenceMode, type Offer, type Workload } from './inferenceQueue';

/** A number with `digits` decimals and thousands separators; written out so every browser prints the same. */
function grouped(n: number, digits = 0): string {
  const [whole, fraction] = n.toFixed(digits).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

/** The module's reasons, as one clause. */
const prose = (reasons: readonly string[], separator = '; '): string => reasons.join(separator);

/**
 * Demo-side simulation, one millisecond at a time: workers take what they have drained by then, then producers offer
 * their items. Returns the millisecond of the first rejected offer and that offer's answer.
 */
function fillUntilRejected(queue: BoundedQueue<number>, arrivalsPerMs: number, limitMs = 10_000): { fullAtMs: number; offer?: Offer } {
  let drained = 0;
  for (let ms = 0; ms < limitMs; ms++) {
    const due = Math.floor((ms * queue.drainPerSecond) / 1000);
    drained += queue.takeBatch(due - drained).length;
    for (let i = 0; i < arrivalsPerMs; i++) {
      const offer = queue.offer(ms);
      if (!offer.accepted) return { fullAtMs: ms, offer };
    }
  }
  return { fullAtMs: Number.POSITIVE_INFINITY };
}

/** When the simulated queue first turned an item away. */
const fullAfter = (fill: { fullAtMs: number; offer?: Offer }): string => (fill.offer ? `full after ${fill.fullAtMs} ms` : 'never full in 10 s');

/** What a producer is told: the ingest API answers a rejected offer with 429 and its Retry-After. */
const answer = (offer: Offer | undefined): string => (offer === undefined ? 'never rejected' : offer.accepted ? 'accepted' : `429, Retry-After ${offer.retryAfterSeconds} s`);

const HOUR_MS = 3_600_000;

export function demo(): {
  modes: { checkout: string; checkoutFanOut: string; chat: string; chatUnstreamed: string; catalogue: string };
  catalogueDrainPerSecond: number[];
  pageQueue: { capacity: number; fullAtMs: number; waitMs: number; retryAfterSeconds: number[] };
  ruleQueue: { drainPerSecond: number; capacity: number; fullAtMs: number };
} {
  const checkout: Workload = { latencyBudgetMs: 80, callerWaits: true, peakPerSecond: 15_000, meanPerSecond: 1_500, consumers: 1 };
  const checkoutDecision = chooseInferenceMode(checkout);
  console.log(
    `checkout fraud score, 80 ms budget, 15,000/s peak: ${checkoutDecision.mode}, provision ${grouped(checkoutDecision.drainPerSecond)}/s (${prose(checkoutDecision.reasons)})`,
  );
  const fanOut = chooseInferenceMode({ ...checkout, consumers: 2 });
  console.log(`the same score needed by 2 services: ${fanOut.mode} (${prose(fanOut.reasons.slice(0, 2), ', ')})`);
  const chat = chooseInferenceMode({ latencyBudgetMs: 20_000, callerWaits: true, streams: true, peakPerSecond: 40, meanPerSecond: 10, consumers: 1 });
  const unstreamed = chooseInferenceMode({ latencyBudgetMs: 20_000, callerWaits: true, streams: false, peakPerSecond: 40, meanPerSecond: 10, consumers: 1 });
  console.log(`chat answer, 20 s budget: ${chat.mode} (${prose(chat.reasons)}); not streamed: ${unstreamed.mode} (${prose(unstreamed.reasons.slice(0, 1))})`);

  const mean = 100_000 / 86_400; // demo-side: products a day to products a second
  const catalogue = (hours: number) =>
    chooseInferenceMode({ latencyBudgetMs: hours * HOUR_MS, callerWaits: false, peakPerSecond: 50, meanPerSecond: mean, burstItems: 50_000, consumers: 2 });
  const [oneHour, halfDay, day] = [1, 12, 24].map(catalogue);
  console.log(`catalogue, 100,000 products a day (${mean.toFixed(2)}/s), search index and analytics read the results: ${oneHour!.mode} (${prose(oneHour!.reasons.slice(0, 1))})`);
  // Demo-side: each drain rate as a multiple of the mean.
  const sizing = [oneHour!, halfDay!, day!].map((d, i) => `within ${[1, 12, 24][i]} h ${d.drainPerSecond.toPrecision(3)}/s (${(d.drainPerSecond / mean).toFixed(1)}x the mean)`);
  console.log(`to clear a 50,000-item import on top of the mean: ${sizing.join(', ')}`);
  const importQueue = new BoundedQueue<number>(oneHour!.drainPerSecond, HOUR_MS);
  console.log(
    `the 1 h queue at ${oneHour!.drainPerSecond.toPrecision(3)}/s holds ${grouped(importQueue.capacity)} items: the import ${importQueue.capacity >= 50_000 ? 'fits' : 'does not fit'}`,
  );

  // The page's queue: workers drain 200/s at the mean, producers send 10x that, 2 items every millisecond.
  const jitter = [0, 0.25, 0.999]; // the retry jitter, a fixed list instead of Math.random
  const pageQueue = new BoundedQueue<number>(200, 5_000, () => jitter.shift() ?? 0);
  const capacity = pageQueue.capacity;
  const fill = fillUntilRejected(pageQueue, 2);
  const waitMs = pageQueue.expectedWaitMs();
  // Demo-side, the page's arithmetic: a 5 s queue filling with 10 - 1 = 9 s of mean traffic every second.
  const pageEstimate = 5 / (10 - 1);
  console.log(
    `a queue drained at 200/s for a 5 s wait holds ${grouped(capacity)} items; 2,000/s against workers at the mean: ${fullAfter(fill)} (5 / 9 = ${pageEstimate.toFixed(2)} s), when the next item would wait ${grouped(waitMs)} ms`,
  );
  const offers = [fill.offer, pageQueue.offer(-1), pageQueue.offer(-1)];
  const retryAfterSeconds = offers.map((o) => (o && !o.accepted ? o.retryAfterSeconds : 0));
  const halfDrain = capacity / 2 / 200; // demo-side: seconds for half the queue to drain
  console.log(`the next 3 producers: ${offers.map(answer).join('; ')} (half the queue drains in ${halfDrain} s)`);

  const rule = chooseInferenceMode({ latencyBudgetMs: 5_000, callerWaits: false, peakPerSecond: 2_000, meanPerSecond: 200, consumers: 1 });
  console.log(`sized by the rule instead: ${prose(rule.reasons.slice(1, 3))}`);
  const ruleQueue = new BoundedQueue<number>(rule.drainPerSecond, 5_000, () => 0);
  const ruleFill = fillUntilRejected(ruleQueue, 2);
  console.log(`simulated, the ${grouped(ruleQueue.capacity)}-item queue at ${rule.drainPerSecond}/s is ${fullAfter(ruleFill)}`);

  return {
    modes: { checkout: checkoutDecision.mode, checkoutFanOut: fanOut.mode, chat: chat.mode, chatUnstreamed: unstreamed.mode, catalogue: oneHour!.mode },
    catalogueDrainPerSecond: [oneHour!, halfDay!, day!].map((d) => Math.round(d.drainPerSecond * 1000) / 1000),
    pageQueue: { capacity, fullAtMs: fill.fullAtMs, waitMs, retryAfterSeconds },
    ruleQueue: { drainPerSecond: rule.drainPerSecond, capacity: ruleQueue.capacity, fullAtMs: ruleFill.fullAtMs },
  };
}
