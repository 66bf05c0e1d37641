import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './lineage.demo';

afterEach(() => vi.restoreAllMocks());

describe('the data versioning demo', () => {
  it('gives the same files the same snapshot id whatever their order or name, and one changed byte a new id', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    expect(result.sameIdRenamedAndReordered).toBe(true);
    expect(result.newIdOneByteChanged).toBe(true);
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines[0]).toBe('raw-2024-06 is snapshot aa325bf2…; its txns.csv is file 3c2d7a02…');
    expect(lines[1]).toBe('the same files in another order, committed as "june-copy": snapshot aa325bf2…, named raw-2024-06');
    expect(lines[2]).toBe('txns.csv with one byte changed, committed as "raw-2024-06-edited": snapshot 938ee07b…');
  });

  it('walks downstream from the corrupted file to the cleaned snapshot and to churn@3 and fraud@7, not fraud@6', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    expect(result).toMatchObject({
      reached: ['clean-2024-06', 'raw-2024-06'],
      modelsToRetrain: ['churn@3', 'fraud@7'],
      notReached: ['fraud@6'],
      sources: ['s3://lake/raw/txns/2024-06'],
    });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('models to retrain: churn@3, fraud@7; registered but not reached: fraud@6');
    // fraud@7 was trained on the cleaned snapshot only; the raw one is upstream of it, not its training data.
    expect(lines).toContain('fraud@7 was trained on clean-2024-06, derived from raw-2024-06, from s3://lake/raw/txns/2024-06');
  });

  it("stores the page's 1,580 GB for 30 daily 1 TB snapshots with 2 % churn in new files, and all 30,000 when every file is rewritten", async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    expect(result.storedBytes).toEqual({ newFilesEachDay: 1_580, rewrittenInPlace: 30_000 });
    expect(result.sumOfSnapshotSizes).toBe(30_000);
    expect(log.mock.calls.map((c) => String(c[0]))).toContain(
      "30 daily snapshots (a byte stands for a GB), changes in new files: 1,580 GB stored; the snapshots add up to 30,000 GB (demo's sum)",
    );
  });
});
