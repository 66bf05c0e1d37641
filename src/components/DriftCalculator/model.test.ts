import { describe, expect, it } from 'vitest';
import { CHEAT_SHEET_FIGURES, psi } from '../../lib/formulas';
import { DEFAULTS, evaluate } from './model';

describe('drift calculator', () => {
  it('scores the cheat sheet example: PSI 0.228, significant', () => {
    const { result } = evaluate(DEFAULTS);
    expect(result?.psi).toBe(CHEAT_SHEET_FIGURES.psiExample.text);
    expect(result?.band).toBe('significant');
    expect(result?.kl).toBe(CHEAT_SHEET_FIGURES.klExample.text);
    expect(result?.js).toBe(CHEAT_SHEET_FIGURES.jsExample.text);
  });

  it('puts scores in the 0.1 / 0.2 bands', () => {
    expect(evaluate({ ref: '50 50', cur: '50 50' }).result?.band).toBe('stable');
    expect(psi([50, 50], [30, 70])).toBeGreaterThan(0.1);
    expect(evaluate({ ref: '50 50', cur: '30 70' }).result?.band).toBe('moderate');
  });

  it('accepts a column pasted from a spreadsheet and percentages', () => {
    expect(evaluate({ ref: '25%\n25%\n25%\n25%', cur: '10\t20\t30\t40' }).result?.psi).toBe('0.228');
  });

  it('stays finite when a bin is empty in one window', () => {
    const { result } = evaluate({ ref: '50, 50, 0', cur: '40, 40, 20' });
    expect(result?.band).toBe('significant');
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it('explains histograms that cannot be compared', () => {
    expect(evaluate({ ref: '1 2 3', cur: '1 2' }).problem).toBe('The histograms need the same bins: the reference has 3, the current 2.');
    expect(evaluate({ ref: '', cur: '0 0' }).errors).toEqual({
      ref: 'Enter the reference bin counts, separated by commas or spaces.',
      cur: 'Every bin of the current histogram is zero.',
    });
  });
});
