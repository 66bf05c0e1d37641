/**
 * Demo: the page's failure paths, driven through the injected ports with its test doubles: a fake store whose loads
 * take 2.5 s on a clock moved by hand, and a recording logger. With the page's policy (refresh after 60 s, 10-minute
 * staleness limit, 2 s per waiting request, 60 s per load), the first request fails at 2 s while its load goes on and
 * fills the cache; with one 2 s limit for both, every load is aborted and the service never starts. A copy 60 s old
 * answers at once and starts one shared reload; a new version returning NaN fails its smoke test and the old copy
 * serves on; during a storage outage the copy serves until it is 10 minutes old, then a request waits 2 s and fails.
 * Every answer is logged with the version that gave it. No real time passes.
 */
import { PredictionService, type CachePolicy } from './predictionService';
import { answeredAtOnce, constantModel, FakeModelStore, ManualClock, RecordingLogger } from './testDoubles';

const POLICY: CachePolicy = { refreshAfterMs: 60_000, maxStaleMs: 600_000, requestTimeoutMs: 2_000, loadTimeoutMs: 60_000, smokeInputs: [{ amount: 50 }] };
const STORE_MS = 2_500;

const seconds = (ms: number): string => `${ms / 1_000} s`;

/** A service on the fake store, the manual clock and the recording logger, with fraud-v7 in the store. */
function wire(policy: CachePolicy) {
  const clock = new ManualClock(0);
  const store = new FakeModelStore(clock, STORE_MS);
  const logger = new RecordingLogger();
  store.models.set('fraud', constantModel('fraud-v7', 0.82));
  return { clock, store, logger, service: new PredictionService({ store, logger, clock }, policy) };
}

