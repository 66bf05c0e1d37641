/**
 * Policy-collapse guard: watches the diversity of recent actions and, when the
 * policy has narrowed to a handful of arms, forces a burst of uniform
 * exploration so the feedback loop keeps seeing counterfactual evidence.
 */
import { decide, type BanditPolicy, type LoggedDecision, type Rng } from './bandits';

/**
 * Normalised Shannon entropy of the action counts: 1 when every arm is chosen
 * equally often, 0 when one arm takes everything.
 */
export function actionDiversity(actions: readonly number[], arms: number): number {
  if (!Number.isInteger(arms) || arms < 2) throw new RangeError('diversity needs at least 2 arms');
  if (actions.length === 0) return 1;
  const counts = new Array<number>(arms).fill(0);
  for (const a of actions) {
    if (!Number.isInteger(a) || a < 0 || a >= arms) throw new RangeError(`action ${a} is not in 0..${arms - 1}`);
    counts[a] = (counts[a] ?? 0) + 1;
  }
  let entropy = 0;
  for (const c of counts) {
    if (c === 0) continue;
    const p = c / actions.length;
    entropy -= p * Math.log(p);
  }
  return entropy / Math.log(arms);
}

export interface CollapseGuardOptions {
  /** Decisions looked back over. */
  readonly window: number;
  /** Diversity below this counts as collapse. */
  readonly minDiversity: number;
  /** Uniformly random decisions forced after a collapse is detected. */
  readonly explorationBurst: number;
  /**
   * Largest share of all decisions that bursts may take, default 1 (no cap). Forced decisions spend the
   * exploration budget, and against a policy that stays collapsed, bursts would otherwise recur every window.
   */
  readonly maxForcedShare?: number;
}

/** A logged decision (propensities 1 / arms when forced, else the policy's) that says who chose the arm. */
export interface Decision extends LoggedDecision {
  /** True when the guard, not the policy, chose the arm. */
  readonly forced: boolean;
}

export class CollapseGuard {
  private readonly recent: number[] = [];
  private forcedLeft = 0;
  private collapses = 0;
  private decisions = 0;
  private forcedDecisions = 0;
  /** Bursts start at least explorationBurst / maxForcedShare decisions apart, so every prefix of traffic stays within the share. */
  private readonly burstSpacing: number;
  private nextBurstAllowed: number;

  constructor(
    private readonly policy: BanditPolicy,
    private readonly rng: Rng,
    private readonly options: CollapseGuardOptions,
  ) {
    if (!Number.isInteger(options.window) || options.window < 1) throw new RangeError('window must be a positive integer');
    if (!(options.minDiversity >= 0 && options.minDiversity < 1)) throw new RangeError('minDiversity must be in [0, 1)');
    // NaN would never count down to 0, so the guard would force no decision at all.
    if (!Number.isInteger(options.explorationBurst) || options.explorationBurst < 1) {
      throw new RangeError(`explorationBurst must be a whole number of 1 or more, got ${options.explorationBurst}`);
    }
    const maxForcedShare = options.maxForcedShare ?? 1;
    if (!(maxForcedShare > 0 && maxForcedShare <= 1)) throw new RangeError(`maxForcedShare must be in (0, 1], got ${maxForcedShare}`);
    this.burstSpacing = options.explorationBurst / maxForcedShare;
    // The first burst may start after burstSpacing - explorationBurst decisions: at once with no cap, and
    // late enough with one that even its last forced decision keeps the prefix within the share.
    this.nextBurstAllowed = this.burstSpacing - options.explorationBurst;
  }

  decide(): Decision {
    if (this.forcedLeft === 0 && this.recent.length === this.options.window) {
      if (actionDiversity(this.recent, this.policy.arms) < this.options.minDiversity) {
        // Counted even when the budget defers the burst: the alert must still fire.
        this.collapses++;
        if (this.decisions >= this.nextBurstAllowed) {
          this.forcedLeft = this.options.explorationBurst;
          this.nextBurstAllowed = this.decisions + this.burstSpacing;
        }
        // Start a fresh window so one collapse triggers one burst, not one per decision.
        this.recent.length = 0;
      }
    }
    const forced = this.forcedLeft > 0;
    let decision: LoggedDecision;
    if (forced) {
      const arms = this.policy.arms;
      decision = { arm: Math.floor(this.rng() * arms), propensity: 1 / arms, probabilities: new Array<number>(arms).fill(1 / arms) };
      this.forcedLeft--;
      this.forcedDecisions++;
    } else {
      decision = decide(this.policy);
    }
    this.decisions++;
    this.recent.push(decision.arm);
    if (this.recent.length > this.options.window) this.recent.shift();
    return { ...decision, forced };
  }

  /** Rewards from forced decisions still teach the policy. */
  update(arm: number, reward: number): void {
    this.policy.update(arm, reward);
  }

  get collapseCount(): number {
    return this.collapses;
  }

  /** Share of all decisions so far that the guard forced: report it against the exploration budget. */
  get forcedShare(): number {
    return this.decisions === 0 ? 0 : this.forcedDecisions / this.decisions;
  }

  get diversity(): number {
    return actionDiversity(this.recent, this.policy.arms);
  }
}
