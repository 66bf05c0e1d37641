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
    id: 'L127',
    kind: 'literature',
    citation:
      'Cormack, G. V., Clarke, C. L. A., & Buettcher, S. (2009). Reciprocal rank fusion outperforms Condorcet and individual rank learning methods. In Proceedings of the 32nd International ACM SIGIR Conference on Research and Development in Information Retrieval (pp. 758–759). ACM.',
    doi: '10.1145/1571941.1572114',
    note: 'Fusing ranked lists by the sum of 1 / (k + rank), with k = 60, beat every single system and Condorcet fusion on TREC runs.',
  },
  {
    id: 'L128',
    kind: 'literature',
    citation: 'Robertson, S., & Zaragoza, H. (2009). The probabilistic relevance framework: BM25 and beyond. Foundations and Trends in Information Retrieval, 3(4), 333–389.',
    doi: '10.1561/1500000019',
    note: 'Derives BM25 from the probabilistic relevance model: saturating term frequency (k1), document length normalisation (b) and idf.',
  },
  {
    id: 'L129',
    kind: 'literature',
    citation: 'Nogueira, R., & Cho, K. (2019). Passage re-ranking with BERT (arXiv:1901.04085) [Preprint]. arXiv.',
    url: 'https://arxiv.org/abs/1901.04085',
    note: 'A BERT cross-encoder re-ranking BM25 candidates topped MS MARCO, 27 % (relative) above the previous best MRR@10.',
  },
  {
    id: 'L130',
    kind: 'literature',
    citation: 'Anthropic. (n.d.). Pricing [Documentation]. Claude Developer Platform. Prices as read in December 2026.',
    url: 'https://platform.claude.com/docs/en/about-claude/pricing',
    note: 'Per-model prices for input, output, 5-minute and 1-hour cache writes and cache hits; Claude Opus 5 (legacy by December 2026) at $5, $25, $6.25 and $0.50 per million tokens, Claude Opus 5.5 at $4 and $20, 5-minute cache writes at $5 and cache hits at $0.20.',
  },
  {
    id: 'L131',
    kind: 'literature',
    citation:
      "Hsieh, C.-P., Sun, S., Kriman, S., Acharya, S., Rekesh, D., Jia, F., Zhang, Y., & Ginsburg, B. (2024). RULER: What's the real context size of your long-context language models? (arXiv:2404.06654) [Preprint]. arXiv.",
    url: 'https://arxiv.org/abs/2404.06654',
    note: 'Models near-perfect on needle-in-a-haystack drop sharply on multi-hop and aggregation tasks; only half of 17 models claiming 32K or more held up at 32K.',
  },
  {
    id: 'L264',
    kind: 'literature',
    citation:
      'Cao, H. (2025). Semantic adapter for universal text embeddings: Diagnosing and mitigating negation blindness to enhance universality (arXiv:2504.00584) [Preprint]. arXiv.',
    url: 'https://arxiv.org/abs/2504.00584',
    note: 'Universal text embedding models often score a sentence and its negation as semantically similar; re-weighting embedding dimensions, without retraining, makes them more negation-aware.',
  },
  {
    id: 'T115',
    kind: 'tool',
    name: 'Ragas',
    purpose: 'Open-source library that scores RAG pipelines with LLM-judged faithfulness, answer relevancy, context precision and context recall.',
    url: 'https://docs.ragas.io/',
  },
  {
    id: 'T116',
    kind: 'tool',
    name: 'OpenSearch score ranker processor',
    purpose: 'Search pipeline processor that fuses lexical and vector query results with reciprocal rank fusion; rank_constant defaults to 60.',
    url: 'https://docs.opensearch.org/docs/search-plugins/search-pipelines/score-ranker-processor',
  },
  {
    id: 'T117',
    kind: 'tool',
    name: 'Sentence Transformers (retrieve and re-rank)',
    purpose: 'Python library for bi-encoder embeddings and cross-encoder re-rankers; its guide retrieves about 100 candidates and re-ranks them.',
    url: 'https://sbert.net/examples/applications/retrieve_rerank',
  },
  {
    id: 'T118',
    kind: 'tool',
    name: 'Anthropic prompt caching',
    purpose: 'Caches a marked prompt prefix for reuse with a 5-minute default lifetime (1 hour optional); 5-minute writes cost 1.25x base input and reads 0.1x on most models.',
    url: 'https://platform.claude.com/docs/en/build-with-claude/prompt-caching',
  },
  {
    id: 'T119',
    kind: 'tool',
    name: 'RedisVL SemanticCache',
    purpose: 'Semantic LLM cache on Redis: a cosine distance threshold (default 0.1), optional TTL, and filterable fields to scope entries per user or tenant.',
    url: 'https://redis.io/docs/latest/develop/ai/redisvl/user_guide/llmcache',
  },
  {
    id: 'T120',
    kind: 'tool',
    name: 'Cloudflare AI Search similarity cache',
    purpose:
      'Serves answers to similar queries (matched by MinHash and locality-sensitive hashing) from cache, tied to the document chunks they used and cleared when those chunks change or are deleted; since June 2026 entries live for the instance cache_ttl, 48 hours by default.',
    url: 'https://developers.cloudflare.com/ai-search/configuration/retrieval/cache/',
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
  {
    id: 'G118',
    kind: 'glossary',
    term: 'Reciprocal rank fusion (RRF)',
    definition: 'Merging ranked lists by giving each document the sum over lists of 1 / (k + its rank), so scores on different scales never need normalising.',
  },
  {
    id: 'G119',
    kind: 'glossary',
    term: 'Cross-encoder re-ranker',
    definition: 'A model that reads the query and one candidate passage together and outputs a relevance score; accurate but one forward pass per candidate.',
  },
  {
    id: 'G120',
    kind: 'glossary',
    term: 'BM25',
    definition: 'A keyword ranking function that sums, over query terms, idf times a term frequency that saturates (k1) and is normalised by document length (b).',
  },
  {
    id: 'G121',
    kind: 'glossary',
    term: 'Prompt caching',
    definition:
      'A provider keeps the processed state of an identical prompt prefix for minutes (an hour on request), so later requests pay a reduced price and skip most of the prefill.',
  },
  {
    id: 'G122',
    kind: 'glossary',
    term: 'Prefill',
    definition: 'The forward pass over all prompt tokens before the first output token; its time grows with prompt length and sets the time to first token.',
  },
  {
    id: 'G123',
    kind: 'glossary',
    term: 'Semantic cache',
    definition: 'A cache that returns a stored answer when a new question embeds close enough to a cached one, instead of only on an identical question.',
  },
  {
    id: 'G124',
    kind: 'glossary',
    term: 'False cache hit',
    definition: 'A cache lookup that returns the stored answer of a different question, such as another order, a negation or another tenant; the user gets a wrong answer.',
  },
  {
    id: 'L140',
    kind: 'literature',
    citation: 'McCandless, M. (2015, January 30). Lucene’s handling of deleted documents [Blog post]. Elastic.',
    url: 'https://www.elastic.co/blog/lucenes-handling-of-deleted-documents',
    note: 'A delete only sets a bit that every search checks; the bytes and term statistics are reclaimed when segments merge.',
  },
  {
    id: 'L141',
    kind: 'literature',
    citation:
      'European Parliament and Council of the European Union. (2016). Regulation (EU) 2016/679 (General Data Protection Regulation), Article 17: Right to erasure (‘right to be forgotten’). Official Journal of the European Union, L 119.',
    url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
    note: 'Personal data must be erased without undue delay when a ground applies; a controller that made the data public must take reasonable steps to tell other controllers to erase links and copies.',
  },
  {
    id: 'T130',
    kind: 'tool',
    name: 'hnswlib',
    purpose: 'Header-only HNSW library; mark_deleted hides an element from searches and replace_deleted reuses its slot for a new one.',
    url: 'https://github.com/nmslib/hnswlib',
  },
  {
    id: 'T131',
    kind: 'tool',
    name: 'Debezium',
    purpose: 'Change data capture: reads a database’s transaction log and emits an event for each committed row-level change.',
    url: 'https://github.com/debezium/debezium',
  },
  {
    id: 'T132',
    kind: 'tool',
    name: 'Elasticsearch index aliases',
    purpose: 'A second name for one or more indices; one _aliases request removes and adds an alias atomically, for reindexing with no downtime.',
    url: 'https://elastic.co/guide/en/elasticsearch/reference/8.15/aliases.html',
  },
  {
    id: 'G125',
    kind: 'glossary',
    term: 'Tombstone',
    definition: 'A marker that records a deletion (an id and a version, no content) so readers skip the old entry and a late or replayed write cannot bring it back.',
  },
  {
    id: 'G126',
    kind: 'glossary',
    term: 'Change data capture (CDC)',
    definition: 'Turning a database’s committed inserts, updates and deletes into an ordered stream of events, usually read from its transaction log.',
  },
];
