/**
 * Demo: eight requests through the small/large cascade of the mock answer (1.5B and 7B models at $0.0001 and $0.001 per 1K tokens). Simple tasks go
 * to the small model; when it is unsure (confidence below 0.7) the request is
 * escalated and paid twice. The ledger compares the bill with sending
 * everything to the large model. The models are stand-ins with fixed answers.
 */
import { CostLedger, serve, tokenCost, type LlmRequest, type RoutingPolicy } from './modelRouter';

export async function demo(): Promise<{ servedBy: string[]; cascadeDollars: number; allLargeDollars: number }> {
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
    small: async () => ({ text: 'draft', outputTokens: 200, confidence: ++call % 4 === 0 ? 0.55 : 0.9 }),
    large: async () => ({ text: 'answer', outputTokens: 400, confidence: 0.95 }),
  };
  const ledger = new CostLedger();
  const servedBy: string[] = [];
  for (const request of requests) {
    const served = await serve(request, policy, models, ledger);
    servedBy.push(served.servedBy);
    console.log(`${request.task}, ${request.promptTokens} prompt tokens: ${served.servedBy}${served.escalated ? ' (escalated: small model unsure)' : ''}`);
  }
  const allLarge = requests.length * tokenCost(policy.large, 400);
  const cascade = ledger.dollars();
  console.log(
    `cascade: $${cascade.toFixed(5)} for ${requests.length} requests; all on the large model: $${allLarge.toFixed(5)} (${((1 - cascade / allLarge) * 100).toFixed(0)}% saved)`,
  );
  console.log(`at 1M requests a day that is $${((cascade / requests.length) * 1e6).toFixed(0)} instead of $${((allLarge / requests.length) * 1e6).toFixed(0)} a day`);
  return { servedBy, cascadeDollars: Number(cascade.toFixed(6)), allLargeDollars: Number(allLarge.toFixed(6)) };
}
