import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContractViolation, ModelRegistry, preprocessingDigest, ServingSlot, sha256Hex, verifyContract, type InputSchema, type ModelVersion } from './modelRegistry';

const PREPROCESSING_V1 = 'income_z = (income - 52000) / 18000\nage_bucket = bucket(age, [18, 35, 50])\n';
const PREPROCESSING_V2 = 'income_z = (log1p(income) - 10.7) / 0.6\nage_bucket = bucket(age, [18, 35, 50])\n';
const SCHEMA: InputSchema = { age: 'number', income: 'number', country: 'string' };

/** A promise the test opens when it chooses. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** A load that records each version it is asked for and, for the versions `held` picks, waits until the gate opens. */
function gatedLoad(held: (version: number) => boolean = () => true) {
  const release = gate();
  const loads: number[] = [];
  const load = async (model: ModelVersion) => {
    loads.push(model.version);
    if (held(model.version)) await release.opened;
  };
  return { release, loads, load };
}

/** Timers the test fires by hand: what is pending is what was scheduled and not yet cancelled. */
function manualTimers() {
  const pending = new Set<{ ms: number; fire: () => void }>();
  const schedule = (ms: number, fire: () => void) => {
    const timer = { ms, fire };
    pending.add(timer);
    return () => void pending.delete(timer);
  };
  return { pending, schedule };
}

