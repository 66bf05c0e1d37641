/**
 * A model registry as the only link between training and serving.
 *
 * Training registers immutable versions, each with a contract: the input
 * schema and the SHA-256 of the preprocessing artefact it was trained with.
 * Release managers move aliases (production, canary). Serving resolves an
 * alias, verifies the contract against its own build at load time and keeps
 * the old model if the check fails. Rollback is moving the alias back.
 */

export type FieldType = 'number' | 'string' | 'boolean';
export type InputSchema = Readonly<Record<string, FieldType>>;

export interface ModelContract {
  readonly inputSchema: InputSchema;
  /** Hex SHA-256 of the preprocessing artefact (code or serialized spec). */
  readonly preprocessingSha256: string;
}

export interface ModelVersion {
  readonly name: string;
  readonly version: number;
  readonly artifactUri: string;
  readonly contract: ModelContract;
  readonly metrics: Readonly<Record<string, number>>;
  readonly registeredAt: number;
}

/**
 * Content hash: the same bytes give the same digest in every process and on
 * every machine. Python's built-in hash() does not: str hashes are salted per
 * process, so a check built on it fails (or passes) by accident.
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export class ModelRegistry {
  private readonly versions = new Map<string, ModelVersion[]>();
  /** name@alias -> every version the alias has pointed to; the last is current. */
  private readonly aliasHistory = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  /** Training calls this. Versions are numbered by the registry and never change. */
  register(name: string, entry: Pick<ModelVersion, 'artifactUri' | 'contract' | 'metrics'>): ModelVersion {
    if (!/^[0-9a-f]{64}$/.test(entry.contract.preprocessingSha256)) {
      throw new Error('contract.preprocessingSha256 must be a hex SHA-256 digest');
    }
    const list = this.versions.get(name) ?? [];
    const version = deepFreeze(structuredClone({ ...entry, name, version: list.length + 1, registeredAt: this.now() }));
    this.versions.set(name, [...list, version]);
    return version;
  }

  get(name: string, version: number): ModelVersion {
    const found = this.versions.get(name)?.[version - 1];
    if (!found) throw new Error(`${name} has no version ${version}`);
    return found;
  }

  /** Promotion (and canary) is an alias move; no artefact is copied. */
  setAlias(name: string, alias: string, version: number): void {
    this.get(name, version);
    const history = this.aliasHistory.get(`${name}@${alias}`) ?? [];
    if (history.at(-1) !== version) this.aliasHistory.set(`${name}@${alias}`, [...history, version]);
  }

  resolve(name: string, alias: string): ModelVersion {
    const current = this.aliasHistory.get(`${name}@${alias}`)?.at(-1);
    if (current === undefined) throw new Error(`${name} has no alias "${alias}"`);
    return this.get(name, current);
  }

  /** Moves the alias back to the version it pointed to before. */
  rollback(name: string, alias: string): ModelVersion {
    const history = this.aliasHistory.get(`${name}@${alias}`) ?? [];
    if (history.length < 2) throw new Error(`${name}@${alias} has no earlier version to roll back to`);
    this.aliasHistory.set(`${name}@${alias}`, history.slice(0, -1));
    return this.resolve(name, alias);
  }
}

export class ContractViolation extends Error {
  constructor(
    readonly model: ModelVersion,
    readonly problems: readonly string[],
  ) {
    super(`${model.name} v${model.version} does not match this serving build: ${problems.join('; ')}`);
    this.name = 'ContractViolation';
  }
}

/** What a serving build can offer: the fields it receives and the preprocessing it runs. */
export interface ServingBuild {
  readonly inputSchema: InputSchema;
  readonly preprocessingSource: string;
}

/** Checked once at load, so a mismatch stops a deployment instead of failing requests. */
export async function verifyContract(model: ModelVersion, build: ServingBuild): Promise<void> {
  const problems: string[] = [];
  const actual = await sha256Hex(build.preprocessingSource);
  if (actual !== model.contract.preprocessingSha256) {
    problems.push(`preprocessing ${actual.slice(0, 12)} differs from trained ${model.contract.preprocessingSha256.slice(0, 12)}`);
  }
  for (const [field, type] of Object.entries(model.contract.inputSchema)) {
    const offered = build.inputSchema[field];
    if (offered === undefined) problems.push(`field "${field}" is missing`);
    else if (offered !== type) problems.push(`field "${field}" is ${offered}, the model expects ${type}`);
  }
  // Extra serving fields are fine: the model ignores them, so adding one is backward compatible.
  if (problems.length > 0) throw new ContractViolation(model, problems);
}

export type RefreshResult = 'loaded' | 'unchanged' | 'rejected';

/** Serving side: follows one alias and swaps models only when the contract holds. */
export class ServingSlot {
  private current: ModelVersion | undefined;
  lastRejection: ContractViolation | undefined;

  constructor(
    private readonly registry: ModelRegistry,
    private readonly name: string,
    private readonly alias: string,
    private readonly build: ServingBuild,
  ) {}

  get active(): ModelVersion | undefined {
    return this.current;
  }

  /** Called at startup and on each poll; a rollback arrives here as an ordinary alias change. */
  async refresh(): Promise<RefreshResult> {
    const target = this.registry.resolve(this.name, this.alias);
    if (target.version === this.current?.version) return 'unchanged';
    try {
      await verifyContract(target, this.build);
    } catch (error) {
      if (!(error instanceof ContractViolation)) throw error;
      this.lastRejection = error; // keep serving the previous version and report
      return 'rejected';
    }
    this.current = target;
    return 'loaded';
  }
}
