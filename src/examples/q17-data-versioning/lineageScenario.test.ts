import { describe, expect, it } from 'vitest';
import { sha256Hex } from './lineage';
import { corruptedFileScenario } from './lineageScenario';

describe('the corrupted-file scenario', () => {
  it("builds the page's diagram: the corrupted txns.csv in raw-2024-06, clean-2024-06 derived from it, and three models", async () => {
    const { registry, raw, cleaned, corruptedHash, models, files } = await corruptedFileScenario();
    expect(corruptedHash).toBe(await sha256Hex('user,amount\nu1,-999999'));
    expect(raw.manifest['txns.csv']).toBe(corruptedHash);
    expect(await sha256Hex(files['txns.csv'])).toBe(corruptedHash);
    expect(registry.get(cleaned.id).parents).toEqual([raw.id]);
    expect(models.map((m) => `${m.name}@${m.version}`)).toEqual(['fraud@7', 'churn@3', 'fraud@6']);
    expect(models[0]!.trainedOn).toEqual([cleaned.id]);
  });
});
