import { describe, expect, it } from 'vitest';
import { LifecycleError, ModelRegistry, type Lineage } from './modelLifecycle';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const lineage = (run: string): Lineage => ({ trainingRunId: run, codeCommit: 'a1b2c3d', dataDigest: digest('d'), artefactDigest: digest('e') });

function registryAt(start = 1_000) {
  let t = start;
  return { registry: new ModelRegistry(() => t++) };
}

let runs = 0;

/** Registers a version and walks it to production, approved by someone else. */
function promote(registry: ModelRegistry, model = 'fraud') {
  const v = registry.register(model, 'ana', lineage(`run-${++runs}`), { auc: 0.91 });
  registry.transition(model, v.version, 'staging', 'ana', 'offline evaluation passed');
  registry.transition(model, v.version, 'production', 'ana', 'canary passed', 'ben');
  return v;
}

describe('registration', () => {
  it('numbers versions per model, starting at 1, in registration order', () => {
    const { registry } = registryAt();
    expect(registry.register('fraud', 'ana', lineage('r1'), {}).version).toBe(1);
    expect(registry.register('fraud', 'ana', lineage('r2'), {}).version).toBe(2);
    expect(registry.register('churn', 'ana', lineage('r3'), {}).version).toBe(1);
  });

  it('rejects a version without a training run or with a data reference that is not a content digest', () => {
    const { registry } = registryAt();
    expect(() => registry.register('fraud', 'ana', { ...lineage('r1'), trainingRunId: ' ' }, {})).toThrow(/trainingRunId/);
    expect(() => registry.register('fraud', 'ana', { ...lineage('r1'), dataDigest: 's3://bucket/latest.parquet' }, {})).toThrow(/dataDigest must be a sha256/);
  });

  it('keeps its own copy of the lineage, so the caller cannot rewrite history later', () => {
    const { registry } = registryAt();
    const input = { ...lineage('r1') };
    const v = registry.register('fraud', 'ana', input, {});
    (input as { trainingRunId: string }).trainingRunId = 'changed';
    expect(v.lineage.trainingRunId).toBe('r1');
  });
});

describe('transitions', () => {
  it('refuses to skip staging: registered -> production is illegal', () => {
    const { registry } = registryAt();
    registry.register('fraud', 'ana', lineage('r1'), {});
    expect(() => registry.transition('fraud', 1, 'production', 'ana', 'yolo', 'ben')).toThrow(/registered -> production is not an allowed/);
  });

  it('sends an archived version back through staging before it can serve again', () => {
    const { registry } = registryAt();
    registry.register('fraud', 'ana', lineage('r1'), {});
    registry.transition('fraud', 1, 'archived', 'ana', 'superseded before release');
    expect(() => registry.transition('fraud', 1, 'production', 'ana', 'reuse', 'ben')).toThrow(LifecycleError);
    registry.transition('fraud', 1, 'staging', 'ana', 're-validate');
    expect(registry.get('fraud', 1).stage).toBe('staging');
  });

  it('requires an approver for production, and not the author', () => {
    const { registry } = registryAt();
    registry.register('fraud', 'ana', lineage('r1'), {});
    registry.transition('fraud', 1, 'staging', 'ana', 'ok');
    expect(() => registry.transition('fraud', 1, 'production', 'ana', 'ship')).toThrow(/needs an approver/);
    expect(() => registry.transition('fraud', 1, 'production', 'ana', 'ship', 'ana')).toThrow(/must not be the person/);
    expect(registry.get('fraud', 1).stage).toBe('staging');
  });

  it('refuses an approval by the person promoting, even when a pipeline registered the version', () => {
    const { registry } = registryAt();
    registry.register('fraud', 'training-pipeline', lineage('r1'), {});
    registry.transition('fraud', 1, 'staging', 'training-pipeline', 'offline evaluation passed');
    expect(() => registry.transition('fraud', 1, 'production', 'alice', 'ship', 'alice')).toThrow(/must not be the person promoting/);
    expect(registry.get('fraud', 1).stage).toBe('staging');
    registry.transition('fraud', 1, 'production', 'alice', 'ship', 'ben');
    expect(registry.get('fraud', 1).stage).toBe('production');
  });

  it('fails loudly for a version that does not exist', () => {
    const { registry } = registryAt();
    expect(() => registry.transition('fraud', 7, 'staging', 'ana', 'x')).toThrow(/fraud v7 does not exist/);
  });
});

describe('one production version per model', () => {
  it('archives the old production version when a new one is promoted', () => {
    const { registry } = registryAt();
    const v1 = promote(registry);
    const v2 = promote(registry);
    expect(registry.resolve('fraud', 'production')?.version).toBe(v2.version);
    expect(registry.get('fraud', v1.version).stage).toBe('archived');
    expect(registry.productionCount('fraud')).toBe(1);
  });

  it('keeps models independent: promoting churn leaves fraud in production', () => {
    const { registry } = registryAt();
    promote(registry, 'fraud');
    promote(registry, 'churn');
    expect(registry.productionCount('fraud')).toBe(1);
    expect(registry.productionCount('churn')).toBe(1);
  });
});

describe('rollback', () => {
  it('restores the previous production version by moving the alias, and audits it', () => {
    const { registry } = registryAt();
    const v1 = promote(registry);
    const v2 = promote(registry);
    const restored = registry.rollback('fraud', 'oncall', 'error rate doubled');
    expect(restored.version).toBe(v1.version);
    expect(registry.resolve('fraud', 'production')?.version).toBe(v1.version);
    expect(registry.get('fraud', v2.version).stage).toBe('archived');
    expect(registry.productionCount('fraud')).toBe(1);
    expect(registry.audit.at(-1)).toMatchObject({ version: v1.version, from: 'archived', to: 'production', actor: 'oncall' });
  });

  it('can roll back twice through the production history', () => {
    const { registry } = registryAt();
    promote(registry);
    promote(registry);
    promote(registry);
    expect(registry.rollback('fraud', 'oncall', 'bad v3').version).toBe(2);
    expect(registry.rollback('fraud', 'oncall', 'bad v2 too').version).toBe(1);
    expect(() => registry.rollback('fraud', 'oncall', 'again')).toThrow(/no earlier production version/);
  });

  it('refuses to roll back a model that has only ever had one production version', () => {
    const { registry } = registryAt();
    promote(registry);
    expect(() => registry.rollback('fraud', 'oncall', 'x')).toThrow(/no earlier production version/);
  });
});

describe('audit trail', () => {
  it('records every move with actor, approver and the injected clock', () => {
    const { registry } = registryAt(5_000);
    promote(registry);
    expect(registry.audit.map((e) => `${e.from}->${e.to}`)).toEqual(['registered->staging', 'staging->production']);
    expect(registry.audit[1]).toMatchObject({ actor: 'ana (approved by ben)', at: 5_001 });
  });
});