export async function demo(): Promise<{
  coldStart: { failedAfterMs: number | undefined; nextAnswer: string; storeLoads: number };
  oneLimitForBoth: { failed: number; storeLoads: number; lastLoadAborted: string };
  reloadStoreLoads: number;
  afterReload: string;
  afterBrokenRelease: string;
  outage: { servedUntilMs: number; storeLoads: number; failedAtMs: number; failedAfterMs: number | undefined };
  versionsLogged: string[];
}> {
  const { clock, store, logger, service } = wire(POLICY);
  const times = (n: number) => `${n} time${n === 1 ? '' : 's'}`;
  /** Sends a request now. Its outcome reads 0.82 by fraud-v7 (the version from the logged answer) or failed: "<the error's message>". */
  const request = () => {
    const sentAt = clock.now();
    const sent: { outcome: Promise<string>; failedAfterMs?: number } = { outcome: Promise.resolve('') };
    sent.outcome = service.predict('fraud', { amount: 120 }).then(
      (score) => `${score} by ${logger.named('prediction').at(-1)?.fields.version}`,
      (error: unknown) => {
        sent.failedAfterMs = clock.now() - sentAt;
        return `failed: "${(error as Error).message}"`;
      },
    );
    return sent;
  };

  // Cold start against a store that needs 2.5 s.
  const cold = request();
  await clock.advance(STORE_MS);
  const next = await answeredAtOnce(request().outcome);
  console.log(`t=0 s, cold, the store needs ${seconds(STORE_MS)}: after ${seconds(cold.failedAfterMs ?? Number.NaN)} the request ${await cold.outcome}`);
  const filled = next !== 'still waiting' && store.loads === 1 ? 'the load it joined went on and filled the cache: ' : '';
  const nextLine = next === 'still waiting' ? 'is still waiting' : `is answered at once, ${next}`;
  console.log(`t=${seconds(clock.now())}: ${filled}the next request ${nextLine}; the store was asked ${times(store.loads)}`);
  const coldStart = { failedAfterMs: cold.failedAfterMs, nextAnswer: next, storeLoads: store.loads };

  // The same store with one 2 s limit for the request and the load.
  const strict = wire({ ...POLICY, loadTimeoutMs: POLICY.requestTimeoutMs });
  let failed = 0;
  for (let i = 0; i < 3; i++) {
    const sent = strict.service.predict('fraud', { amount: 120 }).catch(() => failed++);
    await strict.clock.advance(POLICY.requestTimeoutMs);
    await sent;
  }
  const lastSignal = strict.store.lastSignal;
  const lastLoadAborted = lastSignal?.aborted ? String(lastSignal.reason) : 'not aborted';
  const neverStarts = failed === 3 && strict.store.loads === 3 ? ': a cold service never starts' : '';
  console.log(
    `one 2 s limit for both: ${failed} of 3 requests failed, the store was asked ${times(strict.store.loads)}, the last load ${lastSignal?.aborted ? `aborted (${lastLoadAborted})` : 'was not aborted'}${neverStarts}`,
  );

  // The copy is 60 s old: answered from the cache while one reload fetches fraud-v8.
  store.models.set('fraud', constantModel('fraud-v8', 0.4));
  await clock.advance(POLICY.refreshAfterMs);
  const loadsBefore = store.loads;
  const burst = await Promise.all(Array.from({ length: 5 }, () => answeredAtOnce(request().outcome)));
  const reloadStoreLoads = store.loads - loadsBefore;
  const atOnce = burst.every((b) => b !== 'still waiting') ? 'answered at once' : 'NOT all answered at once';
  console.log(`t=${seconds(clock.now())}, copy 60 s old: 5 requests ${atOnce} (${[...new Set(burst)].join(', ')}); reloads started: ${reloadStoreLoads}`);
  await clock.advance(STORE_MS);
  // The requests from here to the outage expect an answer from the cache: answeredAtOnce, so a module that made them
  // wait for the store would print 'still waiting' instead of hanging the demo.
  const afterReload = await answeredAtOnce(request().outcome);
  const v8LandedAt = clock.now();
  console.log(`t=${seconds(clock.now())}: ${afterReload.endsWith('fraud-v8') ? 'the reload has landed' : 'no new version yet'}: ${afterReload}`);

  // A broken release: fraud-v9 scores NaN on the smoke-test row.
  store.models.set('fraud', constantModel('fraud-v9', Number.NaN));
  await clock.advance(POLICY.refreshAfterMs);
  await answeredAtOnce(request().outcome); // answered from the cache; starts the reload that brings fraud-v9
  await clock.advance(STORE_MS);
  const afterBrokenRelease = await answeredAtOnce(request().outcome);
  const warning = logger.named('model.reload_failed_serving_stale').at(-1);
  const warned = warning ? `logged ${warning.level} ${warning.event} (${warning.fields.reason})` : 'nothing logged';
  console.log(`t=${seconds(clock.now())}, the reload brought fraud-v9: ${warned}; answered ${afterBrokenRelease}`);

  // A storage outage, and a request each time fraud-v8's copy is a whole number of minutes old, so one comes exactly
  // at the 10-minute limit. The copy serves below the limit; from the limit on, a request waits for the store.
  store.outage = new Error('S3 read timed out');
  const outageFrom = clock.now();
  const outageLoadsBefore = store.loads;
  let servedUntilMs = clock.now();
  let waited: { outcome: string; failedAfterMs?: number } | undefined;
  let failedAtMs = Number.NaN;
  for (let sendAt = v8LandedAt + POLICY.refreshAfterMs; !waited && sendAt <= outageFrom + 2 * POLICY.maxStaleMs; sendAt += POLICY.refreshAfterMs) {
    if (sendAt <= clock.now()) continue;
    await clock.advance(sendAt - clock.now());
    const sent = request();
    if ((await answeredAtOnce(sent.outcome)) !== 'still waiting') {
      servedUntilMs = sendAt;
      continue;
    }
    await clock.advance(STORE_MS);
    waited = { outcome: await sent.outcome, failedAfterMs: sent.failedAfterMs };
    failedAtMs = sendAt;
  }
  console.log(
    `storage down from t=${seconds(outageFrom)}: answered from the cache up to t=${seconds(servedUntilMs)}; the store was asked ${times(store.loads - outageLoadsBefore)}`,
  );
  console.log(`t=${seconds(failedAtMs)}: after ${seconds(waited?.failedAfterMs ?? Number.NaN)} the request ${waited?.outcome ?? 'was never made to wait'}`);
  const outage = { servedUntilMs, storeLoads: store.loads - outageLoadsBefore, failedAtMs, failedAfterMs: waited?.failedAfterMs };

  const versionsLogged = logger.named('prediction').map((e) => String(e.fields.version));
  const counts = [...new Set(versionsLogged)].map((v) => `${v} x${versionsLogged.filter((x) => x === v).length}`);
  console.log(`answers logged with the version that gave them: ${counts.join(', ')}`);
  return { coldStart, oneLimitForBoth: { failed, storeLoads: strict.store.loads, lastLoadAborted }, reloadStoreLoads, afterReload, afterBrokenRelease, outage, versionsLogged };
}
