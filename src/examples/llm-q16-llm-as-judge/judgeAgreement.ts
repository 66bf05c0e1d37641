/**
 * Calibrating an LLM judge against people: a confusion matrix of their labels,
 * Cohen's kappa (agreement corrected for chance), and a position-bias check that asks
 * the judge about every pair in both orders and keeps only verdicts that survive the swap.
 */
export function confusionMatrix<L extends string>(people: readonly L[], judge: readonly L[], labels: readonly L[]): number[][] {
  if (new Set(labels).size !== labels.length) throw new RangeError('labels must not repeat');
  if (people.length !== judge.length) throw new RangeError(`judge has ${judge.length} labels but people have ${people.length}`);
  if (people.length === 0) throw new RangeError('people must label at least one item');
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  // A for loop, not forEach: forEach skips the holes of a sparse list, which would go uncounted.
  for (let item = 0; item < people.length; item++) {
    const p = people[item];
    const j = judge[item];
    if (p === undefined || j === undefined) throw new RangeError(`item ${item} has no label from ${p === undefined ? 'people' : 'the judge'}`);
    const row = index.get(p);
    const col = index.get(j);
    if (row === undefined || col === undefined) throw new RangeError(`item ${item} has a label outside labels: ${row === undefined ? p : j}`);
    matrix[row]![col]!++; // rows: what people said; columns: what the judge said
  }
  return matrix;
}

export interface Agreement {
  readonly items: number;
  readonly observed: number; // share of items on which both said the same
  readonly expected: number; // share they would agree on by chance, given how often each uses each label
  readonly kappa: number | null; // null when chance explains everything (both use the same single label)
}

export function cohenKappa(matrix: readonly (readonly number[])[]): Agreement {
  const k = matrix.length;
  if (k === 0 || matrix.some((row) => row.length !== k)) throw new RangeError('matrix must be square and not empty');
  if (matrix.flat().some((c) => !Number.isInteger(c) || c < 0)) throw new RangeError('matrix cells must be counts: whole numbers of 0 or more');
  const items = matrix.flat().reduce((a, b) => a + b, 0);
  if (items === 0) throw new RangeError('matrix holds no items');
  let diagonal = 0;
  let chance = 0;
  for (let i = 0; i < k; i++) {
    diagonal += matrix[i]![i]!;
    const rowTotal = matrix[i]!.reduce((a, b) => a + b, 0);
    const colTotal = matrix.reduce((a, row) => a + row[i]!, 0);
    chance += rowTotal * colTotal;
  }
  const observed = diagonal / items;
  const expected = chance / (items * items);
  return { items, observed, expected, kappa: expected === 1 ? null : (observed - expected) / (1 - expected) };
}

/** 'A' means the answer shown first is better. */
export type Verdict = 'A' | 'B' | 'tie';
export type PairJudge = (question: string, first: string, second: string) => Promise<Verdict>;
export interface Pair {
  readonly id: string;
  readonly question: string;
  readonly x: string;
  readonly y: string;
}
export interface SwapResult {
  readonly id: string;
  readonly consistent: boolean; // the same winner in both orders, a tie counting as a winner (a consistent win reads A, then B)
  readonly winner: 'x' | 'y' | 'tie'; // an answer wins only if it wins in both orders
}
export interface SwapReport {
  readonly results: SwapResult[];
  readonly inconsistencyRate: number | null; // null for no pairs: undefined, not a perfect judge
  readonly firstPositionWinRate: number | null; // a fair judge with no ties: 0.5
}

function winnerOf(verdict: Verdict, firstIs: 'x' | 'y'): 'x' | 'y' | 'tie' {
  if (verdict === 'tie') return 'tie';
  const other = firstIs === 'x' ? 'y' : 'x';
  return verdict === 'A' ? firstIs : other;
}

export async function positionBiasCheck(pairs: readonly Pair[], judge: PairJudge): Promise<SwapReport> {
  const results: SwapResult[] = [];
  let firstWins = 0;
  for (const p of pairs) {
    const [forward, backward] = await Promise.all([judge(p.question, p.x, p.y), judge(p.question, p.y, p.x)]);
    // A parsed model reply can be anything; a stray value must not count as a vote for the second answer.
    for (const v of [forward, backward] as unknown[]) {
      if (v !== 'A' && v !== 'B' && v !== 'tie') throw new RangeError(`judge answered ${JSON.stringify(v)} on pair ${p.id}: expected A, B or tie`);
    }
    firstWins += (forward === 'A' ? 1 : 0) + (backward === 'A' ? 1 : 0);
    const a = winnerOf(forward, 'x');
    const b = winnerOf(backward, 'y');
    // Any difference between the orders (a flip, or a win in one and a tie in the other) is inconsistent and kept as a tie.
    results.push({ id: p.id, consistent: a === b, winner: a === b ? a : 'tie' });
  }
  const inconsistent = results.filter((r) => !r.consistent).length;
  return {
    results,
    inconsistencyRate: pairs.length ? inconsistent / pairs.length : null,
    firstPositionWinRate: pairs.length ? firstWins / (2 * pairs.length) : null,
  };
}
