import { describe, expect, it, vi } from 'vitest';
import { decide, replay, signTestP, summarise, type GateConfig, type LoggedRequest, type Pair, type Provider, type Report } from './migrationController';

const gate: GateConfig = { criticalSlices: ['refunds'], maxSliceDrop: 0.05, minSlicePairs: 10, maxNewErrorRate: 0.01, steps: [0.01, 0.05, 0.25, 0.5, 1] };

/** n pairs on a slice with the given old and new scores. */
const pairs = (n: number, slice: string, oldScore: number | undefined, newScore: number | undefined): Pair[] =>
  Array.from({ length: n }, () => ({ slice, oldScore, newScore, oldCost: 0, newCost: 0 }));

const request = (id: string, slice = 'faq'): LoggedRequest => ({ id, slice, prompt: `prompt ${id}` });
const provider = (name: string, answer: (r: LoggedRequest) => string, tokens = 100, price = 1): Provider => ({
  name,
  pricePerMillionTokens: price,
  complete: async (r) => ({ text: answer(r), tokens }),
});

describe('replay', () => {
  it('sends every logged request to both providers and scores both answers with the same scorer', async () => {
    const seen: string[] = [];
    const score = (r: LoggedRequest, a: string) => {
      seen.push(`${r.id}:${a}`);
      return a === 'good' ? 1 : 0;
    };
    const result = await replay(
      [request('a'), request('b', 'refunds')],
      provider('old', () => 'good'),
      provider('new', (r) => (r.id === 'a' ? 'good' : 'bad')),
      score,
    );
    expect(result.map((p) => [p.slice, p.oldScore, p.newScore])).toEqual([
      ['faq', 1, 1],
      ['refunds', 1, 0],
    ]);
    expect(seen).toEqual(['a:good', 'a:good', 'b:good', 'b:bad']);
  });

  it('records a provider failure as a missing score instead of failing the replay', async () => {
    const broken: Provider = { name: 'new', pricePerMillionTokens: 1, complete: async () => Promise.reject(new Error('HTTP 529 overloaded')) };
    const [pair] = await replay(
      [request('a')],
      provider('old', () => 'x'),
      broken,
      () => 1,
    );
    expect(pair).toEqual({ slice: 'faq', oldScore: 1, newScore: undefined, oldCost: 0.0001, newCost: 0 });
  });

  it('calls the providers one request at a time, both at once', async () => {
    const log: string[] = [];
    const logged = (name: string): Provider => ({
      name,
      pricePerMillionTokens: 1,
      complete: async (r) => {
        log.push(`start ${name} ${r.id}`);
        await new Promise((resolve) => setTimeout(resolve, 0));
        log.push(`end ${name} ${r.id}`);
        return { text: 'x', tokens: 1 };
      },
    });
    await replay([request('r1'), request('r2')], logged('old'), logged('new'), () => 1);
    expect(log).toEqual(['start old r1', 'start new r1', 'end old r1', 'end new r1', 'start old r2', 'start new r2', 'end old r2', 'end new r2']);
  });

  it('counts a call with no answer after the timeout, 30,000 ms by default, as a failure, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    try {
      const silent: Provider = { name: 'new', pricePerMillionTokens: 1, complete: () => new Promise<never>(() => undefined) };
      let settled = false;
      const run = replay(
        [request('a')],
        provider('old', () => 'x'),
        silent,
        () => 1,
      ).finally(() => (settled = true));
      await vi.advanceTimersByTimeAsync(29_999);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await run).toEqual([{ slice: 'faq', oldScore: 1, newScore: undefined, oldCost: 0.0001, newCost: 0 }]);
      await replay(
        [request('a')],
        provider('old', () => 'x'),
        provider('new', () => 'x'),
        () => 1,
      );
      expect(vi.getTimerCount()).toBe(0); // answered calls cancel their timers
      const short = replay(
        [request('a')],
        provider('old', () => 'x'),
        silent,
        () => 1,
        50,
      );
      await vi.advanceTimersByTimeAsync(50);
      expect((await short)[0]?.newScore).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([0, -1, Number.NaN, 2 ** 31])('rejects a timeout of %s ms, which setTimeout cannot hold', async (ms) => {
    await expect(
      replay(
        [],
        provider('old', () => 'x'),
        provider('new', () => 'x'),
        () => 1,
        ms,
      ),
    ).rejects.toThrow(new RangeError(`timeoutMs must be above 0 and at most 2,147,483,647, got ${ms}`));
  });

  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY])('counts an answer with a token count of %s as a failure, not a NaN or negative cost', async (tokens) => {
    const [pair] = await replay(
      [request('a')],
      provider('old', () => 'x'),
      provider('new', () => 'x', tokens),
      () => 1,
    );
    expect(pair).toEqual({ slice: 'faq', oldScore: 1, newScore: undefined, oldCost: 0.0001, newCost: 0 });
  });

  it('awaits an async scorer, such as an LLM judge, and checks what it resolves to', async () => {
    const judge = async (_r: LoggedRequest, answer: string) => (answer === 'good' ? 1 : 0);
    const [pair] = await replay(
      [request('a')],
      provider('old', () => 'good'),
      provider('new', () => 'bad'),
      judge,
    );
    expect(pair).toMatchObject({ oldScore: 1, newScore: 0 });
    const broken = replay(
      [request('a')],
      provider('old', () => 'x'),
      provider('new', () => 'x'),
      async () => Number.NaN,
    );
    await expect(broken).rejects.toThrow(new RangeError('the scorer must return a number in [0, 1], got NaN for request a'));
  });

  it.each([Number.NaN, -0.1, 1.5])('stops on a scorer that returns %s, outside [0, 1], instead of comparing it', async (bad) => {
    const run = replay(
      [request('a', 'refunds')],
      provider('old', () => 'x'),
      provider('new', () => 'y'),
      (_r, answer) => (answer === 'y' ? bad : 1),
    );
    await expect(run).rejects.toThrow(new RangeError(`the scorer must return a number in [0, 1], got ${bad} for request a`));
  });

  it('prices each side with its own token count, because tokenizers differ', async () => {
    const [pair] = await replay(
      [request('a')],
      provider('old', () => 'x', 1_300, 2.0),
      provider('new', () => 'x', 1_500, 1.8),
      () => 1,
    );
    expect(pair?.oldCost).toBeCloseTo(0.0026, 10);
    expect(pair?.newCost).toBeCloseTo(0.0027, 10); // cheaper per token, dearer per request
  });
});

