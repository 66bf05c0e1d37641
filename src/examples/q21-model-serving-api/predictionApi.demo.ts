/**
 * Demo: the page's sequence diagram and the cases around it, on `POST /v2/predict` with a stand-in fraud model
 * (fraud-7, scoring the mean of the 4 features). A misspelled `treshold` is rejected with 400 instead of falling back
 * to the 0.5 default; key k1 runs once with two store round trips (reserve, then store the response), and its retry,
 * after the response is lost on the network, is replayed, even with its fields in another order. The same key with
 * another payload gets 422, while another client may use it; a retry while the first call runs gets 409, a model
 * error frees the key for the retry, a call that stalls (its worker dead) holds its key for the 60 s lease and has its
 * late answer dropped, and a stored answer is replayed for 24 hours. Last, the stored entry's size, scaled to the
 * page's 1M requests a day. The clock is a plain variable, so hours pass at once.
 */
import { DEFAULT_LEASE_MS, DEFAULT_TTL_MS, InMemoryIdempotencyStore, PredictionEndpoint, type IdempotencyStore, type Model, type PredictResponse } from './predictionApi';

type Entry = Parameters<IdempotencyStore['set']>[1];

/** The shared store, counting the endpoint's round trips to it and keeping the last entry written. */
class CountingStore implements IdempotencyStore {
  roundTrips: string[] = [];
  lastWritten?: { key: string; entry: Entry };
  constructor(private readonly inner: IdempotencyStore) {}
  get(key: string) {
    this.roundTrips.push('get');
    return this.inner.get(key);
  }
  reserve(key: string, entry: Entry) {
    this.roundTrips.push('reserve');
    return this.inner.reserve(key, entry);
  }
  set(key: string, entry: Entry) {
    this.roundTrips.push('set');
    this.lastWritten = { key, entry };
    return this.inner.set(key, entry);
  }
  delete(key: string) {
    this.roundTrips.push('delete');
    return this.inner.delete(key);
  }
}

type Behaviour = 'answers' | 'waits for release' | 'fails';

const HOUR_MS = 60 * 60 * 1000;
const FEATURES = [0.2, 0.5, 0.3, 0.6];

/** A response's status, marked when it is a stored answer replayed. */
const status = (r: PredictResponse): string => `${r.status}${r.replayed ? ' replayed' : ''}`;
/** How a response reads in the log: status and body. */
const show = (r: PredictResponse): string => `${status(r)} ${JSON.stringify(r.body)}`;
const times = (n: number): string => `${n} time${n === 1 ? '' : 's'}`;
/** An integer with thousands separators; written out so every browser prints the same. */
const thousands = (n: number): string => n.toFixed(0).replace(/\B(?=(\d{3})+$)/g, ',');

