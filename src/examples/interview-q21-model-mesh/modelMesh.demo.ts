/**
 * Demo: one mesh pod of 20,000 MB serving 1,000 models, the page's illustration: the 100 hot
 * ones (m0-m99, 100 MB each) take 90% of the requests and are pinned; the long tail (100 to
 * 500 MB each) loads on demand. Shown: one shared load for a burst, the hit rates of a skewed
 * trace, pinned models surviving a batch scan of the tail, a busy pod told apart from one its
 * pinned models fill and from a model that never fits, and a hung load whose bytes stay reserved
 * until the runtime gives them back. The fake store counts the memory the runtime really holds;
 * the trace is seeded and the load deadline runs on a demo clock.
 */
import { fakeStore } from './fakeStore';
import { ModelMesh, type Lease } from './modelMesh';

const MB = 1_000_000;
const POD = 20_000 * MB;
/** Thousands separators written out, so every browser prints the same. */
const n = (count: number) => String(count).replace(/\B(?=(\d{3})+$)/g, ',');
const mb = (bytes: number) => `${n(bytes / MB)} MB`;

/** A seeded pseudo-random generator (mulberry32): the same trace on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface MeshDemoResult {
  burstLoads: number;
  traceHits: number;
  traceRequests: number;
  tailRequests: number;
  tailLoads: number;
  hotResidentAfterScan: number;
  busyError: string;
  busyRetryable: boolean;
  pinnedFullError: string;
  pinnedFullRetryable: boolean;
  tooLargeError: string;
  tooLargeLoadsStarted: number;
  loadDeadlineMs: number;
  loadingJustBeforeDeadline: boolean;
  timeoutError: string;
  timeoutAtMs: number;
  meshBytesAtTimeout: number;
  runtimeBytesAtTimeout: number;
  retryDuringHangError: string;
  fetchesOfHungModel: number;
  lateArrivalMs: number;
  lateHandedBack: boolean;
  runtimeBytesAfterLateLoad: number;
  meshBytesAfterLateLoad: number;
  runtimePeakBytes: number;
}

export async function demo(): Promise<MeshDemoResult> {
  const sizes: Record<string, number> = { big: 15_000 * MB, huge: 30_000 * MB };
  for (let i = 0; i < 1000; i++) sizes[`m${i}`] = i < 100 ? 100 * MB : (100 + 100 * (i % 5)) * MB;
  const hot = Array.from({ length: 100 }, (_, i) => `m${i}`);
  const tail = Array.from({ length: 900 }, (_, i) => `m${100 + i}`);

  // The demo's clock for load deadlines: advance() moves it and fires the timers that are due.
  let now = 0;
  const timers = new Set<{ at: number; fire: () => void }>();
  let lastArmedMs = 0; // the delay of the deadline the mesh armed last: its load deadline, read from the module
  const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  const advance = async (ms: number) => {
    await yieldToEventLoop(); // let pending requests reach their load, and so arm their deadline
    now += ms;
    for (const timer of [...timers]) {
      if (timer.at > now) continue;
      timers.delete(timer);
      timer.fire();
    }
    await yieldToEventLoop();
  };

  const store = fakeStore(sizes);
  const handedBack: { id: string; atMs: number }[] = []; // what onEvict received, and when
  const mesh = new ModelMesh({
    capacityBytes: POD,
    sizeOf: store.sizeOf,
    load: store.load,
    pinned: new Set(hot),
    schedule: (ms, fire) => {
      lastArmedMs = ms;
      const timer = { at: now + ms, fire };
      timers.add(timer);
      return () => timers.delete(timer);
    },
    onEvict: (id) => {
      handedBack.push({ id, atMs: now });
      store.onEvict(id);
    },
  });
  const loadsOf = (id: string) => store.calls.filter((c) => c === id).length;
  const failure = (request: Promise<unknown>) =>
    request.then(
      () => undefined,
      (error: unknown) => error as Error & { retryable?: boolean },
    );
  console.log(`a ${mb(POD)} pod, 1,000 models of 100 to 500 MB; the 100 hot ones, 100 MB each, are pinned`);

  const answers = await Promise.all(Array.from({ length: 50 }, () => mesh.use('m0', (model) => model)));
  const burstLoads = loadsOf('m0');
  console.log(`50 requests at once for cold m0: ${burstLoads} load, ${answers.length} answers`);

  const before = mesh.stats();
  const callsBefore = store.calls.length;
  const random = seeded(21);
  const toHot = { requests: 0, hits: 0 };
  const toTail = { requests: 0, hits: 0 };
  for (let i = 0; i < 10_000; i++) {
    const toHotModel = random() < 0.9;
    const id = toHotModel ? hot[Math.floor(random() * 100)]! : tail[Math.floor(random() * 900)]!;
    const part = toHotModel ? toHot : toTail;
    const hitsBefore = mesh.stats().hits;
    await mesh.use(id, () => undefined);
    part.requests++;
    part.hits += mesh.stats().hits - hitsBefore;
  }
  const after = mesh.stats();
  const traceHits = after.hits - before.hits;
  const traceRequests = traceHits + after.misses - before.misses;
  const hotLoads = store.calls.slice(callsBefore).filter((id) => hot.includes(id)).length;
  const tailLoads = after.loads - before.loads - hotLoads;
  const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;
  console.log(`${n(traceRequests)} requests: ${n(traceHits)} hits (${percent(traceHits, traceRequests)}), ${n(after.loads - before.loads)} loads`);
  console.log(
    `the hot 100: ${n(toHot.requests)} requests, ${n(toHot.hits)} hits, ${hotLoads} loads; the tail: ${n(toTail.requests)} requests, ${toTail.hits} hits, ${n(tailLoads)} loads (${percent(tailLoads, toTail.requests)} cold)`,
  );

  const hotResident = () => hot.filter((id) => mesh.stats().resident.includes(id)).length;
  const hotResidentBeforeScan = hotResident();
  const loadsBeforeScan = mesh.stats().loads;
  for (const id of tail.slice(0, 300)) await mesh.use(id, () => undefined);
  const hotResidentAfterScan = hotResident();
  console.log(
    `a batch job scans 300 tail models: ${mesh.stats().loads - loadsBeforeScan} loads; hot models resident: ${hotResidentBeforeScan} before, ${hotResidentAfterScan} after`,
  );

  const leases: Lease<string>[] = [];
  for (const id of mesh.stats().resident.filter((r) => !hot.includes(r))) leases.push(await mesh.acquire(id));
  const evictionsBefore = mesh.stats().evictions;
  const busy = await failure(mesh.use('m999', () => undefined));
  console.log(
    `${leases.length} requests hold every tail model in the pod; m999 (${mb(sizes.m999!)}): ${busy?.name}, retryable ${busy?.retryable}, ${mesh.stats().evictions - evictionsBefore} evicted`,
  );
  leases.forEach((lease) => lease.release());
  const m999LoadsBefore = loadsOf('m999');
  await mesh.use('m999', () => undefined);
  console.log(`those requests finish; m999 again: ${loadsOf('m999') - m999LoadsBefore} load, ${mesh.stats().evictions - evictionsBefore} evicted to make room`);

  const pinnedBytes = hot.filter((id) => mesh.stats().resident.includes(id)).reduce((sum, id) => sum + sizes[id]!, 0);
  const pinnedFull = await failure(mesh.use('big', () => undefined));
  console.log(
    `a ${mb(sizes.big!)} model: ${pinnedFull?.name}, retryable ${pinnedFull?.retryable} (the pinned models leave ${mb(POD - pinnedBytes)}), ${loadsOf('big')} loads started`,
  );
  const tooLarge = await failure(mesh.use('huge', () => undefined));
  console.log(`a ${mb(sizes.huge!)} model: ${tooLarge?.name}, retryable ${tooLarge?.retryable}, ${loadsOf('huge')} loads started`);

  store.hold('m998');
  const fetchesBefore = loadsOf('m998');
  let hung: { error: Error; atMs: number } | undefined;
  void failure(mesh.use('m998', () => undefined)).then((error) => (hung = { error: error ?? new Error('no error'), atMs: now }));
  await advance(0); // the load starts and arms its deadline
  const deadlineMs = lastArmedMs;
  const startedAt = now;
  await advance(deadlineMs - 1);
  const justBefore = { atMs: now - startedAt, loading: hung === undefined, countedBytes: mesh.stats().usedBytes };
  await advance(1);
  const at = (ms: number) => `${ms / 1000} s`;
  const atTimeout = { mesh: mesh.stats().usedBytes, runtime: store.memory.now };
  console.log(
    `m998 (${mb(sizes.m998!)}) hangs, load deadline ${at(deadlineMs)}: at ${at(justBefore.atMs)} ${justBefore.loading ? 'still loading' : 'settled'}, the mesh counts ${mb(justBefore.countedBytes)}; ${hung ? `at ${at(hung.atMs - startedAt)} ${hung.error.name}` : `at ${at(now - startedAt)} still loading`}, its bytes ${atTimeout.mesh === justBefore.countedBytes ? 'stay reserved' : 'are freed'}: the mesh counts ${mb(atTimeout.mesh)}, the runtime holds ${mb(atTimeout.runtime)}`,
  );
  const retry = await failure(mesh.use('m998', () => undefined));
  const fetchesOfHungModel = loadsOf('m998') - fetchesBefore;
  console.log(`m998 again while the runtime still loads it: ${retry?.name}, retryable ${retry?.retryable}; fetches of m998 started: ${fetchesOfHungModel}`);
  const handedBefore = handedBack.length;
  await advance(10_000);
  store.finish('m998'); // the abandoned load answers after all
  await advance(0);
  const late = handedBack.slice(handedBefore).find((h) => h.id === 'm998');
  const lateHandedBack = late !== undefined;
  const lateArrivalMs = late ? late.atMs - startedAt : -1;
  console.log(
    `its weights arrive at ${late ? at(lateArrivalMs) : 'no time'}; handed to onEvict: ${lateHandedBack ? 'yes' : 'no'}; the runtime holds ${mb(store.memory.now)}, the mesh counts ${mb(mesh.stats().usedBytes)}`,
  );
  console.log(`peak memory the runtime held: ${mb(store.memory.peak)}, on a ${mb(POD)} pod`);

  return {
    burstLoads,
    traceHits,
    traceRequests,
    tailRequests: toTail.requests,
    tailLoads,
    hotResidentAfterScan,
    busyError: busy?.name ?? 'none',
    busyRetryable: busy?.retryable ?? false,
    pinnedFullError: pinnedFull?.name ?? 'none',
    pinnedFullRetryable: pinnedFull?.retryable ?? true,
    tooLargeError: tooLarge?.name ?? 'none',
    tooLargeLoadsStarted: loadsOf('huge'),
    loadDeadlineMs: deadlineMs,
    loadingJustBeforeDeadline: justBefore.loading,
    timeoutError: hung?.error.name ?? 'none',
    timeoutAtMs: hung ? hung.atMs - startedAt : -1,
    meshBytesAtTimeout: atTimeout.mesh,
    runtimeBytesAtTimeout: atTimeout.runtime,
    retryDuringHangError: retry?.name ?? 'none',
    fetchesOfHungModel,
    lateArrivalMs,
    lateHandedBack,
    runtimeBytesAfterLateLoad: store.memory.now,
    meshBytesAfterLateLoad: mesh.stats().usedBytes,
    runtimePeakBytes: store.memory.peak,
  };
}
