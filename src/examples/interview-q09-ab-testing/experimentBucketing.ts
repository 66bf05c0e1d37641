/**
 * Deterministic user bucketing for an A/B test of two models.
 *
 * A user's bucket is a stable hash of (experiment salt, user id), so the same user sees the
 * same model on every request and every replica, with no assignment table to store. The
 * treatment share lives in a flag store that is read per request, so rollback to 0% is a
 * config write, not a redeploy.
 */

/** 10,000 buckets: shares can be set in steps of 0.01%. */
export const BUCKETS = 10_000;

export type Variant = 'control' | 'treatment';

export interface Allocation {
  experimentId: string;
  /**
   * Per-experiment salt. Without it every experiment hashes users identically, so the same
   * users land in treatment everywhere and experiments contaminate each other.
   */
  salt: string;
  /** Share of users on the candidate model, 0 to 1. */
  treatmentShare: number;
}

const encoder = new TextEncoder();

/**
 * FNV-1a over the UTF-8 bytes, then the murmur3 finaliser. FNV alone walks sequential ids
 * through the buckets in a few repeated strides (under salt "ranker-v2-2024-06", user-1,
 * user-2 and user-3 land in 4,616, 7,473 and 9,854: strides of 2,857 and 2,381), so who is
 * treated follows a pattern in the ids. Over user-0 to user-1000, FNV alone takes 81
 * distinct strides; with the finaliser, 946.
 */
export function stableHash(key: string): number {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(key)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function bucketOf(userId: string, salt: string): number {
  // A separator keeps ("ab", "c") and ("a", "bc") apart; salts may not contain it (see upsert).
  return stableHash(`${salt}\u0000${userId}`) % BUCKETS;
}

/** Buckets below this get the candidate. */
function threshold(share: number): number {
  return Math.round(share * BUCKETS);
}

/**
 * Raising the share from 10% to 50% only adds users to treatment; nobody who saw the
 * candidate is moved back, which would mix exposures and bias the comparison.
 */
export function assignVariant(userId: string, allocation: Allocation): Variant {
  return bucketOf(userId, allocation.salt) < threshold(allocation.treatmentShare) ? 'treatment' : 'control';
}

function checkShare(share: number): void {
  if (!Number.isFinite(share) || share < 0 || share > 1) throw new RangeError(`treatment share must be between 0 and 1, got ${share}`);
}

/**
 * A lower share moves treated users back to control, mixing exposures. Only a rollback to 0
 * may lower it; to run at a smaller share, start a new experiment id.
 */
function refuseRampDown(current: Allocation, share: number): void {
  if (share !== 0 && threshold(share) < threshold(current.treatmentShare)) {
    throw new Error(
      `cannot lower the share of running experiment "${current.experimentId}" from ${current.treatmentShare} to ${share}: treated users would move back to control; roll back to 0 or start a new experiment id`,
    );
  }
}

/** The flag store: read on every request, written by the experiment owner or the on-call engineer. */
export class AllocationStore {
  private readonly allocations = new Map<string, Allocation>();

  /**
   * Starts an experiment or changes its share. The salt is fixed once the experiment exists:
   * a new salt would reshuffle every user, so treated users would no longer stay treated.
   * To re-randomise, start a new experiment id with its own salt.
   */
  upsert(allocation: Allocation): void {
    checkShare(allocation.treatmentShare);
    const { experimentId, salt } = allocation;
    if (!salt) throw new RangeError('an experiment needs a non-empty salt');
    // With no NUL in the salt, the first NUL in the hashed key ends it, so no two (salt, user) pairs share a key.
    if (salt.includes('\u0000')) throw new RangeError('a salt must not contain U+0000, the separator before the user id');
    const current = this.allocations.get(experimentId);
    if (current && current.salt !== salt) {
      throw new Error(`cannot change the salt of running experiment "${experimentId}": it would reshuffle users; start a new experiment id instead`);
    }
    for (const other of this.allocations.values()) {
      if (other.experimentId !== experimentId && other.salt === salt) {
        throw new Error(`salt "${salt}" is already used by experiment "${other.experimentId}": experiments sharing a salt treat the same users; give each experiment its own`);
      }
    }
    if (current) refuseRampDown(current, allocation.treatmentShare);
    this.allocations.set(experimentId, { ...allocation });
  }

  setShare(experimentId: string, share: number): void {
    checkShare(share);
    const current = this.allocations.get(experimentId);
    if (!current) throw new Error(`unknown experiment "${experimentId}"`);
    refuseRampDown(current, share);
    this.allocations.set(experimentId, { ...current, treatmentShare: share });
  }

  /** Instant rollback: everyone is on control from the next request on. */
  rollback(experimentId: string): void {
    this.setShare(experimentId, 0);
  }

  /** Unknown experiments (never created, or missing from this replica's copy of the flags) fail safe to control. */
  variantFor(userId: string, experimentId: string): Variant {
    const allocation = this.allocations.get(experimentId);
    return allocation ? assignVariant(userId, allocation) : 'control';
  }
}

/** Chi-square critical value for 1 degree of freedom at p = 0.001. */
export const SRM_CRITICAL = 10.828;

export interface SrmCheck {
  chiSquare: number;
  mismatch: boolean;
}

/**
 * Sample ratio mismatch: are the observed arm sizes consistent with the configured split?
 * A mismatch (bots filtered in one arm, a crash that drops logs) invalidates the result,
 * however good the metric looks, so check it before reading any KPI.
 */
export function sampleRatioMismatch(controlUsers: number, treatmentUsers: number, treatmentShare: number): SrmCheck {
  checkShare(treatmentShare);
  if (treatmentShare === 0 || treatmentShare === 1) throw new RangeError('an SRM check needs both arms to be expected');
  for (const [name, count] of [
    ['controlUsers', controlUsers],
    ['treatmentUsers', treatmentUsers],
  ] as const) {
    if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`${name} must be a non-negative integer, got ${count}`);
  }
  const total = controlUsers + treatmentUsers;
  const expectedTreatment = total * treatmentShare;
  const expectedControl = total - expectedTreatment;
  // The chi-square approximation needs an expected count of at least 5 in each arm.
  if (expectedTreatment < 5 || expectedControl < 5) throw new RangeError('too few users for a chi-square SRM check');
  const chiSquare = (treatmentUsers - expectedTreatment) ** 2 / expectedTreatment + (controlUsers - expectedControl) ** 2 / expectedControl;
  // Written so that a chi-square that could not be computed (NaN) reads as a mismatch, not as healthy.
  return { chiSquare, mismatch: !(chiSquare <= SRM_CRITICAL) };
}

/**
 * Users needed per arm to detect an absolute change `delta` in a conversion rate `baseline`
 * at about 80% power and 5% two-sided significance: n = 16 p (1 - p) / delta^2 (rule of thumb).
 */
export function usersPerArm(baseline: number, delta: number): number {
  if (!(baseline > 0 && baseline < 1)) throw new RangeError(`baseline must be in (0, 1), got ${baseline}`);
  // The changed rate, baseline + delta, must still be a rate.
  if (!(delta > 0 && baseline + delta <= 1)) throw new RangeError(`delta must be positive with baseline + delta at most 1, got ${delta}`);
  return Math.ceil((16 * baseline * (1 - baseline)) / delta ** 2);
}