describe('signTestP', () => {
  it('matches the exact binomial tail: 6 wins against 3 losses is p = 2 * 130 / 512', () => {
    expect(signTestP(6, 3)).toBeCloseTo(260 / 512, 12);
    expect(signTestP(3, 6)).toBeCloseTo(260 / 512, 12);
  });

  it('gives 7-0 a p of 2 / 128 and an even split or no data a p of 1', () => {
    expect(signTestP(7, 0)).toBeCloseTo(2 / 128, 12);
    expect(signTestP(5, 5)).toBe(1);
    expect(signTestP(0, 0)).toBe(1);
  });
});

describe('summarise', () => {
  it('counts wins, losses and ties per pair, with differences within the tolerance as ties', () => {
    const r = summarise([...pairs(3, 'faq', 0.5, 0.9), ...pairs(2, 'faq', 0.9, 0.5), ...pairs(4, 'faq', 0.8, 0.82)], 0.05);
    expect([r.wins, r.losses, r.ties]).toEqual([3, 2, 4]);
  });

  it('counts a difference equal to the tie tolerance as a tie, whichever way floating point rounds it', () => {
    expect(0.9 - 0.85).toBeGreaterThan(0.05); // 0.05000000000000004
    expect(0.3 - 0.25).toBeLessThan(0.05); // 0.04999999999999999
    const r = summarise([...pairs(1, 'faq', 0.85, 0.9), ...pairs(1, 'faq', 0.9, 0.85), ...pairs(1, 'faq', 0.25, 0.3)], 0.05);
    expect([r.wins, r.losses, r.ties]).toEqual([0, 0, 3]);
  });

  it('compares only pairs where both providers answered, and reports each side’s error rate', () => {
    const r = summarise([...pairs(8, 'faq', 1, 1), ...pairs(1, 'faq', 1, undefined), ...pairs(1, 'faq', undefined, 1)], 0);
    expect(r).toMatchObject({ wins: 0, losses: 0, ties: 8, newErrorRate: 0.1, oldErrorRate: 0.1 });
  });

  it('averages cost over the requests a provider answered, so failures do not make it look cheaper', () => {
    const priced = (oldCost: number, newCost: number, newScore?: number): Pair => ({ slice: 'faq', oldScore: 1, newScore, oldCost, newCost });
    const r = summarise([priced(0.002, 0.003, 1), priced(0.002, 0.003, 1), priced(0.002, 0, undefined), priced(0.002, 0, undefined)], 0);
    expect(r.costPerRequest.old).toBeCloseTo(0.002, 12);
    expect(r.costPerRequest.new).toBeCloseTo(0.003, 12); // not (0.003 + 0.003) / 4 = 0.0015
  });

  it('reports no cost per request (null) for a provider that answered nothing, not a $0 that looks cheap', () => {
    const allFailed = pairs(10, 'faq', 1, undefined).map((p) => ({ ...p, oldCost: 0.001 }));
    const r = summarise(allFailed, 0);
    expect(r.costPerRequest.old).toBeCloseTo(0.001, 12);
    expect(r.costPerRequest.new).toBeNull();
    expect(summarise([], 0).costPerRequest).toEqual({ old: null, new: null });
  });

  it('reports the mean score change per slice', () => {
    const r = summarise([...pairs(10, 'faq', 0.5, 0.7), ...pairs(10, 'refunds', 0.9, 0.8)], 0);
    expect(r.slices.faq?.meanDelta).toBeCloseTo(0.2, 12);
    expect(r.slices.refunds?.meanDelta).toBeCloseTo(-0.1, 12);
    expect(r.meanDelta).toBeCloseTo(0.05, 12);
  });

  it('reports each slice’s new-provider error rate over all its requests, the compared pairs over those both answered', () => {
    const r = summarise([...pairs(11, 'refunds', 1, 1), ...pairs(9, 'refunds', 1, undefined), ...pairs(5, 'faq', undefined, 1)], 0);
    expect(r.slices).toEqual({ refunds: { pairs: 11, meanDelta: 0, newErrorRate: 0.45 }, faq: { pairs: 0, meanDelta: 0, newErrorRate: 0 } });
  });

  it('rejects a negative or missing tie tolerance with a RangeError naming it', () => {
    expect(() => summarise([], -0.1)).toThrow(new RangeError('tieTolerance must be 0 or more, got -0.1'));
    expect(() => summarise([], Number.NaN)).toThrow(RangeError);
  });
});

