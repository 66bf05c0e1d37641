/**
 * The lifecycle of model versions in a registry, as a state machine.
 *
 * registered -> staging -> production -> archived, with every move checked
 * against an explicit table, promotions to production approved by someone
 * who is neither the author nor the promoter, lineage required at
 * registration, and one production version per model at any time. Serving
 * resolves the "production" alias when it loads, so promotion and rollback
 * are alias moves followed by a reload, never rebuilds or redeploys.
 */

export type Stage = 'registered' | 'staging' | 'production' | 'archived';

/** The only legal moves. Anything else is rejected, not silently ignored. */
export const TRANSITIONS: Readonly<Record<Stage, readonly Stage[]>> = {
  registered: ['staging', 'archived'],
  staging: ['production', 'archived'],
  production: ['archived'],
  // Reusing an old version means validating it again in staging first.
  archived: ['staging'],
};

/** Where a version came from: enough to rebuild it and to audit it. */
export interface Lineage {
  readonly trainingRunId: string;
  readonly codeCommit: string;
  /** Content digest of the training data snapshot, e.g. "sha256:<64 hex>". */
  readonly dataDigest: string;
  /** Content digest of the artefact; an immutable version never changes it. */
  readonly artefactDigest: string;
}

export interface ModelVersion {
  readonly model: string;
  readonly version: number;
  readonly registeredBy: string;
  readonly lineage: Lineage;
  readonly metrics: Readonly<Record<string, number>>;
  stage: Stage;
}

export interface AuditEntry {
  readonly model: string;
  readonly version: number;
  readonly from: Stage;
  readonly to: Stage;
  readonly actor: string;
  readonly at: number;
  readonly reason: string;
}

export class LifecycleError extends Error {
  override readonly name = 'LifecycleError';
}

// A language's built-in hash (Python's hash(), say) is salted per process, so
// it cannot identify data across machines; only a content digest can.
const DIGEST = /^sha256:[0-9a-f]{64}$/;

export class ModelRegistry {
  private readonly versions = new Map<string, ModelVersion[]>();
  /** Production versions in promotion order: the rollback history. */
  private readonly productionHistory = new Map<string, number[]>();
  readonly audit: AuditEntry[] = [];

  constructor(private readonly now: () => number) {}

  register(model: string, registeredBy: string, lineage: Lineage, metrics: Record<string, number>): ModelVersion {
    for (const key of ['trainingRunId', 'codeCommit'] as const) {
      if (!lineage[key].trim()) throw new LifecycleError(`lineage.${key} is required`);
    }
    for (const key of ['dataDigest', 'artefactDigest'] as const) {
      if (!DIGEST.test(lineage[key])) throw new LifecycleError(`lineage.${key} must be a sha256 content digest`);
    }
    const list = this.versions.get(model) ?? [];
    // Versions are numbered by the registry, never chosen by the caller, so they never repeat.
    const entry: ModelVersion = { model, version: list.length + 1, registeredBy, lineage: { ...lineage }, metrics: { ...metrics }, stage: 'registered' };
    list.push(entry);
    this.versions.set(model, list);
    return entry;
  }

  get(model: string, version: number): ModelVersion {
    const found = this.versions.get(model)?.[version - 1];
    if (!found) throw new LifecycleError(`${model} v${version} does not exist`);
    return found;
  }

  /** What serving loads: the one version in production, if any. */
  resolve(model: string, alias: 'production' | 'staging'): ModelVersion | undefined {
    return (this.versions.get(model) ?? []).find((v) => v.stage === alias);
  }

  transition(model: string, version: number, to: Stage, actor: string, reason: string, approvedBy?: string): void {
    const target = this.get(model, version);
    if (!TRANSITIONS[target.stage].includes(to)) {
      throw new LifecycleError(`${model} v${version}: ${target.stage} -> ${to} is not an allowed transition`);
    }
    if (to === 'production') {
      // Four eyes: someone who is neither the author nor the person promoting signs off on what users will
      // see. Checking the author alone is not enough when a pipeline registers versions: the promoter could
      // then approve their own promotion.
      if (!approvedBy) throw new LifecycleError('promotion to production needs an approver');
      if (approvedBy === target.registeredBy) throw new LifecycleError('the approver must not be the person who registered the version');
      if (approvedBy === actor) throw new LifecycleError('the approver must not be the person promoting the version');
      this.demoteCurrentProduction(model, actor, `replaced by v${version}`);
      const history = this.productionHistory.get(model) ?? [];
      history.push(version);
      this.productionHistory.set(model, history);
    }
    this.move(target, to, approvedBy ? `${actor} (approved by ${approvedBy})` : actor, reason);
  }

  /**
   * Put back the version that was in production before the current one. It
   * was approved once already, so this is the one move allowed from archived
   * straight to production; it is still audited.
   */
  rollback(model: string, actor: string, reason: string): ModelVersion {
    const history = this.productionHistory.get(model) ?? [];
    const previous = history.at(-2);
    if (previous === undefined) throw new LifecycleError(`${model} has no earlier production version to roll back to`);
    const target = this.get(model, previous);
    this.demoteCurrentProduction(model, actor, `rolled back: ${reason}`);
    history.pop();
    this.move(target, 'production', actor, `rollback: ${reason}`);
    return target;
  }

  /** The invariant, checkable at any time: at most one production version per model. */
  productionCount(model: string): number {
    return (this.versions.get(model) ?? []).filter((v) => v.stage === 'production').length;
  }

  private demoteCurrentProduction(model: string, actor: string, reason: string): void {
    const current = this.resolve(model, 'production');
    if (current) this.move(current, 'archived', actor, reason);
  }

  private move(target: ModelVersion, to: Stage, actor: string, reason: string): void {
    this.audit.push({ model: target.model, version: target.version, from: target.stage, to, actor, at: this.now(), reason });
    target.stage = to;
  }
}
