/**
 * Demo: the page's sequence diagram on a timeline, with its illustrative 30 s poll and 20 s load. Training registers
 * fraud v1 and v2 and the release points `production` at v2; serving starts (overlapping polls share one load),
 * follows the alias to v3, and a rollback made just after a poll is serving again 50 s later: under a minute. A v4
 * trained with new preprocessing and a new input field is refused at load and the server keeps v2. A second fleet,
 * deployed with v4's preprocessing, loads v4, and refuses the rollback to v2 (its extra device field passes): roll
 * back the serving build too. Last, a rollback lands during a slow 60 s load of v3 and the next poll arrives mid-load:
 * it waits for that load, re-checks the alias and loads v2, within one poll, one load and the load in flight. Then
 * v5's load hangs: the 100 s load timeout aborts it, the poll fails and the server keeps v2; the polls made during
 * the hang share one re-check, whose working load brings v5. The audit log keeps every alias move. Time is a plain
 * variable, each load adds 20 s to it and the load timeout is a timer on it, so nothing waits.
 */
import { preprocessingDigest, ModelRegistry, ServingSlot, type InputSchema, type RefreshResult, type ServingBuild } from './modelRegistry';

const POLL_MS = 30_000;
const LOAD_MS = 20_000;
const SLOW_LOAD_MS = 60_000;
const LOAD_TIMEOUT_MS = 100_000; // above the slow load, so only the hang times out
const PREPROCESSING_V1 = 'income_z = (income - 52000) / 18000\nage_bucket = bucket(age, [18, 35, 50])\n';
const PREPROCESSING_V2 = 'income_z = (log1p(income) - 10.7) / 0.6\nage_bucket = bucket(age, [18, 35, 50])\n';
const SCHEMA: InputSchema = { age: 'number', income: 'number', country: 'string' };
const BUILD: ServingBuild = { inputSchema: SCHEMA, preprocessingSource: PREPROCESSING_V1 };
const NEW_BUILD: ServingBuild = { inputSchema: { ...SCHEMA, device: 'string' }, preprocessingSource: PREPROCESSING_V2 };

const seconds = (ms: number): string => `${ms / 1_000} s`;