describe('decide: the slice rule', () => {
  it('rolls back when a critical slice regresses, even though the average improves', () => {
    const r = summarise([...pairs(90, 'faq', 0.6, 0.9), ...pairs(10, 'refunds', 0.9, 0.7)], 0);
    expect(r.meanDelta).toBeGreaterThan(0);
    expect(r.wins).toBeGreaterThan(r.losses);
    expect(decide(r, 0.05, gate)).toEqual({ action: 'rollback', share: 0, reasons: ['critical slice refunds drops 0.200 > 0.05'] });
  });

  it('lets a non-critical slice regress as long as the overall comparison is not lost', () => {
    const r = summarise([...pairs(20, 'faq', 0.9, 0.7), ...pairs(30, 'refunds', 0.5, 0.9)], 0);
    expect(decide(r, 0.01, gate).action).toBe('advance');
  });

  it('tolerates a critical-slice drop up to maxSliceDrop and rolls back just past it', () => {
    // A tie tolerance of 0.1 keeps these small drops out of the overall win/loss count.
    const refunds = (newScore: number) => summarise([...pairs(10, 'refunds', 0.9, newScore), ...pairs(10, 'faq', 0.5, 0.9)], 0.1);
    expect(decide(refunds(0.85), 0, gate).action).toBe('advance');
    expect(decide(refunds(0.84), 0, gate)).toMatchObject({ action: 'rollback', reasons: ['critical slice refunds drops 0.0600 > 0.05'] });
    expect(decide(refunds(0.8499), 0, gate)).toMatchObject({ action: 'rollback', reasons: ['critical slice refunds drops 0.0501 > 0.05'] }); // a drop of 0.0501: the float guard is far smaller than that
  });

  it('holds at the current share when a critical slice has too few pairs to judge', () => {
    const r = summarise([...pairs(100, 'faq', 0.5, 0.9), ...pairs(4, 'refunds', 0.9, 0.9)], 0);
    expect(decide(r, 0.05, gate)).toEqual({ action: 'hold', share: 0.05, reasons: ['critical slice refunds: 4 pairs, need 10'] });
  });

  it('holds when a critical slice is missing from the replay altogether', () => {
    expect(decide(summarise(pairs(50, 'faq', 0.5, 0.9), 0), 0, gate).reasons).toEqual(['critical slice refunds: 0 pairs, need 10']);
  });

  it('holds on a missing critical slice named like an Object.prototype property, such as "constructor"', () => {
    const r = summarise(pairs(50, 'faq', 0.5, 0.9), 0);
    expect(decide(r, 0, { ...gate, criticalSlices: ['constructor'] })).toEqual({ action: 'hold', share: 0, reasons: ['critical slice constructor: 0 pairs, need 10'] });
  });

  it('holds on a replay with no compared pair, even when no critical slice is configured', () => {
    expect(decide(summarise([], 0), 0, { ...gate, criticalSlices: [] })).toEqual({ action: 'hold', share: 0, reasons: ['no request answered by both providers'] });
    const oldAlwaysFailed = summarise(pairs(20, 'faq', undefined, 1), 0);
    expect(decide(oldAlwaysFailed, 0.01, { ...gate, criticalSlices: [] })).toMatchObject({ action: 'hold', share: 0.01 });
  });

  it.each([0, -1, 2.5, Number.NaN])('rejects minSlicePairs %s: a critical slice needs at least one whole pair to be judged', (n) => {
    const r = summarise([...pairs(10, 'refunds', 1, 1), ...pairs(10, 'faq', 0, 1)], 0);
    expect(() => decide(r, 0, { ...gate, minSlicePairs: n })).toThrow(new RangeError(`minSlicePairs must be a whole number of at least 1, got ${n}`));
  });

  it.each([
    ['maxSliceDrop', -0.1],
    ['maxSliceDrop', 1.5],
    ['maxSliceDrop', Number.NaN],
    ['maxSliceDrop', undefined],
    ['maxNewErrorRate', -0.01],
    ['maxNewErrorRate', Number.NaN],
    ['maxNewErrorRate', undefined],
  ])('rejects %s = %s, which would switch its rule off or make it meaningless', (key, value) => {
    const r = summarise([...pairs(10, 'refunds', 1, 1), ...pairs(10, 'faq', 0, 1)], 0);
    const config = { ...gate, [key]: value } as GateConfig;
    expect(() => decide(r, 0, config)).toThrow(new RangeError(`${key} must be in [0, 1], got ${value}`));
  });

  it('has no margin for noise: with 0/1 scores one net loss moves a slice of n pairs by 1/n, so fewer than 20 pairs breach 0.05 on a single item', () => {
    const oneLoss = (n: number) => summarise([...pairs(1, 'refunds', 1, 0), ...pairs(n - 1, 'refunds', 1, 1), ...pairs(30, 'faq', 0, 1)], 0);
    expect(decide(oneLoss(10), 0, gate)).toMatchObject({ action: 'rollback', reasons: ['critical slice refunds drops 0.100 > 0.05'] });
    expect(decide(oneLoss(19), 0, gate).action).toBe('rollback');
    expect(decide(oneLoss(20), 0, { ...gate, minSlicePairs: 20 }).action).toBe('advance');
  });
});

