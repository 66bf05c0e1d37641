/**
 * Demo: the page's recommendation request (user and item embeddings 40 ms
 * each, interaction model 25 ms, ranking model 15 ms) run three times on a
 * virtual clock. Healthy, it answers at 80 ms instead of 120 ms in turn. With
 * the item embedding past its 60 ms timeout and the ranking model answering
 * 503, the fallbacks answer by 85 ms. With every model hung, the 100 ms
 * deadline still gets a popularity ranking out, where the timeouts alone
 * would allow 600 ms.
 */
import { criticalPathMs, runDag, type DagNode } from './dagExecutor';
import { VirtualClock } from './virtualClock';

/** The page's typical model latencies: the DAG's nodes and the sequential sum both read them here. */
const LATENCY_MS = { userEmb: 40, itemEmb: 40, interaction: 25, ranking: 15 } as const;
type ModelId = keyof typeof LATENCY_MS;

type Behaviour = 'answers' | 'hangs' | 'fails';

function recommendationDag(clock: VirtualClock, started: string[], behaviour: Readonly<Partial<Record<ModelId, Behaviour>>> = {}): DagNode[] {
  const model = (id: ModelId, deps: ModelId[], timeoutMs = 200): DagNode => ({
    id,
    deps,
    timeoutMs,
    run: async (_inputs, signal) => {
      started.push(`${id} ${clock.now} ms`);
      const how = behaviour[id] ?? 'answers';
      if (how === 'fails') throw new Error('HTTP 503');
      await clock.sleep(how === 'hangs' ? 10_000 : LATENCY_MS[id], signal); // an aborted call stops, like fetch with a signal
      return `${id} output`;
    },
  });
  return [
    model('userEmb', []),
    { ...model('itemEmb', []), timeoutMs: 60, fallback: () => 'cached item embeddings' },
    model('interaction', ['userEmb', 'itemEmb']),
    { ...model('ranking', ['interaction']), fallback: () => 'popularity ranking' },
  ];
}

async function request(behaviour: Readonly<Partial<Record<ModelId, Behaviour>>>, deadlineMs?: number) {
  const clock = new VirtualClock();
  const started: string[] = [];
  let answeredAt = -1;
  const nodes = recommendationDag(clock, started, behaviour);
  const done = runDag(nodes, { sleep: clock.sleep, now: clock.clock, ...(deadlineMs ? { deadlineMs } : {}) }).then((result) => {
    answeredAt = clock.now;
    return result;
  });
  await clock.runAll();
  const result = await done;
  const statuses = nodes.map(({ id }) => `${id} ${result.status.get(id)}`).join(', ');
  return { started, answeredAt, ranking: result.outputs.get('ranking'), statuses };
}

export async function demo(): Promise<{ sequentialMs: number; healthyMs: number; degradedMs: number; worstCaseMs: number; hungMs: number; hungAnswer: unknown }> {
  const sequentialMs = Object.values(LATENCY_MS).reduce<number>((sum, ms) => sum + ms, 0);

  const healthy = await request({});
  console.log(`healthy, the models start at: ${healthy.started.join(', ')}`);
  const saved = Math.round((100 * (sequentialMs - healthy.answeredAt)) / sequentialMs);
  console.log(`answer "${String(healthy.ranking)}" at ${healthy.answeredAt} ms; in turn it would take ${sequentialMs} ms: ${saved} % saved`);

  const degraded = await request({ itemEmb: 'hangs', ranking: 'fails' });
  console.log('item embedding hangs past its 60 ms timeout, ranking model answers 503:');
  console.log(`  started at: ${degraded.started.join(', ')}`);
  console.log(`  ${degraded.statuses}`);
  console.log(`  answer "${String(degraded.ranking)}" at ${degraded.answeredAt} ms`);

  const nodes = recommendationDag(new VirtualClock(), []);
  const worstCaseMs = criticalPathMs(nodes, (n) => n.timeoutMs);
  console.log(`every model hangs: three 200 ms timeouts in a row allow ${worstCaseMs} ms; with a 100 ms deadline:`);
  const hung = await request({ userEmb: 'hangs', itemEmb: 'hangs', interaction: 'hangs', ranking: 'hangs' }, 100);
  console.log(`  ${hung.statuses}`);
  console.log(`  answer "${String(hung.ranking)}" at ${hung.answeredAt} ms`);

  return { sequentialMs, healthyMs: healthy.answeredAt, degradedMs: degraded.answeredAt, worstCaseMs, hungMs: hung.answeredAt, hungAnswer: hung.ranking };
}
