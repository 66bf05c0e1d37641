/**
 * A model registry as the only link between training and serving.
 *
 * Training registers immutable versions, each with a contract: the input
 * schema and a digest of the preprocessing source it was trained with
 * (SHA-256 after light normalisation, see preprocessingDigest). Release
 * managers move aliases (production, canary), and every move is logged.
 * Serving resolves an alias, verifies the contract against its own build at
 * load time and keeps the old model if the check fails. Rollback is moving
 * the alias back; it restores the model only, never the serving build's
 * preprocessing.
 */

export type FieldType = 'number' | 'string' | 'boolean';
export type InputSchema = Readonly<Record<string, FieldType>>;

export interface ModelContract {
  readonly inputSchema: InputSchema;
  /** Hex SHA-256 of the preprocessing artefact, as computed by preprocessingDigest. */
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

/**
 * The contract's fingerprint of preprocessing source: layout-only edits
 * (trailing spaces, CRLF, trailing blank lines) keep it; indentation and
 * every other character change it. The trimming is textual, so it also
 * drops trailing spaces inside string literals (a triple-quoted SQL query,
 * say), where they can matter. It cannot see a library upgrade that changes
 * behaviour either, which is why production also replays golden rows.
 */
export async function preprocessingDigest(source: string): Promise<string> {
  const lines = source
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd());
  return sha256Hex(lines.join('\n').replace(/\n+$/, '') + '\n');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** One entry of the audit log: who pointed where is never rewritten, rollbacks included. */
export interface AliasMove {
  readonly name: string;
  readonly alias: string;
  readonly action: 'set' | 'rollback';
  readonly from: number | null;
  readonly to: number;
  readonly at: number;
}

export class ModelRegistry {
  private readonly versions = new Map<string, ModelVersion[]>();
  /** name@alias -> undo stack of the versions the alias pointed to; the last is current. */
  private readonly aliasHistory = new Map<string, number[]>();
  /** Append-only record of every alias move, for audit; rollback pops the undo stack, never this. */
  private readonly moves: AliasMove[] = [];

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
    if (history.at(-1) === version) return;
    this.aliasHistory.set(`${name}@${alias}`, [...history, version]);
    this.logMove(name, alias, 'set', history.at(-1), version);
  }

  resolve(name: string, alias: string): ModelVersion {
    const current = this.aliasHistory.get(`${name}@${alias}`)?.at(-1);
    if (current === undefined) throw new Error(`${name} has no alias "${alias}"`);
    return this.get(name, current);
  }

  /**
   * Undoes the last move of the alias, like an editor's undo: after 1 → 2 → 1
   * it returns to 2. To reach a particular version, call setAlias.
   */
  rollback(name: string, alias: string): ModelVersion {
    const history = this.aliasHistory.get(`${name}@${alias}`) ?? [];
    if (history.length < 2) throw new Error(`${name}@${alias} has no earlier version to roll back to`);
    this.aliasHistory.set(`${name}@${alias}`, history.slice(0, -1));
    this.logMove(name, alias, 'rollback', history.at(-1), history.at(-2)!);
    return this.resolve(name, alias);
  }

  /** Every move of the alias, oldest first. */
  aliasLog(name: string, alias: string): AliasMove[] {
    return this.moves.filter((move) => move.name === name && move.alias === alias);
  }

  private logMove(name: string, alias: string, action: AliasMove['action'], from: number | undefined, to: number): void {
    this.moves.push(Object.freeze({ name, alias, action, from: from ?? null, to, at: this.now() }));
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
  const actual = await preprocessingDigest(build.preprocessingSource);
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

export interface SlotOptions {
  /** Fetches and warms an artefact; it should stop when the signal aborts. */
  readonly load?: (model: ModelVersion, signal: AbortSignal) => Promise<void>;
  /** A load that takes longer is abandoned, so it cannot hold up later polls. */
  readonly loadTimeoutMs?: number;
  /**
   * Runs `callback` after `ms` and returns a cancel function. Real timers by default; inject one to run the load
   * timeout on your own clock (a demo, a test), the way `load` and the registry's clock are injected.
   */
  readonly schedule?: (ms: number, callback: () => void) => () => void;
}

/** A whole number as the page writes it, 60,000: separators by hand, so every runtime prints the same. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

function realTimer(ms: number, callback: () => void): () => void {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
}

/**
 * Serving side: follows one alias and swaps models only when the contract holds.
 * At most one check runs at a time. Polls that arrive during it share one
 * re-check after it, because the running check may have resolved the alias
 * before they were made (before a rollback, say). So a slow load cannot
 * overwrite a later poll, and a rollback applies at the next poll: at most one
 * poll interval plus one load later, or, if a load is in flight, once that load
 * finishes or times out.
 */
export class ServingSlot {
  private current: ModelVersion | undefined;
  private running: Promise<RefreshResult> | undefined;
  private recheck: Promise<RefreshResult> | undefined;
  lastRejection: ContractViolation | undefined;

  constructor(
    private readonly registry: ModelRegistry,
    private readonly name: string,
    private readonly alias: string,
    private readonly build: ServingBuild,
    private readonly options: SlotOptions = {},
  ) {}

  get active(): ModelVersion | undefined {
    return this.current;
  }

  /** Called at startup and on each poll; a rollback arrives here as an ordinary alias change. */
  refresh(): Promise<RefreshResult> {
    if (!this.running) {
      this.running = this.check().finally(() => (this.running = undefined));
      return this.running;
    }
    // A failed check must not block the re-check, so both outcomes lead to it.
    this.recheck ??= this.running.then(
      () => this.startRecheck(),
      () => this.startRecheck(),
    );
    return this.recheck;
  }

  private startRecheck(): Promise<RefreshResult> {
    this.recheck = undefined;
    return this.refresh();
  }

  private async check(): Promise<RefreshResult> {
    const target = this.registry.resolve(this.name, this.alias);
    if (target.version === this.current?.version) return 'unchanged';
    try {
      await verifyContract(target, this.build);
    } catch (error) {
      if (!(error instanceof ContractViolation)) throw error;
      this.lastRejection = error; // keep serving the previous version and report
      return 'rejected';
    }
    await this.loadWithTimeout(target);
    this.current = target;
    return 'loaded';
  }

  private async loadWithTimeout(target: ModelVersion): Promise<void> {
    // The 120 s default is illustrative: set the timeout above the slowest healthy load.
    const { load = async () => {}, loadTimeoutMs = 120_000, schedule = realTimer } = this.options;
    const controller = new AbortController();
    let cancelTimer = () => {};
    const timeout = new Promise<never>((_, reject) => {
      cancelTimer = schedule(loadTimeoutMs, () => {
        controller.abort();
        reject(new Error(`${target.name} v${target.version} did not load within ${grouped(loadTimeoutMs)} ms`));
      });
    });
    try {
      await Promise.race([load(target, controller.signal), timeout]);
    } finally {
      cancelTimer(); // a load that finished in time leaves no timer behind
    }
  }
}
