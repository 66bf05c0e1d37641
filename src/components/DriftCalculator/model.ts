/**
 * The drift calculator: PSI with its 0.1 / 0.2 bands, KL and Jensen-Shannon
 * divergence between two histograms typed or pasted as bin counts.
 */
import { parseHistogram, type Evaluation } from '../../lib/calculator/input';
import { PSI_ACT, PSI_WARN, formatDecimal, jensenShannon, klDivergence, psi, psiBand, type PsiBand } from '../../lib/formulas';

export const PREFIX = 'drift';
export type Key = 'ref' | 'cur';
export type Raw = Record<Key, string>;

/** The cheat sheet's example: a uniform reference against a current window skewed to the top bins. */
export const DEFAULTS: Raw = { ref: '25, 25, 25, 25', cur: '10, 20, 30, 40' };
export const KEYS = Object.keys(DEFAULTS) as Key[];

export const BAND_TEXT: Record<PsiBand, string> = {
  stable: `stable (below ${PSI_WARN}): no action`,
  moderate: `moderate shift (${PSI_WARN} to ${PSI_ACT}, this handbook's cut; convention 0.25): investigate`,
  significant: `significant shift (above ${PSI_ACT}, this handbook's cut; convention 0.25): act, retrain or roll back`,
};

export interface DriftResult {
  readonly psi: string;
  readonly band: PsiBand;
  readonly bandText: string;
  readonly kl: string;
  readonly js: string;
  readonly bins: number;
}

const score = (value: number): string => formatDecimal(value, 3);

export function evaluate(raw: Raw): Evaluation<DriftResult, Key> {
  const reference = parseHistogram(raw.ref, 'reference');
  const current = parseHistogram(raw.cur, 'current');
  const errors: Partial<Record<Key, string>> = {};
  if (!reference.ok) errors.ref = reference.message;
  if (!current.ok) errors.cur = current.message;
  if (!reference.ok || !current.ok) return { errors };
  if (reference.value.length !== current.value.length) {
    return { errors, problem: `The histograms need the same bins: the reference has ${reference.value.length}, the current ${current.value.length}.` };
  }
  const value = psi(reference.value, current.value);
  const band = psiBand(value);
  return {
    errors,
    result: {
      psi: score(value),
      band,
      bandText: BAND_TEXT[band],
      kl: `${score(klDivergence(current.value, reference.value))} nats`,
      js: `${score(jensenShannon(current.value, reference.value))} nats`,
      bins: reference.value.length,
    },
  };
}
