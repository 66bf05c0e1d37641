import { describe, expect, it } from 'vitest';
import { ContractViolation, ModelRegistry, ServingSlot, sha256Hex, verifyContract, type InputSchema } from './modelRegistry';

const PREPROCESSING_V1 = 'income_z = (income - 52000) / 18000\nage_bucket = bucket(age, [18, 35, 50])\n';
const PREPROCESSING_V2 = 'income_z = (log1p(income) - 10.7) / 0.6\nage_bucket = bucket(age, [18, 35, 50])\n';
const SCHEMA: InputSchema = { age: 'number', income: 'number', country: 'string' };

async function registryWithTwoVersions() {
  let clock = 1_000;
  const registry = new ModelRegistry(() => clock++);
  const contract = { inputSchema: SCHEMA, preprocessingSha256: await sha256Hex(PREPROCESSING_V1) };
  registry.register('fraud', { artifactUri: 's3://models/fraud/1', contract, metrics: { auc: 0.91 } });
  registry.register('fraud', { artifactUri: 's3://models/fraud/2', contract, metrics: { auc: 0.93 } });
  return registry;
}

describe('sha256Hex', () => {
  it('is a stable content hash: same text, same digest; one changed character, a different one', async () => {
    // Known SHA-256 test vector for "abc" (FIPS 180-2, appendix B.1).
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex(PREPROCESSING_V1)).toBe(await sha256Hex(PREPROCESSING_V1));
    expect(await sha256Hex(PREPROCESSING_V1)).not.toBe(await sha256Hex(PREPROCESSING_V1.replace('52000', '52001')));
  });
});

describe('ModelRegistry', () => {
  it('numbers versions itself and freezes them, so a registered version cannot be edited', async () => {
    const registry = await registryWithTwoVersions();
    const v1 = registry.get('fraud', 1);
    expect(v1).toMatchObject({ version: 1, artifactUri: 's3://models/fraud/1', registeredAt: 1_000 });
    expect(() => {
      (v1.metrics as Record<string, number>).auc = 0.99;
    }).toThrow(TypeError);
    expect(() => {
      (v1.contract.inputSchema as Record<string, string>).age = 'string';
    }).toThrow(TypeError);
  });

  it('rejects a contract whose hash is not a SHA-256 digest (for example a Python hash() integer)', async () => {
    const registry = await registryWithTwoVersions();
    const contract = { inputSchema: SCHEMA, preprocessingSha256: '-6920547328415113485' };
    expect(() => registry.register('fraud', { artifactUri: 's3://x', contract, metrics: {} })).toThrow(/SHA-256/);
  });

  it('moves aliases independently and rolls an alias back to its previous version', async () => {
    const registry = await registryWithTwoVersions();
    registry.setAlias('fraud', 'production', 1);
    registry.setAlias('fraud', 'canary', 2);
    expect(registry.resolve('fraud', 'canary').version).toBe(2);
    registry.setAlias('fraud', 'production', 2);
    expect(registry.resolve('fraud', 'production').version).toBe(2);
    expect(registry.rollback('fraud', 'production').version).toBe(1);
    expect(() => registry.rollback('fraud', 'production')).toThrow(/no earlier version/);
  });

  it('refuses aliases to versions that do not exist and unknown aliases', async () => {
    const registry = await registryWithTwoVersions();
    expect(() => registry.setAlias('fraud', 'production', 3)).toThrow(/no version 3/);
    expect(() => registry.resolve('fraud', 'shadow')).toThrow(/no alias "shadow"/);
  });
});

describe('verifyContract', () => {
  it('accepts a build with the same preprocessing and a superset of the input fields', async () => {
    const model = (await registryWithTwoVersions()).get('fraud', 1);
    const build = { inputSchema: { ...SCHEMA, device: 'string' as const }, preprocessingSource: PREPROCESSING_V1 };
    await expect(verifyContract(model, build)).resolves.toBeUndefined();
  });

  it('lists every mismatch: changed preprocessing, a field of the wrong type and a missing field', async () => {
    const model = (await registryWithTwoVersions()).get('fraud', 1);
    const build = { inputSchema: { age: 'string' as const, income: 'number' as const }, preprocessingSource: PREPROCESSING_V2 };
    const error = await verifyContract(model, build).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractViolation);
    expect((error as ContractViolation).problems).toEqual([
      expect.stringMatching(/^preprocessing [0-9a-f]{12} differs from trained [0-9a-f]{12}$/),
      'field "age" is string, the model expects number',
      'field "country" is missing',
    ]);
  });
});

describe('ServingSlot', () => {
  const build = { inputSchema: SCHEMA, preprocessingSource: PREPROCESSING_V1 };

  it('loads the alias target, ignores polls without change, and follows a rollback', async () => {
    const registry = await registryWithTwoVersions();
    registry.setAlias('fraud', 'production', 1);
    const slot = new ServingSlot(registry, 'fraud', 'production', build);
    expect(await slot.refresh()).toBe('loaded');
    expect(await slot.refresh()).toBe('unchanged');
    registry.setAlias('fraud', 'production', 2);
    expect(await slot.refresh()).toBe('loaded');
    expect(slot.active?.version).toBe(2);
    registry.rollback('fraud', 'production');
    expect(await slot.refresh()).toBe('loaded');
    expect(slot.active?.version).toBe(1);
  });

  it('keeps serving the old version when the new one was trained with different preprocessing', async () => {
    const registry = await registryWithTwoVersions();
    const skewed = { inputSchema: SCHEMA, preprocessingSha256: await sha256Hex(PREPROCESSING_V2) };
    registry.register('fraud', { artifactUri: 's3://models/fraud/3', contract: skewed, metrics: { auc: 0.95 } });
    registry.setAlias('fraud', 'production', 2);
    const slot = new ServingSlot(registry, 'fraud', 'production', build);
    await slot.refresh();
    registry.setAlias('fraud', 'production', 3);
    expect(await slot.refresh()).toBe('rejected');
    expect(slot.active?.version).toBe(2);
    expect(slot.lastRejection?.model.version).toBe(3);
  });

  it('starts with no model rather than a wrong one when the first target breaks the contract', async () => {
    const registry = await registryWithTwoVersions();
    registry.setAlias('fraud', 'production', 1);
    const slot = new ServingSlot(registry, 'fraud', 'production', { ...build, preprocessingSource: PREPROCESSING_V2 });
    expect(await slot.refresh()).toBe('rejected');
    expect(slot.active).toBeUndefined();
  });
});
