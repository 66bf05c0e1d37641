/**
 * References first cited by part "Retrieval and context" of the LLM and agent systems
 * track. Any page may cite any entry. A new entry takes the next free number
 * of its kind (L, T or G) across the whole catalog; the validator rejects a
 * reused id and a tool, term or work that is already listed under another id.
 */
import type { ReferenceEntry } from '../schema';

export const llmRetrievalReferences: ReferenceEntry[] = [
  {
    id: 'L125',
    kind: 'literature',
    citation: 'Es, S., James, J., Espinosa-Anke, L., & Schockaert, S. (2023). RAGAS: Automated evaluation of retrieval augmented generation (arXiv:2309.15217) [Preprint]. arXiv.',
    url: 'https://arxiv.org/abs/2309.15217',
    note: 'Reference-free RAG metrics: faithfulness as the share of answer statements the context supports, answer relevance and context relevance.',
  },
  {
    id: 'L126',
    kind: 'literature',
    citation: 'Järvelin, K., & Kekäläinen, J. (2002). Cumulated gain-based evaluation of IR techniques. ACM Transactions on Information Systems, 20(4), 422–446.',
    doi: '10.1145/582415.582418',
    note: 'Defines cumulated gain, its rank-discounted form and the normalisation by the ideal ranking (nDCG) for graded relevance.',
  },
  {
    id: 'T115',
    kind: 'tool',
    name: 'Ragas',
    purpose: 'Open-source library that scores RAG pipelines with LLM-judged faithfulness, answer relevancy, context precision and context recall.',
    url: 'https://docs.ragas.io/',
  },
  {
    id: 'G115',
    kind: 'glossary',
    term: 'Normalised discounted cumulative gain (nDCG@k)',
    definition: 'Graded relevance of the top k results, each divided by log2(rank + 1), summed and divided by the same sum for the ideal order; 1 is perfect.',
  },
  {
    id: 'G116',
    kind: 'glossary',
    term: 'Mean reciprocal rank (MRR)',
    definition: 'The average over queries of 1 / the rank of the first relevant result (0 when none is returned); it rewards putting one good answer first.',
  },
  {
    id: 'G117',
    kind: 'glossary',
    term: 'Faithfulness (groundedness)',
    definition: 'The share of the claims in a generated answer that the retrieved context supports; an unsupported claim is a hallucination even when it happens to be true.',
  },
];
