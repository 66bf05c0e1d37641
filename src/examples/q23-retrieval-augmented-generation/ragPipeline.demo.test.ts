import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './ragPipeline.demo';

afterEach(() => vi.restoreAllMocks());

describe('the RAG pipeline demo', () => {
  it("stores the page's 1.14x, fits 12 chunks of 512 in 8,192 tokens, filters by permission before ranking, resolves citations to their URIs, and reports an unknown one", () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(demo()).toEqual({
      chunks: 50,
      // 50 × 512 = 25,600 tokens stored for 22,464: 1.14, close to 512 / 448.
      storedRatio: 1.14,
      // 8,192 - 1,000 - 1,000 = 6,192 tokens for sources; each labelled chunk costs 514, so 12 fit (6,168).
      fitted: 12,
      dropped: 2,
      promptTokens: 7_168,
      filterThenRank: ['bonus-faq@v1#0', 'eng-guide@v1#0'],
      // The top 2 over all documents include hr's salaries, so filtering afterwards leaves one.
      rankThenFilter: ['bonus-faq@v1#0'],
      // [S1] and [S2] are the two chunks the engineer may read, in rank order.
      cited: ['https://wiki.example/bonus-faq', 'https://wiki.example/eng-guide'],
      unknownCitations: ['S3'],
    });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('reorg v1 for all, then v2 for hr only: the engineer sees 1 chunk, then 0; v1 redelivered late indexes 0 chunks');
    expect(lines).toContain(
      "the page's arithmetic on handbook@v7#0, 512 tokens as chunked, at an illustrative $2.50 per 1M input tokens: $0.00128 a request, $1,280 a day at 1M requests",
    );
    expect(lines).toContain('answer citing [S3]: S3 was never provided; reported as unknown, so the caller rejects the answer');
    expect(lines).toContain('reorg deleted at v2, then v2 redelivered: 0 chunks indexed, hr sees 0');
  });
});
