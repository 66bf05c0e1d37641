import { describe, expect, it } from 'vitest';
import {
  formatAvailability,
  formatCount,
  formatDecimal,
  formatDuration,
  formatFlop,
  formatGB,
  formatGiBFromBytes,
  formatPercent,
  formatRps,
  formatSignificant,
  formatUsd,
  formatUsdRange,
} from './format';

describe('formatters', () => {
  it('write sizes in decimal GB with one decimal, and GiB from bytes', () => {
    expect(formatGB(14)).toBe('14 GB');
    expect(formatGB(34.359738368)).toBe('34.4 GB');
    expect(formatGB(0.131072)).toBe('0.13 GB');
    expect(formatGiBFromBytes(34359738368)).toBe('32 GiB');
  });

  it('write FLOP amounts with an SI prefix', () => {
    expect(formatFlop(14e9)).toBe('14 GFLOP');
    expect(formatFlop(2.8672e13)).toBe('28.7 TFLOP');
    expect(formatFlop(8.4e22)).toBe('84 ZFLOP');
  });

  it('give availabilities as many decimals as their nines', () => {
    expect(formatAvailability(0.999)).toBe('99.9 %');
    expect(formatAvailability(0.9999)).toBe('99.99 %');
    expect(formatAvailability(0.997002999)).toBe('99.7 %');
    expect(formatAvailability(0.99)).toBe('99 %');
    expect(formatAvailability(0.5)).toBe('50 %');
    expect(formatAvailability(1)).toBe('100 %');
  });

  it('pick a readable unit for durations', () => {
    expect(formatDuration(0.07)).toBe('70 ms');
    expect(formatDuration(31.5)).toBe('31.5 s');
    expect(formatDuration(2592)).toBe('43.2 min');
    expect(formatDuration(31536)).toBe('8.76 h');
  });

  it('write dollars with cents from $1, significant digits below', () => {
    expect(formatUsd(2725.2)).toBe('$2,725.20');
    expect(formatUsd(0.00027252)).toBe('$0.000273');
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(0.5)).toBe('$0.50');
    expect(formatUsd(0.023)).toBe('$0.023');
    expect(formatUsdRange({ low: 1.5, high: 2.5 })).toBe('$1.50-2.50');
    expect(formatUsdRange({ low: 0.03, high: 0.05 })).toBe('$0.03-0.05');
    expect(formatUsdRange({ low: 0.45, high: 0.8 })).toBe('$0.45-0.80');
  });

  it('group thousands and keep numbers out of exponent notation', () => {
    expect(formatCount(10000)).toBe('10,000');
    expect(formatSignificant(1.5e7, 3)).toBe('15,000,000');
    expect(formatDecimal(1234.56, 1)).toBe('1,234.6');
    expect(formatPercent(0.25)).toBe('25 %');
    expect(formatRps(133.333)).toBe('133 requests/s');
  });

  it('refuse NaN and Infinity, so neither can reach a page', () => {
    for (const format of [formatGB, formatFlop, formatUsd, formatDuration, formatCount, formatRps, formatAvailability]) {
      expect(() => format(Number.NaN)).toThrow(RangeError);
      expect(() => format(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    }
  });
});
