/**
 * Demo: the page's diagram, run. Content addressing gives the same files the
 * same snapshot id whatever their order or name, and one changed byte a new
 * one. The corrupted txns.csv is traced downstream to every snapshot and model
 * it reached, and a model upstream to its sources. Then the page's storage
 * figure: 30 daily 1,000 GB snapshots with 2 % churn, one byte standing for a GB.
 */
import { DatasetRegistry } from './lineage';
import { corruptedFileScenario, text } from './lineageScenario';

export async function demo(): Promise<{
  sameIdRenamedAndReordered: boolean;
  newIdOneByteChanged: boolean;
  reached: string[];
  modelsToRetrain: string[];
  notReached: string[];
  sources: string[];
  storedBytes: { newFilesEachDay: number; rewrittenInPlace: number };
  sumOfSnapshotSizes: number;
}> {
  const { registry, raw, corruptedHash, models, files } = await corruptedFileScenario();
  const short = (hash: string) => `${hash.slice(0, 8)}…`;
  const nameOf = (id: string) => registry.get(id).name;

  const again = await registry.commit('june-copy', { 'users.csv': files['users.csv'], 'txns.csv': files['txns.csv'] });
  const edited = files['txns.csv'].slice();
  const last = edited.length - 1;
  edited[last] = edited[last]! ^ 1; // flip one bit of the last byte
  const changed = await registry.commit('raw-2024-06-edited', { 'txns.csv': edited, 'users.csv': files['users.csv'] });
  console.log(`${raw.name} is snapshot ${short(raw.id)}; its txns.csv is file ${short(raw.manifest['txns.csv']!)}`);
  console.log(`the same files in another order, committed as "june-copy": snapshot ${short(again.id)}, named ${again.name}`);
  console.log(`txns.csv with one byte changed, committed as "${changed.name}": snapshot ${short(changed.id)}`);

  const impact = registry.impactOf(corruptedHash);
  const why = (id: string) => {
    const snapshot = registry.get(id);
    return Object.values(snapshot.manifest).includes(corruptedHash) ? 'holds the file' : `derived from ${snapshot.parents.map(nameOf).join(', ')}`;
  };
  console.log(`corrupted file ${short(corruptedHash)} reaches: ${impact.snapshots.map((id) => `${nameOf(id)} (${why(id)})`).join(', ')}`);
  const registered = models.map((m) => `${m.name}@${m.version}`);
  const notReached = registered.filter((m) => !impact.models.includes(m)).sort(); // the demo's own set difference
  console.log(`models to retrain: ${impact.models.join(', ')}; registered but not reached: ${notReached.join(', ')}`);
  const upstream = registry.upstreamOf('fraud', '7');
  const fraud7 = models.find((m) => `${m.name}@${m.version}` === 'fraud@7')!;
  const derivedFrom = upstream.snapshots.filter((id) => !fraud7.trainedOn.includes(id)); // upstream, but not trained on directly
  console.log(`fraud@7 was trained on ${fraud7.trainedOn.map(nameOf).join(', ')}, derived from ${derivedFrom.map(nameOf).join(', ')}, from ${upstream.sources.join(', ')}`);

  // Every day a new 20 GB partition lands and the oldest leaves the 1,000 GB window (50 files of 20 GB).
  const partition = (day: number) => text(`partition ${day}`.padEnd(20, '.'));
  const appendOnly = new DatasetRegistry();
  const inPlace = new DatasetRegistry();
  let sumOfSnapshotSizes = 0;
  for (let day = 0; day < 30; day++) {
    const window: Record<string, Uint8Array> = {};
    const rewritten: Record<string, Uint8Array> = {};
    for (let i = 0; i < 50; i++) {
      window[`day-${day + i}.csv`] = partition(day + i);
      rewritten[`part-${i}.csv`] = text(`part ${i}, update ${day}`.padEnd(20, '.')); // 2 % of rows changed in every file
    }
    sumOfSnapshotSizes += Object.values(window).reduce((bytes, file) => bytes + file.byteLength, 0);
    await appendOnly.commit(`day ${day}`, window);
    await inPlace.commit(`day ${day}`, rewritten);
  }
  const storedBytes = { newFilesEachDay: appendOnly.storedBytes(), rewrittenInPlace: inPlace.storedBytes() };
  const gb = (n: number) => `${n.toLocaleString('en-US')} GB`;
  console.log(
    `30 daily snapshots (a byte stands for a GB), changes in new files: ${gb(storedBytes.newFilesEachDay)} stored; the snapshots add up to ${gb(sumOfSnapshotSizes)} (demo's sum)`,
  );
  console.log(`the same churn rewriting rows in all 50 files: ${gb(storedBytes.rewrittenInPlace)} stored`);

  return {
    sameIdRenamedAndReordered: again.id === raw.id,
    newIdOneByteChanged: changed.id !== raw.id,
    reached: impact.snapshots.map(nameOf).sort(),
    modelsToRetrain: impact.models,
    notReached,
    sources: upstream.sources,
    storedBytes,
    sumOfSnapshotSizes,
  };
}
