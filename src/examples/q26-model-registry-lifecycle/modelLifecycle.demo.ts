/**
 * Demo: the page's lifecycle for a fraud model that carol trains. The registry refuses lineage whose data reference
 * is a Python hash() instead of a sha256 content digest, or that has no code commit; it refuses registered ->
 * production, and a promotion with no approver, approved by the person promoting or by the author; v1 then goes to
 * production, promoted by alice with ben's approval. Promoting v2 archives v1 in the same step, so one version serves;
 * when v2 misbehaves, rollback moves the alias back to v1 and lands in the audit log with actor, time and reason,
 * while a plain archived -> production move and a second rollback (nothing earlier) are refused. Last, the page's
 * storage figure: 20 versions of a 2 GB model hold 40 GB. The clock is a plain variable counting minutes.
 */
import { LifecycleError, ModelRegistry, type Lineage } from './modelLifecycle';

const MODEL = 'fraud';
/** The page's figures: 20 versions of a 2 GB model. */
const VERSIONS = 20;
const ARTEFACT_GB = 2;

const digest = (hexDigit: string) => `sha256:${hexDigit.repeat(64)}`;
const lineage = (run: number): Lineage => ({ trainingRunId: `run-${run}`, codeCommit: 'a1b2c3d', dataDigest: digest('d'), artefactDigest: digest((run % 16).toString(16)) });

/** Runs a move the registry should refuse and says whether it did, quoting its reason. */
function attempt(move: () => void): string {
  try {
    move();
    return 'ACCEPTED';
  } catch (error) {
    if (!(error instanceof LifecycleError)) throw error;
    return `refused: ${error.message}`;
  }
}

export function demo(): {
  refused: number;
  servingAfterPromotion: number | undefined;
  servingAfterRollback: number | undefined;
  productionCount: number;
  auditEntries: number;
  lastVersion: number;
  storedGb: number;
} {
  let minute = 0;
  const registry = new ModelRegistry(() => minute);
  let refused = 0;
  const tryMove = (label: string, move: () => void) => {
    const outcome = attempt(move);
    if (outcome !== 'ACCEPTED') refused++;
    console.log(`${label}: ${outcome}`);
  };

  // What Python's hash() returns for the data: salted per process, so it names nothing on another machine.
  const pythonHash = '-4379178251336318245';
  const badLineage = attempt(() => registry.register(MODEL, 'carol', { ...lineage(1), dataDigest: pythonHash }, {}));
  const noCommit = attempt(() => registry.register(MODEL, 'carol', { ...lineage(1), codeCommit: '' }, {}));
  refused += [badLineage, noCommit].filter((outcome) => outcome !== 'ACCEPTED').length;
  console.log(`register with dataDigest ${pythonHash}, Python's salted hash() of the data: ${badLineage}; with no code commit: ${noCommit}`);
  const v1 = registry.register(MODEL, 'carol', lineage(1), { auc: 0.91, sizeGb: ARTEFACT_GB });
  tryMove(`v${v1.version} registered -> production`, () => registry.transition(MODEL, v1.version, 'production', 'alice', 'skip staging', 'ben'));
  registry.transition(MODEL, v1.version, 'staging', 'carol', 'offline evaluation passed');
  minute += 180;
  tryMove(`v${v1.version} to production, promoted by alice, no approver`, () => registry.transition(MODEL, v1.version, 'production', 'alice', 'canary passed'));
  tryMove(`v${v1.version} to production, promoted and approved by alice`, () => registry.transition(MODEL, v1.version, 'production', 'alice', 'canary passed', 'alice'));
  tryMove(`v${v1.version} to production, approved by carol, who registered it`, () => registry.transition(MODEL, v1.version, 'production', 'alice', 'canary passed', 'carol'));
  registry.transition(MODEL, v1.version, 'production', 'alice', 'canary passed', 'ben');
  console.log(`v${v1.version} to production, promoted by alice and approved by ben: serving resolves v${registry.resolve(MODEL, 'production')?.version ?? ' nothing'}`);

  const v2 = registry.register(MODEL, 'carol', lineage(2), { auc: 0.93, sizeGb: ARTEFACT_GB });
  registry.transition(MODEL, v2.version, 'staging', 'carol', 'offline evaluation passed');
  minute += 180;
  registry.transition(MODEL, v2.version, 'production', 'alice', 'canary passed', 'ben');
  const servingAfterPromotion = registry.resolve(MODEL, 'production')?.version;
  console.log(
    `v${v2.version} promoted (approved by ben): serving resolves v${servingAfterPromotion}, v${v1.version} is ${registry.get(MODEL, v1.version).stage}, ${registry.productionCount(MODEL)} production version(s)`,
  );

  minute += 45;
  const restored = registry.rollback(MODEL, 'oncall', 'false positives doubled');
  const servingAfterRollback = registry.resolve(MODEL, 'production')?.version;
  const back =
    servingAfterRollback === v1.version
      ? `v${servingAfterRollback} again, the previous production version`
      : `v${servingAfterRollback}, NOT v${v1.version}, the previous production version`;
  console.log(
    `rollback by oncall: serving resolves ${back} (v${v2.version} is ${registry.get(MODEL, v2.version).stage}); ${restored.version === servingAfterRollback ? 'an alias move, no rebuild' : 'the alias does NOT point at the restored version'}`,
  );
  const last = registry.audit.at(-1)!;
  console.log(`audit entry ${registry.audit.length}: v${last.version} ${last.from} -> ${last.to} by ${last.actor} at minute ${last.at}, reason "${last.reason}"`);
  const plainMove = attempt(() => registry.transition(MODEL, v2.version, 'production', 'alice', 'try again', 'ben'));
  const secondRollback = attempt(() => registry.rollback(MODEL, 'oncall', 'still noisy'));
  refused += [plainMove, secondRollback].filter((outcome) => outcome !== 'ACCEPTED').length;
  console.log(`v${v2.version} archived -> production without a rollback: ${plainMove}; a second rollback: ${secondRollback}`);

  // Eighteen more retrains; the registry numbers them. The stored total is demo-side arithmetic over their metadata.
  let newest = v2;
  for (let run = 3; run <= VERSIONS; run++) newest = registry.register(MODEL, 'carol', lineage(run), { sizeGb: ARTEFACT_GB });
  const lastVersion = newest.version;
  let storedGb = 0;
  for (let v = 1; v <= lastVersion; v++) storedGb += registry.get(MODEL, v).metrics.sizeGb ?? 0;
  console.log(`after ${VERSIONS} retrains the newest is v${lastVersion}; ${lastVersion} versions of ${ARTEFACT_GB} GB hold ${storedGb} GB until a retention policy moves old ones`);

  return { refused, servingAfterPromotion, servingAfterRollback, productionCount: registry.productionCount(MODEL), auditEntries: registry.audit.length, lastVersion, storedGb };
}
