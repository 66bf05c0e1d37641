/**
 * Demo: the page's numbers, then its integration rules. A 22,464-token handbook cut into 512-token chunks that overlap
 * by 64 is stored 1.14 times over; in an 8,192-token prompt with 1,000 tokens of instructions and question and 1,000
 * reserved for the answer, 12 of 14 retrieved chunks fit. Then: an engineer gets two readable chunks because the
 * permission filter runs before ranking, a narrowed access list and a deletion take effect at once while late
 * redeliveries are ignored, and citations resolve to their sources' URIs while a label the prompt never provided is
 * reported as unknown, for the caller to reject the answer. The cost line is the page's arithmetic, at its illustrative
 * price, on the token count of a chunk the module produced. Words count as tokens, and the question is padded with
 * conversation history to reach the page's 1,000 tokens.
 */
import { assemblePrompt, chunkDocument, ChunkIndex, resolveCitations, whitespaceTokens, type SourceDocument } from './ragPipeline';

const doc = (id: string, version: number, text: string, allowedGroups: string[]): SourceDocument => ({ id, version, uri: `https://wiki.example/${id}`, text, allowedGroups });
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

export function demo(): {
  chunks: number;
  storedRatio: number;
  fitted: number;
  dropped: number;
  promptTokens: number;
  filterThenRank: string[];
  rankThenFilter: string[];
  cited: string[];
  unknownCitations: string[];
} {
  // 448 × 50 + 64 tokens: 50 chunks of exactly 512, each starting 448 tokens after the previous one.
  const handbookTokens = 448 * 50 + 64;
  const handbook = doc('handbook', 7, Array.from({ length: handbookTokens }, (_, i) => (i % 50 === 0 ? 'leave' : `t${i}`)).join(' '), ['all']);
  const chunks = chunkDocument(handbook, 512, 64);
  const stored = chunks.reduce((sum, c) => sum + whitespaceTokens(c.text).length, 0);
  const storedRatio = Math.round((stored / handbookTokens) * 100) / 100;
  console.log(
    `${thousands(handbookTokens)}-token handbook, 512-token chunks overlapping by 64: ${chunks.length} chunks (${chunks[0]!.id} to ${chunks.at(-1)!.id}), ${thousands(stored)} tokens stored, ${storedRatio} times the text`,
  );

  const index = new ChunkIndex(512, 64);
  index.upsert(handbook);
  const engineer = { id: 'ana', groups: ['all', 'eng'] };
  const ranked = index.search('parental leave', engineer, 14);
  const opts = { budgetTokens: 8_192, reservedForAnswer: 1_000 };
  const question = 'How long is parental leave?';
  const history = Array.from({ length: 1_000 - assemblePrompt(question, [], opts).promptTokens }, (_, i) => `h${i}`).join(' ');
  const assembled = assemblePrompt(`${question} ${history}`, ranked, opts);
  console.log(
    `prompt cap 8,192, 1,000 for instructions and question, 1,000 for the answer: ${assembled.citations.length} of ${ranked.length} chunks fit as [S1] to [S${assembled.citations.length}], ${assembled.dropped.length} dropped, ${thousands(assembled.promptTokens)} prompt tokens`,
  );
  // The module has no prices: this is the page's arithmetic, at its illustrative $2.50 per 1M input tokens, on one chunk as chunked.
  const chunkTokens = whitespaceTokens(chunks[0]!.text).length;
  const chunkUsd = (chunkTokens * 2.5) / 1_000_000;
  console.log(
    `the page's arithmetic on ${chunks[0]!.id}, ${chunkTokens} tokens as chunked, at an illustrative $2.50 per 1M input tokens: $${chunkUsd.toFixed(5)} a request, $${thousands(Math.round(chunkUsd * 1_000_000))} a day at 1M requests`,
  );

  index.upsert(doc('salaries', 1, 'bonus policy for engineers bonus policy', ['hr']));
  index.upsert(doc('bonus-faq', 1, 'the bonus policy is described by HR', ['all']));
  index.upsert(doc('eng-guide', 1, 'engineers follow the on-call policy', ['eng']));
  const query = 'bonus policy engineers';
  const filterThenRank = index.search(query, engineer, 2).map((c) => c.id);
  // The wrong order, for comparison: rank everything, take the top 2, then drop what the engineer may not read.
  const everyone = { id: 'audit', groups: ['all', 'eng', 'hr'] };
  const topTwo = index.search(query, everyone, 2);
  const rankThenFilter = topTwo.filter((c) => c.allowedGroups.some((g) => engineer.groups.includes(g))).map((c) => c.id);
  console.log(`"${query}", top 2 for an engineer: filter then rank gives ${filterThenRank.join(', ')}`);
  console.log(`rank then filter gives only ${rankThenFilter.join(', ')}: the top hit, ${topTwo[0]!.id}, is readable by hr alone`);

  const hr = { id: 'hal', groups: ['hr'] };
  index.upsert(doc('reorg', 1, 'restructuring plan for the sales team', ['all']));
  const before = index.search('restructuring plan', engineer, 5).length;
  index.upsert(doc('reorg', 2, 'restructuring plan for the sales team', ['hr'])); // the access list narrowed
  const lateV1 = index.upsert(doc('reorg', 1, 'restructuring plan for the sales team', ['all'])); // a late redelivery
  console.log(
    `reorg v1 for all, then v2 for hr only: the engineer sees ${before} chunk, then ${index.search('restructuring plan', engineer, 5).length}; v1 redelivered late indexes ${lateV1} chunks`,
  );
  index.remove('reorg', 2);
  const lateV2 = index.upsert(doc('reorg', 2, 'restructuring plan for the sales team', ['hr']));
  console.log(`reorg deleted at v2, then v2 redelivered: ${lateV2} chunks indexed, hr sees ${index.search('restructuring plan', hr, 5).length}`);

  const sources = assemblePrompt('Who gets a bonus?', index.search(query, engineer, 2), opts).citations;
  const good = resolveCitations('Bonuses follow the HR policy [S1]; on-call engineers are covered [S2].', sources);
  console.log(`answer citing [S1] and [S2]: ${good.cited.map((c) => `${c.label} -> ${c.uri}`).join(', ')}`);
  const bad = resolveCitations('Engineers get a 10% bonus [S3].', sources);
  console.log(
    `answer citing [S3]: ${bad.unknown.length === 0 ? 'no unknown label reported' : `${bad.unknown.join(', ')} was never provided; reported as unknown, so the caller rejects the answer`}`,
  );

  return {
    chunks: chunks.length,
    storedRatio,
    fitted: assembled.citations.length,
    dropped: assembled.dropped.length,
    promptTokens: assembled.promptTokens,
    filterThenRank,
    rankThenFilter,
    cited: good.cited.map((c) => c.uri),
    unknownCitations: bad.unknown,
  };
}
