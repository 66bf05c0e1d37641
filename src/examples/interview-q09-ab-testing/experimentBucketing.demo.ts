/**
 * Demo: 20,000 users meet a ranker test at a 90/10 split. One user keeps the
 * same arm on every replica; a second experiment overlaps fully when it reuses
 * the salt (so the flag store refuses that) and about 1% with its own; ramping
 * to 50% moves nobody back; the flag store refuses a new salt and a ramp-down,
 * and rolls back to 0%; then the health check and the sample size the page quotes.
 */
import { AllocationStore, assignVariant, bucketOf, SRM_CRITICAL, sampleRatioMismatch, usersPerArm, type Allocation, type Variant } from './experimentBucketing';

export interface DemoResult {
  treatedAt10: number;
  arms: Variant[];
  overlapSameSalt: number;
  overlapOwnSalt: number;
  treatedAt50: number;
  stillTreated: number;
  sharedSaltRefused: boolean;
  newSaltRefused: boolean;
  rampDownRefused: boolean;
  treatedAfterRollback: number;
  srmMismatch: { onSplit: boolean; treatmentLostFivePercent: boolean };
  usersPerArm: number;
}

const pct = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(2)}%`;
// Thousands separators by hand, so the output does not depend on the browser's locale.
const n = (x: number): string => String(x).replace(/\B(?=(\d{3})+$)/g, ',');

/** Runs a flag-store write that should be refused and logs the outcome; true if it was refused. */
const refused = (label: string, write: () => void): boolean => {
  try {
    write();
    console.log(`${label}: accepted`);
    return false;
  } catch (error) {
    console.log(`${label}: refused, "${(error as Error).message}"`);
    return true;
  }
};

export function demo(): DemoResult {
  const users = Array.from({ length: 20_000 }, (_, i) => `user-${i}`);
  const ranker: Allocation = { experimentId: 'ranker-v2', salt: 'ranker-v2-2024-06', treatmentShare: 0.1 };
  const store = new AllocationStore();
  store.upsert(ranker);
  const treated = (experimentId: string): string[] => users.filter((u) => store.variantFor(u, experimentId) === 'treatment');

  const at10 = treated('ranker-v2');
  console.log(`ranker-v2 at 10%: ${n(at10.length)} of ${n(users.length)} users get the candidate (${pct(at10.length, users.length)})`);

  // Three replicas, each with its own copy of the flag store, each asked five times.
  const replicas = [1, 2, 3].map(() => {
    const replica = new AllocationStore();
    replica.upsert(ranker);
    return replica;
  });
  const user = at10[0]!;
  const arms = replicas.flatMap((replica) => Array.from({ length: 5 }, () => replica.variantFor(user, 'ranker-v2')));
  const distinct = [...new Set(arms)];
  console.log(`${user}, bucket ${bucketOf(user, ranker.salt)}: ${distinct.join(' and ')} on all ${arms.length} requests across ${replicas.length} replicas`);

  const inBoth = (other: Allocation): number => at10.filter((u) => assignVariant(u, other) === 'treatment').length;
  const overlapSameSalt = inBoth({ experimentId: 'retriever-v3', salt: ranker.salt, treatmentShare: 0.1 });
  const overlapOwnSalt = inBoth({ experimentId: 'retriever-v3', salt: 'retriever-v3-2024-06', treatmentShare: 0.1 });
  console.log(
    `retriever-v3 at 10%, treated in both tests: ${n(overlapSameSalt)} users reusing the ranker's salt, ${n(overlapOwnSalt)} (${pct(overlapOwnSalt, users.length)}) with its own`,
  );
  const sharedSaltRefused = refused("retriever-v3 with the ranker's salt in the flag store", () =>
    store.upsert({ experimentId: 'retriever-v3', salt: ranker.salt, treatmentShare: 0.1 }),
  );

  store.setShare('ranker-v2', 0.5);
  const at50 = new Set(treated('ranker-v2'));
  const stillTreated = at10.filter((u) => at50.has(u)).length;
  console.log(`ramp to 50%: ${n(at50.size)} treated; ${n(stillTreated)} of the ${n(at10.length)} treated at 10% still are, ${n(at10.length - stillTreated)} moved back`);

  const newSaltRefused = refused('new salt for the running ranker-v2', () => store.upsert({ ...ranker, salt: 'ranker-v2-reshuffled', treatmentShare: 0.5 }));
  const rampDownRefused = refused('ranker-v2 back down to 10%', () => store.setShare('ranker-v2', 0.1));

  store.rollback('ranker-v2');
  const afterRollback = treated('ranker-v2').length;
  console.log(`rollback to 0% (a flag write, no redeploy): ${n(afterRollback)} users get the candidate on the next request`);

  const srm = (control: number, treatment: number): boolean => {
    const check = sampleRatioMismatch(control, treatment, 0.1);
    console.log(
      `SRM at 10%, ${n(control)} control / ${n(treatment)} treatment users: chi-square ${check.chiSquare.toFixed(2)} (critical ${SRM_CRITICAL}), mismatch ${check.mismatch}`,
    );
    return check.mismatch;
  };
  const srmMismatch = { onSplit: srm(90_000, 10_000), treatmentLostFivePercent: srm(90_000, 9_500) };

  const perArm = usersPerArm(0.05, 0.001);
  console.log(`share of users who click, 5.0% -> 5.1%, at 50/50: ${n(perArm)} users per arm, ${n(2 * perArm)} in all`);
  // The demo's own arithmetic: arms of n / (2 (1 - s)) and n / (2 s) give the same variance as n and n.
  const treatedArm = Math.ceil(perArm / (2 * 0.9));
  const controlArm = Math.ceil(perArm / (2 * 0.1));
  console.log(
    `90/10 at the same precision (demo arithmetic): ${n(treatedArm)} treated + ${n(controlArm)} control = ${n(treatedArm + controlArm)}, ${((treatedArm + controlArm) / (2 * perArm)).toFixed(2)} x the 50/50 total`,
  );

  return {
    treatedAt10: at10.length,
    arms: distinct,
    overlapSameSalt,
    overlapOwnSalt,
    treatedAt50: at50.size,
    stillTreated,
    sharedSaltRefused,
    newSaltRefused,
    rampDownRefused,
    treatedAfterRollback: afterRollback,
    srmMismatch,
    usersPerArm: perArm,
  };
}
