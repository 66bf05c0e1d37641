/**
 * Demo: chunk a small handbook by headings, rank the chunks for one query with BM25 and
 * with a stand-in dense retriever (a fixed neighbour list, as an embedding index would
 * return), and fuse both with RRF. Change K, the chunk size or the overlap.
 */
import { bm25, chunkMarkdown, reciprocalRankFusion, searchableText } from './hybridSearch';

const K = 60;

const handbook = `# Accounts
## Password reset
Open the login page and choose forgot password. A reset link arrives by email within five minutes.
## Single sign-on
Staff who sign in through SSO cannot reset a password here. Their identity provider owns the credential, so they ask the service desk.
# Devices
## Laptops
Laptops are encrypted and renewed every four years.`;

export function demo(): { chunks: number; keyword: string[]; dense: string[]; fused: string[] } {
  const chunks = chunkMarkdown('handbook', handbook, { maxWords: 20, overlapWords: 5 });
  console.log(`${chunks.length} chunks: ${chunks.map((c) => `${c.id} (${c.headingPath.join(' > ')})`).join(', ')}`);
  const query = 'SSO user forgot password';
  const keyword = bm25(
    chunks.map((c) => ({ id: c.id, text: searchableText(c) })),
    query,
  ).map((s) => s.id);
  // Stand-in for a vector index: paraphrase-aware, so it puts the SSO rule first.
  const dense = ['handbook#1', 'handbook#2', 'handbook#0', 'handbook#3'];
  const fused = reciprocalRankFusion([keyword, dense], K);
  console.log(`BM25:  ${keyword.join(', ')}`);
  console.log(`dense: ${dense.join(', ')}`);
  console.log(`RRF (k = ${K}): ${fused.map((s) => `${s.id} ${s.score.toFixed(4)}`).join(', ')}`);
  return { chunks: chunks.length, keyword, dense, fused: fused.map((s) => s.id) };
}
