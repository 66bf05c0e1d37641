import { describe, expect, it } from 'vitest';
import { mtbfHours, mttrHours } from './reliability';

describe('MTBF and MTTR', () => {
  it('divide total uptime and total downtime by the number of failures', () => {
    expect(mtbfHours(8750, 5)).toBe(1750);
    expect(mttrHours(10, 5)).toBe(2);
  });

  it('need at least one failure and a whole count', () => {
    expect(() => mtbfHours(8760, 0)).toThrow(RangeError);
    expect(() => mttrHours(10, 2.5)).toThrow(RangeError);
    expect(() => mttrHours(-1, 2)).toThrow(RangeError);
  });
});