export async function demo(): Promise<{
  startupPolls: string[];
  artefactLoads: number[];
  rollbackMs: number;
  v4: { result: string; serving: number | undefined; problems: readonly string[] };
  newFleetRollback: { result: string; serving: number | undefined };
  slowLoad: { polls: string[]; servingMidLoad: number | undefined; serving: number | undefined; rollbackMs: number };
  hang: {
    error: string;
    aborted: boolean;
    servingAfterTimeout: number | undefined;
    timedOutAt: number;
    midHangPolls: string[];
    serving: number | undefined;
    servingAt: number;
  };
  auditLog: string[];
}> {
  let now = 0;
  const registry = new ModelRegistry(() => now);
  const artefactLoads: number[] = [];
  /** What happens while the next load runs, each event at its time on the demo's clock; then the load ends. */
  let duringNextLoad: (() => void) | undefined;
  /** Set for a load that never finishes: only the slot's timeout ends its poll. */
  let nextLoadHangs = false;
  let lastSignal: AbortSignal | undefined;
  // A stand-in for fetching and warming the artefact: it takes 20 s of the demo's clock, or plays a slow load's events.
  const load = async (model: { version: number }, signal: AbortSignal) => {
    artefactLoads.push(model.version);
    lastSignal = signal;
    const [events, hangs] = [duringNextLoad, nextLoadHangs];
    [duringNextLoad, nextLoadHangs] = [undefined, false];
    if (events) events();
    else now += LOAD_MS;
    if (hangs) await new Promise<never>(() => undefined);
  };
  // Load timeouts as timers on the demo's clock, so a hang times out without waiting. Loads cancel theirs long before
  // they are due; only a hang lets the clock run on to one.
  const timers = new Set<{ at: number; fire: () => void }>();
  const schedule = (ms: number, fire: () => void) => {
    const timer = { at: now + ms, fire };
    timers.add(timer);
    return () => void timers.delete(timer);
  };
  const runToNextTimer = () => {
    const [next] = [...timers].sort((a, b) => a.at - b.at);
    if (!next) return; // nothing scheduled on this clock: the hang would last forever
    timers.delete(next);
    now = next.at;
    next.fire();
  };
  const slotOptions = { load, loadTimeoutMs: LOAD_TIMEOUT_MS, schedule };
  const slot = new ServingSlot(registry, 'fraud', 'production', BUILD, slotOptions);
  const pollAt = (t: number, which = slot) => {
    now = Math.max(now, t);
    return which.refresh();
  };

  const v1Contract = { inputSchema: SCHEMA, preprocessingSha256: await preprocessingDigest(PREPROCESSING_V1) };
  registry.register('fraud', { artifactUri: 's3://models/fraud/1', contract: v1Contract, metrics: { auc: 0.91 } });
  registry.register('fraud', { artifactUri: 's3://models/fraud/2', contract: v1Contract, metrics: { auc: 0.93 } });
  registry.setAlias('fraud', 'production', 2);
  const reformatted = PREPROCESSING_V1.replaceAll('\n', '  \r\n');
  const sameDigest = (await preprocessingDigest(reformatted)) === v1Contract.preprocessingSha256 ? 'the same' : 'a DIFFERENT one';
  console.log(
    `training registered v1 and v2 (preprocessing ${v1Contract.preprocessingSha256.slice(0, 12)}; saved with CRLF and trailing spaces: ${sameDigest}); the release set production -> v2`,
  );

  const startupPolls = await Promise.all([pollAt(0), pollAt(0), pollAt(0)]);
  console.log(
    `t=0 s: 3 polls overlap the startup load: ${startupPolls.join(', ')}; the artefact was loaded ${artefactLoads.length} time${artefactLoads.length === 1 ? '' : 's'}; serving v${slot.active?.version} at t=${seconds(now)}`,
  );

  now = 40_000;
  registry.register('fraud', { artifactUri: 's3://models/fraud/3', contract: v1Contract, metrics: { auc: 0.94 } });
  registry.setAlias('fraud', 'production', 3);
  const v3Poll = await pollAt(2 * POLL_MS);
  console.log(`t=${seconds(40_000)}: v3 registered, production -> v3; the ${seconds(2 * POLL_MS)} poll: ${v3Poll}, serving v${slot.active?.version} at t=${seconds(now)}`);

  await pollAt(3 * POLL_MS);
  const rollbackAt = now;
  registry.rollback('fraud', 'production');
  const rollbackPoll = await pollAt(4 * POLL_MS);
  const rollbackMs = now - rollbackAt; // demo-side: from the alias move to the end of the reload
  const bound = rollbackMs <= POLL_MS + LOAD_MS ? 'within one poll plus one load' : 'MORE than one poll plus one load';
  console.log(
    `t=${seconds(rollbackAt)}: rollback, just after a poll, moves production back to v${registry.resolve('fraud', 'production').version}; the ${seconds(4 * POLL_MS)} poll: ${rollbackPoll}, serving v${slot.active?.version} at t=${seconds(now)}`,
  );
  console.log(`  rollback took ${seconds(rollbackMs)} from the alias move: ${bound}${rollbackMs < 60_000 ? ', under a minute' : ''}`);

  now = 150_000;
  const v4Contract = { inputSchema: NEW_BUILD.inputSchema, preprocessingSha256: await preprocessingDigest(PREPROCESSING_V2) };
  registry.register('fraud', { artifactUri: 's3://models/fraud/4', contract: v4Contract, metrics: { auc: 0.95 } });
  registry.setAlias('fraud', 'production', 4);
  const newFleet = new ServingSlot(registry, 'fraud', 'production', NEW_BUILD, slotOptions);
  const v4Poll = await pollAt(6 * POLL_MS);
  const v4 = { result: v4Poll, serving: slot.active?.version, problems: slot.lastRejection?.problems ?? [] }; // read now: the last step moves the slot on
  const kept = slot.active?.version === 2 ? 'kept serving v2' : `now serving v${slot.active?.version}`;
  console.log(`t=${seconds(150_000)}: v4, trained with new preprocessing and a device field, production -> v4; the ${seconds(6 * POLL_MS)} poll: ${v4Poll}, ${kept}`);
  console.log(`  ${slot.lastRejection?.message ?? 'no rejection recorded'}`);

  const newFleetStart = await pollAt(6 * POLL_MS, newFleet);
  const newFleetFirst = newFleet.active?.version;
  registry.rollback('fraud', 'production');
  const newFleetRollback = await pollAt(7 * POLL_MS, newFleet);
  const oldFleet = await pollAt(7 * POLL_MS);
  const newFleetProblems = newFleetRollback === 'rejected' ? (newFleet.lastRejection?.problems ?? []) : [];
  const extraField = newFleetProblems.some((problem) => problem.includes('"device"')) ? 'its extra device field is flagged too' : 'its extra device field passes';
  console.log(
    `a fleet deployed with v4's build: ${newFleetStart} v${newFleetFirst}; after rollback to v2 its ${seconds(7 * POLL_MS)} poll: ${newFleetRollback}, serving v${newFleet.active?.version} (the old fleet: ${oldFleet}, v${slot.active?.version})`,
  );
  console.log(`  ${newFleetProblems.join('; ') || 'no problem reported'}; ${extraField}`);

  // production -> v3 again; the 240 s poll starts a 60 s load, during which a rollback (250 s) and the next poll (270 s) arrive.
  now = 220_000;
  registry.setAlias('fraud', 'production', 3);
  let midLoadPoll: Promise<RefreshResult> = Promise.resolve('unchanged');
  let servingMidLoad: number | undefined;
  let slowRollbackAt = 0;
  duringNextLoad = () => {
    now = slowRollbackAt = 250_000;
    registry.rollback('fraud', 'production');
    now = 9 * POLL_MS;
    servingMidLoad = slot.active?.version;
    midLoadPoll = slot.refresh();
    now = 8 * POLL_MS + SLOW_LOAD_MS; // the slow load ends
  };
  const slowPoll = await pollAt(8 * POLL_MS);
  const [slowLanded, slowLandedAt] = [slot.active?.version, now]; // before the re-check's load
  const midLoad = await midLoadPoll;
  const slowRollbackMs = now - slowRollbackAt; // demo-side: from the alias move to the end of the reload
  const slowLoad = { polls: [slowPoll, midLoad], servingMidLoad, serving: slot.active?.version, rollbackMs: slowRollbackMs };
  console.log(
    `t=${seconds(220_000)}: production -> v3 again; the ${seconds(8 * POLL_MS)} poll starts a ${seconds(SLOW_LOAD_MS)} load; rollback at ${seconds(slowRollbackAt)}; the ${seconds(9 * POLL_MS)} poll arrives mid-load, the server still on v${servingMidLoad}`,
  );
  const slowBound = slowRollbackMs <= POLL_MS + LOAD_MS + SLOW_LOAD_MS ? 'within one poll, one load and the load in flight' : 'MORE than one poll, one load and the load in flight';
  console.log(
    `  the ${seconds(8 * POLL_MS)} poll: ${slowPoll} v${slowLanded} at t=${seconds(slowLandedAt)}; the ${seconds(9 * POLL_MS)} poll, re-checked after it: ${midLoad}, serving v${slot.active?.version} at t=${seconds(now)}, ${seconds(slowRollbackMs)} after the rollback: ${slowBound}`,
  );
  // production -> v5 at 330 s; the 360 s poll's load hangs, and the 390, 420 and 450 s polls arrive during it.
  now = 330_000;
  registry.register('fraud', { artifactUri: 's3://models/fraud/5', contract: v1Contract, metrics: { auc: 0.95 } });
  registry.setAlias('fraud', 'production', 5);
  const servingBefore = slot.active?.version;
  const midHang: Promise<RefreshResult>[] = [];
  nextLoadHangs = true;
  duringNextLoad = () => {
    for (const t of [13, 14, 15].map((n) => n * POLL_MS)) {
      now = t;
      midHang.push(slot.refresh());
    }
    runToNextTimer(); // the load never finishes, so the clock runs on to its timeout
  };
  const hungPoll: unknown = await pollAt(12 * POLL_MS).catch((error: unknown) => error);
  const [servingAfterTimeout, timedOutAt, aborted] = [slot.active?.version, now, lastSignal?.aborted === true]; // before the re-check's load
  const midHangPolls = await Promise.all(midHang); // one shared re-check, so one result, printed once
  const failed = hungPoll instanceof Error ? `${aborted ? 'aborts' : 'does NOT abort'} it: the poll fails` : `lets it end: the poll is ${String(hungPoll)}`;
  const keeps = servingAfterTimeout === servingBefore ? `keeps v${servingBefore}` : `LOST v${servingBefore} (serving ${servingAfterTimeout ?? 'nothing'})`;
  console.log(
    `t=${seconds(330_000)}: v5 registered, production -> v5; the ${seconds(12 * POLL_MS)} poll's load of v5 hangs, and at t=${seconds(timedOutAt)} the ${seconds(LOAD_TIMEOUT_MS)} load timeout ${failed} and the server ${keeps}`,
  );
  console.log(
    `  the ${seconds(13 * POLL_MS)}, ${seconds(14 * POLL_MS)} and ${seconds(15 * POLL_MS)} polls, made during the hang, share one re-check after it, whose load works: ${[...new Set(midHangPolls)].join(', ')}, serving v${slot.active?.version} at t=${seconds(now)}`,
  );

  const auditLog = registry.aliasLog('fraud', 'production').map((m) => `${m.action} ${m.from === null ? '' : `v${m.from} `}-> v${m.to} at ${seconds(m.at)}`);
  console.log(`audit log of production: ${auditLog.join(', ')}`);

  return {
    startupPolls,
    artefactLoads,
    rollbackMs,
    v4,
    newFleetRollback: { result: newFleetRollback, serving: newFleet.active?.version },
    slowLoad,
    hang: {
      error: hungPoll instanceof Error ? hungPoll.message : `no error: ${String(hungPoll)}`,
      aborted,
      servingAfterTimeout,
      timedOutAt,
      midHangPolls,
      serving: slot.active?.version,
      servingAt: now,
    },
    auditLog,
  };
}
