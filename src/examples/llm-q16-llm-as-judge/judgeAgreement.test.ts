import { describe, expect, it } from 'vitest';
import { cohenKappa, confusionMatrix, positionBiasCheck, type Pair, type PairJudge, type Verdict } from './judgeAgreement';

const repeat = <T>(value: T, times: number): T[] => new Array<T>(times).fill(value);

describe('confusionMatrix', () => {
  it('counts people’s labels in rows and the judge’s in columns', () => {
    const people = ['pass', 'pass', 'fail', 'fail', 'pass'] as const;
    const judge = ['pass', 'fail', 'pass', 'fail', 'pass'] as const;
    expect(confusionMatrix(people, judge, ['pass', 'fail'])).toEqual([
      [2, 1],
      [1, 1],
    ]);
  });

  it('keeps people in rows on an asymmetric table, where a transposed matrix would read [[2, 2], [1, 0]]', () => {
    const people = ['pass', 'pass', 'fail', 'fail', 'pass'] as const;
    const judge = ['pass', 'pass', 'pass', 'pass', 'fail'] as const;
    expect(confusionMatrix(people, judge, ['pass', 'fail'])).toEqual([
      [2, 1],
      [2, 0],
    ]);
  });

  it('rejects lists of different length either way, an empty list, an unknown label on either side and repeated labels, naming the problem', () => {
    expect(() => confusionMatrix(['a', 'b'], ['a'], ['a', 'b'])).toThrow(new RangeError('judge has 1 labels but people have 2'));
    expect(() => confusionMatrix(['a'], ['a', 'a'], ['a'])).toThrow(new RangeError('judge has 2 labels but people have 1'));
    expect(() => confusionMatrix([], [], ['a'])).toThrow(/at least one item/);
    expect(() => confusionMatrix(['a', 'c'], ['a', 'a'], ['a', 'b'])).toThrow(new RangeError('item 1 has a label outside labels: c'));
    expect(() => confusionMatrix(['a', 'a'], ['a', 'z'], ['a', 'b'])).toThrow(new RangeError('item 1 has a label outside labels: z'));
    expect(() => confusionMatrix(['a'], ['a'], ['a', 'a'])).toThrow(/labels must not repeat/);
  });

  it('refuses a sparse list instead of leaving its holes uncounted', () => {
    const sparse = new Array<string>(2);
    sparse[0] = 'a'; // item 1 is a hole
    expect(() => confusionMatrix(sparse, ['a', 'a'], ['a'])).toThrow(new RangeError('item 1 has no label from people'));
    expect(() => confusionMatrix(['a', 'a'], sparse, ['a'])).toThrow(new RangeError('item 1 has no label from the judge'));
  });
});