async function registryWithTwoVersions() {
  let clock = 1_000;
  const registry = new ModelRegistry(() => clock++);
  const contract = { inputSchema: SCHEMA, preprocessingSha256: await preprocessingDigest(PREPROCESSING_V1) };
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

describe('preprocessingDigest', () => {
  it('ignores trailing spaces, Windows line endings and trailing blank lines', async () => {
    const reformatted = PREPROCESSING_V1.replaceAll('\n', '  \r\n') + '\r\n\r\n';
    expect(await preprocessingDigest(reformatted)).toBe(await preprocessingDigest(PREPROCESSING_V1));
  });

  it('also trims trailing spaces inside string literals, where they can matter (a known limit of normalising text)', async () => {
    const sql = (padding: string) => `QUERY = """select *${padding}\nfrom events"""\n`;
    expect(await preprocessingDigest(sql('   '))).toBe(await preprocessingDigest(sql('')));
  });

  it('still sees indentation and every other character, which can change behaviour', async () => {
    expect(await preprocessingDigest('  ' + PREPROCESSING_V1)).not.toBe(await preprocessingDigest(PREPROCESSING_V1));
    expect(await preprocessingDigest(PREPROCESSING_V1.replace('52000', '52001'))).not.toBe(await preprocessingDigest(PREPROCESSING_V1));
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

  it('treats rollback as undo of the last alias move: after 1 → 2 → 1 it returns to 2', async () => {
    const registry = await registryWithTwoVersions();
    registry.setAlias('fraud', 'production', 1);
    registry.setAlias('fraud', 'production', 2);
    registry.setAlias('fraud', 'production', 1);
    expect(registry.rollback('fraud', 'production').version).toBe(2);
    expect(registry.rollback('fraud', 'production').version).toBe(1);
  });

  it('keeps an append-only log of every alias move, rollbacks included, while rollback pops the undo stack', async () => {
    const registry = await registryWithTwoVersions(); // the clock is at 1002 after two registrations
    registry.setAlias('fraud', 'production', 1);
    registry.setAlias('fraud', 'canary', 2);
    registry.setAlias('fraud', 'production', 2);
    registry.rollback('fraud', 'production');
    const log = registry.aliasLog('fraud', 'production');
    expect(log).toEqual([
      { name: 'fraud', alias: 'production', action: 'set', from: null, to: 1, at: 1002 },
      { name: 'fraud', alias: 'production', action: 'set', from: 1, to: 2, at: 1004 },
      { name: 'fraud', alias: 'production', action: 'rollback', from: 2, to: 1, at: 1005 },
    ]);
    expect(() => registry.rollback('fraud', 'production')).toThrow(/no earlier version/);
    expect(() => {
      (log[0] as { to: number }).to = 2;
    }).toThrow(TypeError);
    expect(registry.aliasLog('fraud', 'production')).toHaveLength(3);
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
    const skewed = { inputSchema: SCHEMA, preprocessingSha256: await preprocessingDigest(PREPROCESSING_V2) };
    registry.register('fraud', { artifactUri: 's3://models/fraud/3', contract: skewed, metrics: { auc: 0.95 } });
    registry.setAlias('fraud', 'production', 2);
    const slot = new ServingSlot(registry, 'fraud', 'production', build);
    await slot.refresh();
    registry.setAlias('fraud', 'production', 3);
    expect(await slot.refresh()).toBe('rejected');
    expect(slot.active?.version).toBe(2);
    expect(slot.lastRejection?.model.version).toBe(3);
  });

  it('coalesces overlapping polls: five calls during one load give that load and one re-check, not five loads', async () => {
    const registry = await registryWithTwoVersions();
    registry.setAlias('fraud', 'production', 1);
    const { release, loads, load } = gatedLoad();
    const slot = new ServingSlot(registry, 'fraud', 'production', build, { load });
    const resolves = vi.spyOn(registry, 'resolve');
    const polls = Array.from({ length: 5 }, () => slot.refresh());
    release.open();
    expect(await Promise.all(polls)).toEqual(['loaded', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(loads).toEqual([1]);
    expect(resolves).toHaveBeenCalledTimes(2);
  });

  it('applies a rollback made while a slow load is in flight: that load lands, then the re-check restores v1', async () => {
    const registry = await registryWithTwoVersions();
    registry.setAlias('fraud', 'production', 1);
    const { release, loads, load } = gatedLoad((version) => version === 2);
    const slot = new ServingSlot(registry, 'fraud', 'production', build, { load });
    await slot.refresh();
    registry.setAlias('fraud', 'production', 2);
    const slowPoll = slot.refresh();
    await vi.waitFor(() => expect(loads).toEqual([1, 2])); // v2 resolved and loading
    registry.rollback('fraud', 'production');
    const nextPoll = slot.refresh();
    release.open();
    expect(await slowPoll).toBe('loaded'); // v2 serves briefly: the rollback came after this poll resolved the alias
    expect(await nextPoll).toBe('loaded');
    expect(slot.active?.version).toBe(1);
    expect(loads).toEqual([1, 2, 1]);
  });

  describe('the load timeout', () => {
    afterEach(() => vi.useRealTimers());

    it('by default runs on real timers: a hanging load is given up and aborted, so the next poll goes ahead; no timer is left pending', async () => {
      vi.useFakeTimers();
      const registry = await registryWithTwoVersions();
      registry.setAlias('fraud', 'production', 1);
      let hungSignal: AbortSignal | undefined;
      const load = (model: ModelVersion, signal: AbortSignal) => {
        if (model.version === 1) return Promise.resolve();
        hungSignal = signal;
        return new Promise<void>(() => undefined); // never settles
      };
      const slot = new ServingSlot(registry, 'fraud', 'production', build, { load, loadTimeoutMs: 60_000 });
      expect(await slot.refresh()).toBe('loaded');
      registry.setAlias('fraud', 'production', 2);
      const hungPoll = slot.refresh().catch((error: unknown) => error);
      await vi.waitFor(() => expect(hungSignal).toBeDefined());
      registry.rollback('fraud', 'production');
      const nextPoll = slot.refresh();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(String(await hungPoll)).toMatch(/fraud v2 did not load within 60,000 ms/);
      expect(hungSignal!.aborted).toBe(true);
      expect(await nextPoll).toBe('unchanged');
      expect(slot.active?.version).toBe(1);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('runs on the injected timer, not setTimeout, and cancels it when the load finishes in time, leaving none behind', async () => {
      vi.useFakeTimers(); // so a global setTimeout would show in the timer count
      const registry = await registryWithTwoVersions();
      registry.setAlias('fraud', 'production', 1);
      const { release, load } = gatedLoad();
      const timers = manualTimers();
      const slot = new ServingSlot(registry, 'fraud', 'production', build, { load, loadTimeoutMs: 60_000, schedule: timers.schedule });
      const poll = slot.refresh();
      await vi.waitFor(() => expect([...timers.pending].map((timer) => timer.ms)).toEqual([60_000]));
      expect(vi.getTimerCount()).toBe(0);
      release.open();
      expect(await poll).toBe('loaded');
      expect(timers.pending.size).toBe(0);
    });

    it('times out a hanging load when the injected timer fires, keeps serving the version it had, and loads at the next poll', async () => {
      const registry = await registryWithTwoVersions();
      registry.setAlias('fraud', 'production', 1);
      let hungSignal: AbortSignal | undefined;
      const load = (model: ModelVersion, signal: AbortSignal) => {
        if (model.version === 1 || hungSignal) return Promise.resolve(); // only the first load of v2 hangs
        hungSignal = signal;
        return new Promise<void>(() => undefined); // never settles
      };
      const timers = manualTimers();
      const slot = new ServingSlot(registry, 'fraud', 'production', build, { load, loadTimeoutMs: 60_000, schedule: timers.schedule });
      expect(await slot.refresh()).toBe('loaded');
      registry.setAlias('fraud', 'production', 2);
      const hungPoll = slot.refresh().catch((error: unknown) => error);
      await vi.waitFor(() => expect(hungSignal).toBeDefined());
      const [timeout, ...others] = timers.pending;
      expect([timeout?.ms, others.length]).toEqual([60_000, 0]); // only the hanging load's timer: v1's was cancelled
      timeout!.fire(); // the 60 s pass on the caller's clock
      expect(String(await hungPoll)).toMatch(/fraud v2 did not load within 60,000 ms/);
      expect(hungSignal!.aborted).toBe(true);
      expect(slot.active?.version).toBe(1);
      expect(await slot.refresh()).toBe('loaded');
      expect(slot.active?.version).toBe(2);
      expect(timers.pending.size).toBe(0);
    });
  });

  it('refuses a rollback to a model whose preprocessing the current serving build no longer runs', async () => {
    const registry = await registryWithTwoVersions();
    const v3 = { inputSchema: SCHEMA, preprocessingSha256: await preprocessingDigest(PREPROCESSING_V2) };
    registry.register('fraud', { artifactUri: 's3://models/fraud/3', contract: v3, metrics: { auc: 0.95 } });
    registry.setAlias('fraud', 'production', 1);
    registry.setAlias('fraud', 'production', 3); // released together with a serving deploy that runs V2
    const slot = new ServingSlot(registry, 'fraud', 'production', { ...build, preprocessingSource: PREPROCESSING_V2 });
    await slot.refresh();
    registry.rollback('fraud', 'production');
    expect(await slot.refresh()).toBe('rejected');
    expect(slot.active?.version).toBe(3);
  });

  it('starts with no model rather than a wrong one when the first target breaks the contract', async () => {
    const registry = await registryWithTwoVersions();
    registry.setAlias('fraud', 'production', 1);
    const slot = new ServingSlot(registry, 'fraud', 'production', { ...build, preprocessingSource: PREPROCESSING_V2 });
    expect(await slot.refresh()).toBe('rejected');
    expect(slot.active).toBeUndefined();
  });
});
