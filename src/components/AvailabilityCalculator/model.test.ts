import { describe, expect, it } from 'vitest';
import { CHEAT_SHEET_FIGURES, formatAvailability, parallelAvailability, seriesAvailability } from '../../lib/formulas';
import { DEFAULTS, evaluate, rowCount } from './model';

describe('availability calculator', () => {
  it('multiplies the groups in series, each group redundant over its copies', () => {
    const { result } = evaluate(DEFAULTS);
    const expected = seriesAvailability([0.9999, parallelAvailability([0.995, 0.995]), 0.999]);
    expect(result?.composition?.availability).toBe(formatAvailability(expected));
    expect(result?.groups).toEqual(['99.99 %', '99.9975 %', '99.9 %']);
  });

  it('gives 99.99 % for two 99 % copies, and 8.76 h a year for 99.9 %', () => {
    const parallel = evaluate({ ...DEFAULTS, rows: '1', a1: '99', n1: '2' });
    expect(parallel.result?.composition?.availability).toBe(CHEAT_SHEET_FIGURES.parallel99x2.text);
    const single = evaluate({ ...DEFAULTS, rows: '1', a1: '99.9', n1: '1' });
    expect(single.result?.composition?.perYear).toBe(CHEAT_SHEET_FIGURES.downtime999Year.text);
    expect(single.result?.composition?.perMonth).toBe(CHEAT_SHEET_FIGURES.downtime999Month.text);
    expect(single.result?.composition?.nines).toBe('3 nines');
  });

  it('derives availability from MTBF and MTTR', () => {
    expect(evaluate(DEFAULTS).result?.fromMtbf?.availability).toBe(CHEAT_SHEET_FIGURES.availabilityFromMtbf.text);
  });

  it('ignores rows beyond the component count', () => {
    expect(evaluate({ ...DEFAULTS, rows: '1', a2: 'garbage' }).errors).toEqual({});
  });

  it('flags an availability above 100 % or a fractional copy count, and keeps the MTBF result', () => {
    const { errors, result } = evaluate({ ...DEFAULTS, a1: '101', n2: '1.5' });
    expect(errors.a1).toBe('Availability of component 1 above 100 % is not realistic: check the value.');
    expect(errors.n2).toBe('Copies of component 2 must be a whole number.');
    expect(result?.composition).toBeUndefined();
    expect(result?.fromMtbf).toBeDefined();
  });

  it('flags a zero MTBF and keeps the composition result', () => {
    const { errors, result } = evaluate({ ...DEFAULTS, mtbf: '0' });
    expect(errors.mtbf).toBe('MTBF must be more than 0 h.');
    expect(result?.composition).toBeDefined();
    expect(result?.fromMtbf).toBeUndefined();
  });

  it('shows 100 % without Infinity when nothing can fail', () => {
    const { result } = evaluate({ ...DEFAULTS, rows: '1', a1: '100', n1: '1', mttr: '0' });
    expect(result?.composition?.nines).toBe('no downtime');
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it('falls back to the default row count when a link carries a bad one', () => {
    expect(rowCount({ ...DEFAULTS, rows: '99' })).toBe(3);
    expect(rowCount({ ...DEFAULTS, rows: '5' })).toBe(5);
  });
});
