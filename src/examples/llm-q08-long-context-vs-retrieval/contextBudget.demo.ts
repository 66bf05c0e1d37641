/**
 * Demo: a 100,000-token corpus, 100,000 questions a month. Whole corpus in every prompt
 * (with and without prompt caching) against 8 retrieved chunks of 500 tokens. Prices are
 * Claude Opus 5's on Anthropic's pricing page as of December 2026 ($5 and $25 per million
 * input and output tokens, cache reads 0.1x, 5-minute cache writes 1.25x). The $0.0001 of
 * embedding and search per retrieved query is an assumption. Change the corpus size, the
 * hit rate or k.
 */
import { attentionShare, breakEvenCorpusTokens, packForPositionBias, retrieveCostPerQuery, stuffCostPerQuery } from './contextBudget';

/** An integer with thousands separators; written out so every browser prints the same. */
const thousands = (n: number): string => n.toFixed(0).replace(/\B(?=(\d{3})+$)/g, ',');

const QUERIES_PER_MONTH = 100_000;
const CACHE_HIT_RATE = 0.95;
const pricing = { inputPerMillion: 5, outputPerMillion: 25, cacheReadMultiplier: 0.1, cacheWriteMultiplier: 1.25 };
const workload = { corpusTokens: 100_000, questionTokens: 100, outputTokens: 300 };
const retrieval = { k: 8, chunkTokens: 500, overheadPerQuery: 0.0001 }; // overhead: assumed, not a quoted price
const model = { parameters: 8e9, layers: 32, dModel: 4096 };

export function demo(): { monthly: Record<string, number>; breakEven: number[]; attention: number[]; packed: string[] } {
  const perQuery = {
    stuff: stuffCostPerQuery(workload, pricing),
    'stuff, cached': stuffCostPerQuery(workload, pricing, CACHE_HIT_RATE),
    retrieve: retrieveCostPerQuery(workload, retrieval, pricing),
  };
  const monthly: Record<string, number> = {};
  for (const [name, dollars] of Object.entries(perQuery)) {
    monthly[name] = Math.round(dollars * QUERIES_PER_MONTH);
    // Five decimals keep $0.08675 exact; Number() drops trailing zeros, so $0.0281 prints as the page quotes it.
    console.log(`${name}: $${Number(dollars.toFixed(5))} per query, $${thousands(monthly[name]!)} per month`);
  }
  const breakEven = [breakEvenCorpusTokens(retrieval, pricing), breakEvenCorpusTokens(retrieval, pricing, CACHE_HIT_RATE)].map(Math.round);
  console.log(`stuffing is cheaper only below ${thousands(breakEven[0]!)} corpus tokens (${thousands(breakEven[1]!)} with the cache)`);
  const retrievedTokens = retrieval.k * retrieval.chunkTokens + workload.questionTokens;
  const attention = [retrievedTokens, workload.corpusTokens + workload.questionTokens].map((n) => Number(attentionShare(n, model).toFixed(3)));
  console.log(
    `attention share of prefill FLOPs: ${attention[0]} at ${thousands(retrievedTokens)} tokens, ${attention[1]} at ${thousands(workload.corpusTokens + workload.questionTokens)}`,
  );
  const packed = packForPositionBias(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']);
  console.log(`prompt order of the 8 chunks, best = c1: ${packed.join(' ')}`);
  return { monthly, breakEven, attention, packed };
}
