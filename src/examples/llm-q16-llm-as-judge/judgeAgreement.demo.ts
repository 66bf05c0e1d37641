/**
 * Demo: a judge and a person grade the same 200 answers, then the judge compares eight
 * pairs in both orders. The fake judge adds `firstBonus` to whichever answer it reads
 * first; set it to 0 and the inconsistency disappears, raise it and more pairs (never fewer) get a different winner in each order.
 */
import { cohenKappa, confusionMatrix, positionBiasCheck, type Pair, type PairJudge } from './judgeAgreement';

const repeat = <T>(value: T, times: number): T[] => new Array<T>(times).fill(value);

export async function demo(): Promise<{ kappa: number | null; inconsistencyRate: number | null; firstPositionWinRate: number | null }> {
  // People passed 120 answers and failed 80; the judge failed 10 of their passes and passed 40 of their failures.
  const people = [...repeat('pass', 120), ...repeat('fail', 80)];
  const judge = [...repeat('pass', 110), ...repeat('fail', 10), ...repeat('pass', 40), ...repeat('fail', 40)];
  const matrix = confusionMatrix(people, judge, ['pass', 'fail']);
  const agreement = cohenKappa(matrix);
  console.log(`rows people, columns judge (pass, fail): ${JSON.stringify(matrix)}`);
  const kappa = agreement.kappa === null ? null : Number(agreement.kappa.toFixed(3)); // null: both used the same single label
  console.log(`raw agreement ${agreement.observed.toFixed(2)}, chance ${agreement.expected.toFixed(2)}, kappa ${agreement.kappa?.toFixed(3) ?? 'undefined'}`);

  const firstBonus = 0.15;
  const gaps = [0.5, 0.3, 0.25, 0.12, 0.05, 0, -0.15, -0.4]; // true quality of x minus y
  const quality = new Map<string, number>();
  const pairs: Pair[] = gaps.map((gap, i) => {
    quality.set(`x${i}`, 0.5 + gap / 2);
    quality.set(`y${i}`, 0.5 - gap / 2);
    return { id: `pair-${i}`, question: `q${i}`, x: `x${i}`, y: `y${i}` };
  });
  const fakeJudge: PairJudge = async (_q, first, second) => {
    const d = quality.get(first)! + firstBonus - quality.get(second)!;
    return d > 0.05 ? 'A' : d < -0.05 ? 'B' : 'tie';
  };
  const report = await positionBiasCheck(pairs, fakeJudge);
  console.log(
    `first-position bonus ${firstBonus}: ${report.results.filter((r) => !r.consistent).length} of ${pairs.length} pairs get a different winner in the two orders (a tie counts as a winner)`,
  );
  const share = (rate: number | null) => (rate === null ? 'undefined (no pairs)' : `${(rate * 100).toFixed(1)}%`);
  console.log(`inconsistency rate ${share(report.inconsistencyRate)}, first answer wins ${share(report.firstPositionWinRate)} of verdicts`);
  console.log(`kept winners: ${report.results.map((r) => r.winner).join(' ')}`);
  return { kappa, inconsistencyRate: report.inconsistencyRate, firstPositionWinRate: report.firstPositionWinRate };
}