describe('decide: the provider error rate', () => {
  it('rolls back when the new provider fails on more requests than allowed, whatever its quality', () => {
    const r = summarise([...pairs(10, 'refunds', 0.5, 1), ...pairs(88, 'faq', 0.5, 1), ...pairs(2, 'faq', 0.5, undefined)], 0);
    expect(r.newErrorRate).toBeCloseTo(0.02, 12);
    expect(decide(r, 0.25, gate)).toEqual({ action: 'rollback', share: 0, reasons: ['new provider error rate 2.0% > 1.0%'] });
  });

  it('rolls back when the new provider fails too often on a critical slice, though the overall rate is within the limit', () => {
    // 9 of 20 refunds fail: 45 % of the slice but 0.9 % overall, and the 11 it answered tie.
    const r = summarise([...pairs(11, 'refunds', 1, 1), ...pairs(9, 'refunds', 1, undefined), ...pairs(980, 'faq', 0, 1)], 0);
    expect(r.newErrorRate).toBeCloseTo(0.009, 12);
    expect(decide(r, 0.05, gate)).toEqual({ action: 'rollback', share: 0, reasons: ['critical slice refunds: new provider error rate 45.0% > 1.0%'] });
    // The same 9 answered but scored 0 already rolled back, as a slice drop.
    const scoredZero = summarise([...pairs(11, 'refunds', 1, 1), ...pairs(9, 'refunds', 1, 0), ...pairs(980, 'faq', 0, 1)], 0);
    expect(decide(scoredZero, 0.05, gate).reasons).toEqual(['critical slice refunds drops 0.450 > 0.05']);
  });

  it('accepts an error rate exactly at the limit', () => {
    const r = summarise([...pairs(10, 'refunds', 1, 1), ...pairs(89, 'faq', 1, 1), ...pairs(1, 'faq', 1, undefined)], 0);
    expect(decide(r, 0, gate).action).toBe('advance');
  });

  it('does not hold the old provider’s failures against the new one', () => {
    const r = summarise([...pairs(10, 'refunds', 1, 1), ...pairs(80, 'faq', 1, 1), ...pairs(10, 'faq', undefined, 1)], 0);
    expect(decide(r, 0, gate).action).toBe('advance');
  });
});

