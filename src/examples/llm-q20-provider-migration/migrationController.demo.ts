/**
 * Demo: 40 logged requests replayed through the current and a candidate
 * provider (fakes with fixed answers). The candidate is better on FAQs but
 * worse on refunds, a critical slice; then the refund prompt is fixed.
 * Tokenizers differ: the same prompt is 1,300 tokens on the old provider and
 * 1,500 on the new one, at one blended price per token (illustrative; real
 * price lists charge input and output tokens separately). The shadow stage is
 * not modelled: an advance here is the first canary step. Change the numbers
 * and run it again.
 */
import { decide, replay, summarise, type GateConfig, type LoggedRequest, type Provider } from './migrationController';

export async function demo(): Promise<{ actions: string[]; wins: number; losses: number; costOld: number | null; costNew: number | null }> {
  const requests: LoggedRequest[] = Array.from({ length: 40 }, (_, i) => ({ id: `r${i}`, slice: i < 30 ? 'faq' : 'refunds', prompt: `question ${i}` }));
  const right = (r: LoggedRequest) => `answer ${r.id}`;
  const score = (r: LoggedRequest, answer: string) => (answer === right(r) ? 1 : 0);
  const fake = (name: string, price: number, tokens: number, correct: (i: number, slice: string) => boolean): Provider => ({
    name,
    pricePerMillionTokens: price,
    complete: async (r) => ({ text: correct(Number(r.id.slice(1)), r.slice) ? right(r) : 'wrong', tokens }),
  });
  const currentPrice = 2.0;
  const candidatePrice = 1.8;
  const current = fake('current', currentPrice, 1_300, (i) => i % 5 !== 0); // misses 6 FAQs and 2 refunds
  const candidate = (refundFixed: boolean) => fake('candidate', candidatePrice, 1_500, (i, slice) => (slice === 'faq' ? i !== 0 : refundFixed || i % 3 !== 0));
  const gate: GateConfig = { criticalSlices: ['refunds'], maxSliceDrop: 0.05, minSlicePairs: 10, maxNewErrorRate: 0.01, steps: [0.01, 0.05, 0.25, 0.5, 1] };

  const actions: string[] = [];
  let first = summarise([], 0);
  let fixed = first;
  for (const [label, refundFixed] of [
    ['candidate as is', false],
    ['after fixing the refund prompt', true],
  ] as const) {
    const report = summarise(await replay(requests, current, candidate(refundFixed), score), 0);
    if (refundFixed) fixed = report;
    else first = report;
    const d = decide(report, 0, gate);
    const slices = Object.entries(report.slices).map(([s, v]) => `${s} ${v.meanDelta >= 0 ? '+' : ''}${v.meanDelta.toFixed(3)}`);
    console.log(`${label}: wins ${report.wins}, losses ${report.losses}, mean ${report.meanDelta >= 0 ? '+' : ''}${report.meanDelta.toFixed(3)}; ${slices.join(', ')}`);
    console.log(`  -> ${d.action} to ${+(d.share * 100).toFixed(2)}% of traffic${d.reasons.length ? `: ${d.reasons.join('; ')}` : ''}`);
    actions.push(`${d.action} ${d.share}`);
  }
  // The cost of the candidate that advances; decide() does not weigh it, the business does.
  const { old, new: candidateCost } = fixed.costPerRequest;
  // null means that provider answered nothing, so there is no cost per request to compare.
  const usd = (c: number | null) => (c === null ? 'n/a (no answer)' : `$${c.toFixed(4)}`);
  const rounded = (c: number | null) => (c === null ? null : Number(c.toFixed(6)));
  const change = old !== null && candidateCost !== null ? ` (${candidateCost >= old ? '+' : ''}${((candidateCost / old - 1) * 100).toFixed(1)}% per request)` : '';
  const cheaper = +((1 - candidatePrice / currentPrice) * 100).toFixed(1);
  console.log(`cost per request: ${usd(old)} now, ${usd(candidateCost)} on the candidate${change}, although its price per token is ${cheaper}% lower`);
  return { actions, wins: first.wins, losses: first.losses, costOld: rounded(old), costNew: rounded(candidateCost) };
}
