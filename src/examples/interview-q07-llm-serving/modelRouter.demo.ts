/**
 * Demo: eight requests through the small/large cascade of the mock answer (1.5B and 7B models at the illustrative
 * $0.0001 and $0.001 per 1K output tokens). Simple tasks go to the small model; when it is unsure (confidence
 * below 0.7) the request is escalated and paid on both tiers. The ledger compares the bill with sending
 * everything to the large model; dailyTokenCost then prices the page's own assumptions, which differ from this mix.
 * The models are stand-ins with fixed answers.
 */
import { CostLedger, dailyTokenCost, serve, tokenCost, type LlmRequest, type RoutingPolicy } from './modelRouter';

/** An integer with thousands separators; written out so every browser prints the same. */
const thousands = (n: number): string => n.toFixed(0).replace(/\B(?=(\d{3})+$)/g, ',');

const SMALL_ANSWER_TOKENS = 200;
const LARGE_ANSWER_TOKENS = 400;

export async function demo(): Promise<{ servedBy: string[]; cascadeDollars: number; allLargeDollars: number; pageDailyDollars: number }> {
  const policy: RoutingPolicy = {
    small: { name: 'small-1.5B', pricePer1kOutputTokens: 0.0001, maxPromptTokens: 8_000 },
    large: { name: 'large-7B', pricePer1kOutputTokens: 0.001, maxPromptTokens: 128_000 },
  };
  const requests: LlmRequest[] = [
    { task: 'classification', promptTokens: 300 },
    { task: 'extraction', promptTokens: 1_200 },
    { task: 'summarization', promptTokens: 6_000 },
    { task: 'summarization', promptTokens: 20_000 }, // too long for the small model
    { task: 'reasoning', promptTokens: 900 },
    { task: 'classification', promptTokens: 250 },
    { task: 'extraction', promptTokens: 700 },
    { task: 'code', promptTokens: 2_000 },
  ];
  let call = 0;
  const models = {
    // Every fourth small-model answer is unsure, the escalation a real cascade sees.
    small: async () => ({ text: 'draft', outputTokens: SMALL_ANSWER_TOKENS, confidence: ++call % 4 === 0 ? 0.55 : 0.9 }),
    large: async () => ({ text: 'answer', outputTokens: LARGE_ANSWER_TOKENS, confidence: 0.95 }),
  };
  const ledger = new CostLedger();
  const servedBy: string[] = [];
  let escalations = 0;
  for (const request of requests) {
    const served = await serve(request, policy, models, ledger);
    servedBy.push(served.servedBy);
    if (served.escalated) escalations++;
    console.log(`${request.task}, ${thousands(request.promptTokens)} prompt tokens: ${served.servedBy}${served.escalated ? ' (escalated: small model unsure)' : ''}`);
  }
  const allLarge = requests.length * tokenCost(policy.large, LARGE_ANSWER_TOKENS);
  const cascade = ledger.dollars();
  console.log(
    `cascade: $${cascade.toFixed(5)} for ${requests.length} requests; all on the large model: $${allLarge.toFixed(5)} (${((1 - cascade / allLarge) * 100).toFixed(0)}% saved)`,
  );
  const perDay = (dollars: number) => ((dollars / requests.length) * 1e6).toFixed(2);
  // ledger.calls counts the small answers charged: one per small-routed request here, since none throws.
  const routedSmall = ledger.calls(policy.small.name);
  console.log(
    `this mix at 1M requests a day (${routedSmall} of ${requests.length} routed small, ${escalations} of those escalated, ${SMALL_ANSWER_TOKENS}-token small and ${LARGE_ANSWER_TOKENS}-token large answers): $${perDay(cascade)} instead of $${perDay(allLarge)} a day`,
  );
  // The mock answer's assumptions: 1M requests of 200 output tokens, 70% routed small, 1 in 10 of those escalated.
  const day = { requestsPerDay: 1_000_000, outputTokensPerRequest: 200, policy };
  const page = dailyTokenCost({ ...day, smallShare: 0.7, escalationRate: 0.1 });
  const pageAllLarge = dailyTokenCost({ ...day, smallShare: 0 });
  console.log(
    `the page's assumptions (200-token answers, 70% routed small, 1 in 10 of those escalated): $${page.total.toFixed(0)} instead of $${pageAllLarge.total.toFixed(0)} a day`,
  );
  return {
    servedBy,
    cascadeDollars: Number(cascade.toFixed(6)),
    allLargeDollars: Number(allLarge.toFixed(6)),
    pageDailyDollars: Number(page.total.toFixed(2)),
  };
}
