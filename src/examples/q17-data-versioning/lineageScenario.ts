/**
 * The page's diagram as data, shared by the lineage tests and the demo: a June
 * raw snapshot whose txns.csv is corrupted, a cleaned snapshot derived from it,
 * a May raw snapshot, and three models trained on them.
 */
import { DatasetRegistry, sha256Hex, type ModelRecord } from './lineage';

export const text = (s: string) => new TextEncoder().encode(s);

export async function corruptedFileScenario() {
  const registry = new DatasetRegistry();
  const corrupted = text('user,amount\nu1,-999999');
  const files = { 'txns.csv': corrupted, 'users.csv': text('u1,PT') };
  const raw = await registry.commit('raw-2024-06', files, { sources: ['s3://lake/raw/txns/2024-06'] });
  const otherRaw = await registry.commit('raw-2024-05', { 'txns.csv': text('user,amount\nu1,12') }, { sources: ['s3://lake/raw/txns/2024-05'] });
  const cleaned = await registry.commit('clean-2024-06', { 'train.parquet': text('cleaned rows') }, { parents: [raw.id] });
  const models: ModelRecord[] = [
    { name: 'fraud', version: '7', trainedOn: [cleaned.id] },
    { name: 'churn', version: '3', trainedOn: [raw.id, otherRaw.id] },
    { name: 'fraud', version: '6', trainedOn: [otherRaw.id] },
  ];
  for (const model of models) registry.registerModel(model);
  return { registry, raw, cleaned, corruptedHash: await sha256Hex(corrupted), models, files };
}