describe('decide: the overall paired comparison and the canary steps', () => {
  it('rolls back on a significant overall loss and holds on a loss that is not yet significant', () => {
    const lost = summarise([...pairs(10, 'refunds', 1, 1), ...pairs(2, 'faq', 0, 1), ...pairs(12, 'faq', 1, 0)], 0);
    expect(decide(lost, 0.05, gate).reasons).toEqual([`loses the paired comparison 2-12 (p = ${signTestP(2, 12).toFixed(3)})`]);
    const unclear = summarise([...pairs(10, 'refunds', 1, 1), ...pairs(3, 'faq', 0, 1), ...pairs(5, 'faq', 1, 0)], 0);
    expect(decide(unclear, 0.05, gate)).toMatchObject({ action: 'hold', share: 0.05 });
  });

  it('draws the significance line at a two-sided p of 0.05: 3-11 (p = 0.057) holds, 2-12 (p = 0.013) rolls back', () => {
    const split = (wins: number, losses: number) => summarise([...pairs(10, 'refunds', 1, 1), ...pairs(wins, 'faq', 0, 1), ...pairs(losses, 'faq', 1, 0)], 0);
    expect(signTestP(3, 11).toFixed(3)).toBe('0.057');
    expect(decide(split(3, 11), 0.05, gate)).toEqual({ action: 'hold', share: 0.05, reasons: ['more losses than wins, 3-11, not yet significant (p = 0.057)'] });
    expect(decide(split(2, 12), 0.05, gate)).toEqual({ action: 'rollback', share: 0, reasons: ['loses the paired comparison 2-12 (p = 0.013)'] });
  });

  it('advances one step at a time and completes at 100 %', () => {
    const good: Report = summarise([...pairs(10, 'refunds', 0.5, 0.9), ...pairs(10, 'faq', 0.5, 0.9)], 0);
    const shares = [0, 0.01, 0.05, 0.25, 0.5].map((s) => decide(good, s, gate).share);
    expect(shares).toEqual([0.01, 0.05, 0.25, 0.5, 1]);
    expect(decide(good, 1, gate)).toEqual({ action: 'complete', share: 1, reasons: [] });
  });

  it('rejects steps that do not rise to exactly 1, and a current share that is not a step', () => {
    const r = summarise([], 0);
    expect(() => decide(r, 0, { ...gate, steps: [0.1, 0.05, 1] })).toThrow(/^steps must rise strictly/);
    expect(() => decide(r, 0, { ...gate, steps: [0.1, 0.5] })).toThrow(RangeError);
    expect(() => decide(r, 0, { ...gate, steps: [] })).toThrow(RangeError);
    expect(() => decide(r, 0, { ...gate, steps: [0, 0.5, 1] })).toThrow(new RangeError('steps must rise strictly from above 0 to exactly 1, got [0, 0.5, 1]'));
    expect(() => decide(r, 0.3, gate)).toThrow(new RangeError('currentShare must be 0 or one of the steps, got 0.3'));
  });
});
