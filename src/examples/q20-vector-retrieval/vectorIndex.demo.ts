/**
 * Demo: the trade-off the page measures. 2,000 clustered 16-dimensional vectors, exact top 10 as ground truth, and an
 * IVF index of 32 lists probed with 1 to 32 of them: recall@10 against the share of vectors scanned, for two sets of
 * 50 queries. Queries like the data are held out from the same 40 clusters; queries on unseen topics come from 40
 * other centres, as after drift. Seeded generators make every run print the same.
 */
import { clusteredData } from './syntheticData';
import { ExactIndex, IvfIndex, mulberry32, recallAtK } from './vectorIndex';

const DIM = 16;
const K = 10;
const LISTS = 32;
const RECALL_TARGET = 0.95;
const PROBES = [1, 2, 4, 6, 8, 16, 32];

interface Sweep {
  scannedPercent: number[];
  recall: number[];
  /** The fewest probes in the sweep that reach the recall target. */
  probesForTarget: number | undefined;
  allListsEqualExact: boolean;
}

export function demo(): { probes: number[]; likeData: Sweep; unseenTopics: Sweep } {
  // 2,050 vectors drawn in turn from 40 clusters; every 41st is held out as a query, so the queries cover all clusters.
  const drawn = clusteredData(7, 2050, DIM, 40, 0.6);
  const data = drawn.filter((_, i) => i % 41 !== 0);
  const likeDataQueries = drawn.filter((_, i) => i % 41 === 0);
  const unseenTopicQueries = clusteredData(99, 50, DIM, 40, 0.6);
  const exact = new ExactIndex(DIM);
  data.forEach((v) => exact.add(v));
  const ivf = new IvfIndex(DIM, LISTS, mulberry32(42));
  ivf.build(data);

  const sweep = (queries: number[][]): Sweep => {
    const truth = queries.map((q) => exact.search(q, K));
    const scannedPercent: number[] = [];
    const recall: number[] = [];
    let allListsEqualExact = false;
    for (const nprobe of PROBES) {
      const results = queries.map((q) => ivf.search(q, K, nprobe));
      const share = results.reduce((sum, r) => sum + r.scanned, 0) / (results.length * data.length);
      scannedPercent.push(Number((share * 100).toFixed(1)));
      recall.push(
        Number(
          recallAtK(
            results.map((res) => res.hits),
            truth,
            K,
          ).toFixed(3),
        ),
      );
      if (nprobe === LISTS) allListsEqualExact = results.every((res, i) => JSON.stringify(res.hits) === JSON.stringify(truth[i]));
    }
    const reached = recall.findIndex((r) => r >= RECALL_TARGET); // demo-side: reads the sweep above
    return { scannedPercent, recall, probesForTarget: reached === -1 ? undefined : PROBES[reached], allListsEqualExact };
  };
  const likeData = sweep(likeDataQueries);
  const unseenTopics = sweep(unseenTopicQueries);

  const n = data.length.toFixed(0).replace(/\B(?=(\d{3})+$)/g, ',');
  console.log(`${n} vectors in 40 clusters; exact search scores all ${n} for the true top ${K}`);
  console.log(`IVF, ${LISTS} lists from seeded k-means; recall@${K} against exact search, 50 queries each:`);
  // One sentence per probe count, not a table: the output panel wraps long lines on a phone.
  PROBES.forEach((p, i) =>
    console.log(
      `${p} of ${LISTS} lists: recall ${likeData.recall[i]!.toFixed(3)} like the data (${likeData.scannedPercent[i]} % scanned), ${unseenTopics.recall[i]!.toFixed(3)} on unseen topics (${unseenTopics.scannedPercent[i]} %)`,
    ),
  );
  const reach = (s: Sweep): string => {
    if (s.probesForTarget === undefined) return `no probe count in the sweep reaches ${RECALL_TARGET}`;
    const i = PROBES.indexOf(s.probesForTarget);
    return `${s.probesForTarget} of ${LISTS} lists reach ${s.recall[i]!.toFixed(3)} scanning ${s.scannedPercent[i]} %`;
  };
  console.log(`to recall@${K} ${RECALL_TARGET}: queries like the data: ${reach(likeData)}; unseen topics: ${reach(unseenTopics)}`);
  const exactBoth = likeData.allListsEqualExact && unseenTopics.allListsEqualExact;
  console.log(`all ${LISTS} lists: ${exactBoth ? 'the same top 10 as exact search for every query' : 'differs from exact search'}`);
  return { probes: PROBES, likeData, unseenTopics };
}
