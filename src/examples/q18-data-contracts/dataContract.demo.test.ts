import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './dataContract.demo';

afterEach(() => vi.restoreAllMocks());

const logged = (log: { mock: { calls: unknown[][] } }): string[] => log.mock.calls.map((c) => String(c[0]));

describe('the data contract demo', () => {
  it('passes a clean batch and reports bad values, a null-rate jump from 1 % to 30 % and an empty batch, aggregated per field', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo().batches).toEqual({
      clean: [],
      badValues: ['amount range x2', 'amount type x1'],
      nullBurst: ['device null-rate x30'],
      empty: ['* empty-batch'],
    });
    expect(logged(log)).toContain('100 rows, 30 null devices (30 %): device null-rate x30 (null rate 0.300 exceeds 0.02)');
  });

  it('fails a 2 % limit from 3 nulls in 100 rows, a false alarm on about 8 % of batches, but only from 201 nulls in 10,000 rows', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo()).toMatchObject({ firstAlarm: { rows100: 3, rows10000: 201 }, falseAlarmPercentAt100Rows: 7.9 });
    expect(logged(log)).toContain(
      '100 rows: 2 nulls pass, 3 fail; at a true 1 % null rate, 3 or more occur in 7.9 % of batches, a false alarm on one in 13 (binomial, demo arithmetic)',
    );
  });

  it('finds an optional field fully compatible, a wider range and a new category forward-breaking, and a new low-null field backward-breaking', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { breaking, witnessViolations } = demo();
    expect(breaking).toEqual({
      addOptional: [],
      widen: ['forward: amount: values above 10,000 accepted by v2, rejected by v1', 'forward: currency: GBP accepted by v2, rejected by v1'],
      lowNullField: ['backward: merchant_age_days: absent from v1 data, required by v2'],
    });
    expect(witnessViolations).toEqual({ v1: 2, v2: 0 });
    expect(logged(log)).toContain('v2 adds an optional "channel": fully compatible');
  });
});