describe('cohenKappa', () => {
  it('matches a hand-computed 2 × 2 table: p_o = 35/50 = 0.7, p_e = 0.5 × 0.6 + 0.5 × 0.4 = 0.5, κ = 0.2 / 0.5 = 0.4', () => {
    const a = cohenKappa([
      [20, 5],
      [10, 15],
    ]);
    expect(a.items).toBe(50);
    expect(a.observed).toBeCloseTo(0.7, 12);
    expect(a.expected).toBeCloseTo(0.5, 12);
    expect(a.kappa).toBeCloseTo(0.4, 12);
  });

  it('shows a lenient judge: 75 % raw agreement but κ = 0.2 / 0.45 ≈ 0.444 (the page’s 200 answers)', () => {
    const people = [...repeat('pass', 120), ...repeat('fail', 80)];
    const judge = [...repeat('pass', 110), ...repeat('fail', 10), ...repeat('pass', 40), ...repeat('fail', 40)];
    const a = cohenKappa(confusionMatrix(people, judge, ['pass', 'fail']));
    expect(a.observed).toBeCloseTo(0.75, 12);
    expect(a.expected).toBeCloseTo(0.55, 12);
    expect(a.kappa).toBeCloseTo(0.4444, 4);
  });

  it('matches a hand-computed 3-label table: p_o = 0.7, p_e = 0.34, κ = 0.36 / 0.66 ≈ 0.545', () => {
    // Row totals 40, 30, 30; column totals 40, 40, 20 (n = 100).
    const a = cohenKappa([
      [30, 5, 5],
      [5, 25, 0],
      [5, 10, 15],
    ]);
    expect(a.observed).toBeCloseTo(0.7, 12);
    expect(a.expected).toBeCloseTo((40 * 40 + 30 * 40 + 30 * 20) / 10_000, 12);
    expect(a.kappa).toBeCloseTo(0.36 / 0.66, 12);
  });

  it('is 1 for perfect agreement', () => {
    expect(
      cohenKappa([
        [7, 0],
        [0, 3],
      ]).kappa,
    ).toBe(1);
  });

  it('is 0 when agreement is exactly what chance predicts, and negative when below it', () => {
    expect(
      cohenKappa([
        [25, 25],
        [25, 25],
      ]).kappa,
    ).toBeCloseTo(0, 12);
    expect(
      cohenKappa([
        [0, 5],
        [5, 0],
      ]).kappa,
    ).toBeCloseTo(-1, 12);
  });

  it('falls when one label is rare, even at higher agreement: 91 % gives κ ≈ 0.521, 85 % with balanced labels κ ≈ 0.700', () => {
    // Rare "fail": rows 90, 10; columns 89, 11; p_e = (90 × 89 + 10 × 11) / 10,000 = 0.812.
    const rare = cohenKappa([
      [85, 5],
      [4, 6],
    ]);
    expect(rare.observed).toBeCloseTo(0.91, 12);
    expect(rare.kappa).toBeCloseTo(0.098 / 0.188, 12);
    // Balanced: rows 49, 51; columns 46, 54; p_e = (49 × 46 + 51 × 54) / 10,000 = 0.5008.
    const balanced = cohenKappa([
      [40, 9],
      [6, 45],
    ]);
    expect(balanced.observed).toBeCloseTo(0.85, 12);
    expect(balanced.kappa).toBeCloseTo(0.3492 / 0.4992, 12);
  });

  it('is 0 when only the people use a single label, however often the judge agrees (19 of 20 here)', () => {
    const a = cohenKappa(confusionMatrix(repeat('pass', 20), [...repeat('pass', 19), 'fail'], ['pass', 'fail']));
    expect(a.observed).toBe(0.95);
    expect(a.kappa).toBe(0);
  });

  it('is undefined (null), not 1, when both raters use a single label: 100 % agreement that chance fully explains', () => {
    const a = cohenKappa(confusionMatrix(repeat('pass', 30), repeat('pass', 30), ['pass', 'fail']));
    expect(a).toEqual({ items: 30, observed: 1, expected: 1, kappa: null });
  });

  it('rejects a matrix that is not square, empty, holds no items or holds non-counts', () => {
    expect(() => cohenKappa([[1, 2]])).toThrow(/square/);
    expect(() => cohenKappa([])).toThrow(/square/);
    expect(() => cohenKappa([[0]])).toThrow(/no items/);
    expect(() => cohenKappa([[1.5]])).toThrow(/whole numbers/);
    expect(() => cohenKappa([[-1]])).toThrow(/whole numbers/);
  });
});