export async function demo(): Promise<{
  statuses: Record<string, string[]>;
  modelCalls: number;
  roundTrips: { first: string[]; retry: string[] };
  entryBytes: number;
}> {
  let now = 0;
  let modelCalls = 0;
  const next: Behaviour[] = []; // how the next model calls behave; 'answers' once the list is empty
  let release = (): void => undefined;
  let signalStarted = (): void => undefined;
  const fraud7: Model = async (features) => {
    modelCalls++;
    const behaviour = next.shift() ?? 'answers';
    signalStarted();
    if (behaviour === 'fails') throw new Error('GPU node lost');
    if (behaviour === 'waits for release') await new Promise<void>((resolve) => (release = resolve));
    const mean = features.reduce((a, b) => a + b, 0) / features.length;
    return { score: Math.round(mean * 100) / 100, modelVersion: 'fraud-7' };
  };
  /** Resolves when the model has been called: by then the endpoint has reserved the key. */
  const modelStarts = () => new Promise<void>((resolve) => (signalStarted = resolve));
  const store = new CountingStore(new InMemoryIdempotencyStore(() => now));
  const endpoint = new PredictionEndpoint(fraud7, store, () => now);
  const statuses: Record<string, string[]> = {};
  /** POST /v2/predict as a client ("shop" unless named): the response, noted by key, and how many model calls it made. */
  const post = async (key: string, body: unknown, clientId = 'shop'): Promise<PredictResponse & { ran: string }> => {
    const before = modelCalls;
    const r = await endpoint.handle({ version: 'v2', clientId, idempotencyKey: key, body });
    (statuses[clientId === 'shop' ? key : `${clientId}:${key}`] ??= []).push(status(r));
    return { ...r, ran: `the model ran ${times(modelCalls - before)}` };
  };

  const typo = await post('k0', { features: FEATURES, treshold: 0.3 });
  console.log(`POST /v2/predict with "treshold": ${show(typo)}; ${typo.ran}`);

  store.roundTrips = [];
  const first = await post('k1', { features: FEATURES, threshold: 0.3 });
  const firstTrips = [...store.roundTrips];
  // Demo-side: the label the 0.5 default would have given, had the misspelled field been ignored.
  const score = Number(first.body.score);
  console.log(
    `key k1, threshold 0.3: ${show(first)} after ${firstTrips.length} store round trips (${firstTrips.join(', ')}); on the 0.5 default the label would be ${score >= 0.5}`,
  );
  store.roundTrips = [];
  const retry = await post('k1', { threshold: 0.3, features: FEATURES });
  const retryTrips = [...store.roundTrips];
  const same = JSON.stringify(retry.body) === JSON.stringify(first.body) ? 'the same body' : 'a different body';
  console.log(`the response is lost; the retry, its fields in another order: ${status(retry)}, ${same}, ${retry.ran}, ${retryTrips.length} round trips (${retryTrips.join(', ')})`);
  const reused = await post('k1', { features: [0.9, 0.9, 0.9, 0.9], threshold: 0.3 });
  console.log(`key k1 with other features: ${show(reused)}; ${reused.ran}`);
  const otherClient = await post('k1', { features: [0.9, 0.9, 0.9, 0.9], threshold: 0.3 }, 'app');
  console.log(`client "app" sending key k1 with those features: ${status(otherClient)}, ${otherClient.ran} (keys are scoped per client)`);

  next.push('waits for release');
  let started = modelStarts();
  const running = post('k2', { features: FEATURES });
  await started;
  const concurrent = await post('k2', { features: FEATURES });
  release();
  const k2 = await running;
  console.log(`key k2 retried while its first call runs: ${show(concurrent)}; the first call then answers ${status(k2)}`);

  next.push('fails');
  const failed = await post('k3', { features: FEATURES });
  const rerun = await post('k3', { features: FEATURES });
  console.log(`key k3, the model fails: ${show(failed)}; the retry: ${status(rerun)}, ${rerun.ran}`);

  // The k4 call stalls, as if its worker had died; it is released only after its lease is over.
  next.push('waits for release');
  started = modelStarts();
  const stalled = post('k4', { features: FEATURES });
  await started;
  now += DEFAULT_LEASE_MS - 1;
  const early = await post('k4', { features: FEATURES });
  now += 1;
  const afterLease = await post('k4', { features: FEATURES });
  console.log(
    `key k4, its call stalls: a retry ${thousands(DEFAULT_LEASE_MS - 1)} ms later gets ${status(early)}; at ${DEFAULT_LEASE_MS / 1000} s, ${status(afterLease)}, ${afterLease.ran}`,
  );
  release();
  const late = await stalled;
  const kept = await post('k4', { features: FEATURES });
  const keeps = JSON.stringify(kept.body) === JSON.stringify(afterLease.body) ? "the 60 s retry's body" : 'another body';
  console.log(`the stalled call then returns, also at 60 s: ${show(late)}; the next retry: ${status(kept)}, ${keeps}`);

  // k1's answer was stored at 0 h; the same request comes back 23 h and 25 h later.
  now = 23 * HOUR_MS;
  const at23h = await post('k1', { features: FEATURES, threshold: 0.3 });
  now = 25 * HOUR_MS;
  const at25h = await post('k1', { features: FEATURES, threshold: 0.3 });
  console.log(`key k1 again after 23 h: ${status(at23h)}, ${at23h.ran}; after 25 h, past the ${DEFAULT_TTL_MS / HOUR_MS} h retention: ${status(at25h)}, ${at25h.ran}`);

  // Demo-side: the last stored entry's bytes (its key, and the fingerprint, expiry and response as JSON), times 1M.
  const written = store.lastWritten;
  const entryBytes = written ? new TextEncoder().encode(written.key + JSON.stringify(written.entry)).length : 0;
  console.log(`a stored entry takes ${entryBytes} B: 1M keyed requests a day kept 24 h take about ${entryBytes} MB`);

  return { statuses, modelCalls, roundTrips: { first: firstTrips, retry: retryTrips }, entryBytes };
}
