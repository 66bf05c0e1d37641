/**
 * Demo: the trade-off the page measures. 2,000 clustered 16-dimensional
 * vectors, 50 queries, exact top 10 as ground truth, and an IVF index of 32
 * lists probed with 1 to 32 lists: recall@10 against the share of vectors
 * scanned. Seeded generators make every run print the same.
 */
import { clusteredData } from './syntheticData';
import { ExactIndex, IvfIndex, mulberry32, recallAtK } from './vectorIndex';

export function demo(): { probes: number[]; scannedPercent: number[]; recall: number[]; allListsEqualExact: boolean } {
  const dim = 16;
  const k = 10;
  const data = clusteredData(7, 2000, dim, 40, 0.6);
  const queries = clusteredData(99, 50, dim, 40, 0.6);
  const exact = new ExactIndex(dim);
  data.forEach((v) => exact.add(v));
  const truth = queries.map((q) => exact.search(q, k));
  const ivf = new IvfIndex(dim, 32, mulberry32(42));
  ivf.build(data);
  const n = data.length.toLocaleString('en-US');
  console.log(`${n} vectors, ${queries.length} queries; exact search scores all ${n} for the true top ${k}`);
  console.log('IVF with 32 lists from seeded k-means, recall@10 against exact search:');
  console.log('  probes  scanned  recall@10');

  const probes = [1, 2, 4, 8, 16, 32];
  const scannedPercent: number[] = [];
  const recall: number[] = [];
  let allListsEqualExact = false;
  for (const nprobe of probes) {
    const results = queries.map((q) => ivf.search(q, k, nprobe));
    const share = results.reduce((sum, r) => sum + r.scanned, 0) / (results.length * data.length);
    const r = recallAtK(
      results.map((res) => res.hits),
      truth,
      k,
    );
    scannedPercent.push(Number((share * 100).toFixed(1)));
    recall.push(Number(r.toFixed(3)));
    console.log(`${String(nprobe).padStart(8)}  ${(share * 100).toFixed(1).padStart(5)} %  ${r.toFixed(3).padStart(9)}`);
    if (nprobe === 32) allListsEqualExact = results.every((res, i) => JSON.stringify(res.hits) === JSON.stringify(truth[i]));
  }
  const at = (p: number) => probes.indexOf(p);
  console.log(`8 of 32 lists scan ${scannedPercent[at(8)]} % of the vectors at recall@10 ${recall[at(8)]}; 1 list scans ${scannedPercent[at(1)]} % at ${recall[at(1)]}`);
  console.log(`all 32 lists: ${allListsEqualExact ? 'the same top 10 as exact search for every query' : 'differs from exact search'}`);
  return { probes, scannedPercent, recall, allListsEqualExact };
}