describe('positionBiasCheck', () => {
  // Hidden quality of each answer; the fake judge adds a bonus to whatever it reads first.
  const quality: Record<string, number> = { good: 0.9, fair: 0.6, close1: 0.62, close2: 0.58 };
  const biasedJudge =
    (bonus: number): PairJudge =>
    async (_q, first, second) => {
      const d = quality[first]! + bonus - quality[second]!;
      return d > 0.05 ? 'A' : d < -0.05 ? 'B' : 'tie';
    };
  const pairs: Pair[] = [
    { id: 'clear', question: 'q1', x: 'good', y: 'fair' },
    { id: 'close', question: 'q2', x: 'close1', y: 'close2' },
  ];

  it('keeps a clear winner that wins in both orders', async () => {
    const report = await positionBiasCheck(pairs, biasedJudge(0.15));
    expect(report.results[0]).toEqual({ id: 'clear', consistent: true, winner: 'x' });
  });

  it('turns a verdict that flips with the order into a tie and counts it as inconsistent', async () => {
    const report = await positionBiasCheck(pairs, biasedJudge(0.15));
    expect(report.results[1]).toEqual({ id: 'close', consistent: false, winner: 'tie' });
    expect(report.inconsistencyRate).toBe(0.5);
    expect(report.firstPositionWinRate).toBe(0.75); // 3 of 4 verdicts went to the first answer
  });

  it('counts a win in one order and a tie in the other as inconsistent, and keeps a tie', async () => {
    // Forward (x first): x wins. Backward (y first): tie. Only a win in both orders is kept.
    const winThenTie: PairJudge = async (_q, first) => (first === 'good' ? 'A' : 'tie');
    const report = await positionBiasCheck([pairs[0]!], winThenTie);
    expect(report.results).toEqual([{ id: 'clear', consistent: false, winner: 'tie' }]);
    expect(report.inconsistencyRate).toBe(1);
  });

  it('counts a tie in both orders as consistent', async () => {
    const report = await positionBiasCheck([pairs[1]!], async () => 'tie');
    expect(report.results).toEqual([{ id: 'close', consistent: true, winner: 'tie' }]);
    expect(report.inconsistencyRate).toBe(0);
  });

  it('finds no inconsistency in a judge without position bias', async () => {
    const report = await positionBiasCheck(pairs, biasedJudge(0));
    expect(report.inconsistencyRate).toBe(0);
    expect(report.results.map((r) => r.winner)).toEqual(['x', 'tie']);
  });

  it('catches a judge that always answers "A", however good the answers are', async () => {
    const report = await positionBiasCheck(pairs, async () => 'A');
    expect(report.inconsistencyRate).toBe(1);
    expect(report.firstPositionWinRate).toBe(1);
  });

  it('asks the judge about both orders of every pair, and the two checks running at once do not mix', async () => {
    const calls: string[] = [];
    const judge: PairJudge = async (q, first, second) => {
      calls.push(`${q}:${first}>${second}`);
      await new Promise((r) => setTimeout(r, first === 'good' ? 5 : 0));
      return (quality[first]! > quality[second]! ? 'A' : 'B') as Verdict;
    };
    const [one, two] = await Promise.all([positionBiasCheck([pairs[0]!], judge), positionBiasCheck([pairs[1]!], judge)]);
    expect(calls.sort()).toEqual(['q1:fair>good', 'q1:good>fair', 'q2:close1>close2', 'q2:close2>close1']);
    expect(one.results).toEqual([{ id: 'clear', consistent: true, winner: 'x' }]);
    expect(two.results).toEqual([{ id: 'close', consistent: true, winner: 'x' }]);
  });

  it('refuses a verdict that is not A, B or tie instead of reading it as a win for the second answer', async () => {
    const sloppy = (async () => 'a') as unknown as PairJudge; // lower case, as a model might reply
    await expect(positionBiasCheck(pairs, sloppy)).rejects.toThrow(new RangeError('judge answered "a" on pair clear: expected A, B or tie'));
  });

  it('refuses a stray verdict in the swapped order too, when the first order is valid', async () => {
    const strayWhenSwapped = (async (_q: string, first: string) => (first === 'good' ? 'A' : 'B.')) as unknown as PairJudge;
    await expect(positionBiasCheck([pairs[0]!], strayWhenSwapped)).rejects.toThrow(new RangeError('judge answered "B." on pair clear: expected A, B or tie'));
  });

  it('reports no rates (null) for no pairs, rather than 0, which would read as a perfect judge', async () => {
    expect(await positionBiasCheck([], async () => 'A')).toEqual({ results: [], inconsistencyRate: null, firstPositionWinRate: null });
  });
});
