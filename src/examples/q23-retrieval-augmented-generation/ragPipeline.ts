/**
 * Retrieval-augmented generation as an integration: chunk documents with
 * overlap, retrieve only what the user may read from the current version of
 * each document, and assemble a prompt that fits a token budget and keeps the
 * source ids needed for citations.
 */

export interface SourceDocument {
  id: string;
  version: number;
  uri: string;
  text: string;
  /** Copied from the source system's ACL at ingestion; an ACL change re-indexes the document. */
  allowedGroups: readonly string[];
}

export interface Chunk {
  id: string;
  docId: string;
  docVersion: number;
  uri: string;
  text: string;
  allowedGroups: readonly string[];
}

export type Tokenize = (text: string) => string[];
/** Stand-in tokenizer for the example; production uses the embedding model's tokenizer. */
export const whitespaceTokens: Tokenize = (text) => text.split(/\s+/).filter(Boolean);

export function chunkDocument(doc: SourceDocument, size: number, overlap: number, tokenize: Tokenize = whitespaceTokens): Chunk[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= size) {
    throw new RangeError(`overlap must be an integer in [0, size), got ${overlap}`); // overlap >= size never advances
  }
  const tokens = tokenize(doc.text);
  const chunks: Chunk[] = [];
  for (let start = 0; start < tokens.length; start += size - overlap) {
    const end = Math.min(start + size, tokens.length);
    const { id, version: docVersion, uri, allowedGroups } = doc;
    chunks.push({ id: `${id}@v${docVersion}#${chunks.length}`, docId: id, docVersion, uri, allowedGroups, text: tokens.slice(start, end).join(' ') });
    // Stop at the end: the naive loop emits one more chunk made only of the previous chunk's overlap.
    if (end === tokens.length) break;
  }
  return chunks;
}

export interface User {
  id: string;
  groups: readonly string[];
}

export type Scorer = (query: string, chunk: Chunk) => number;

/** Lexical stand-in for vector similarity: the share of query terms found in the chunk. */
export const termOverlapScore: Scorer = (query, chunk) => {
  const terms = new Set(whitespaceTokens(query.toLowerCase()));
  const words = new Set(whitespaceTokens(chunk.text.toLowerCase()));
  return terms.size === 0 ? 0 : [...terms].filter((t) => words.has(t)).length / terms.size;
};

export class ChunkIndex {
  /** Each document's indexed version and chunks; re-indexing swaps the entry as a whole. */
  private readonly docs = new Map<string, { version: number; chunks: Chunk[] }>();

  constructor(
    private readonly size = 512,
    private readonly overlap = 64,
  ) {}

  /**
   * Index a document by replacing all of its chunks. Appending instead would
   * leave chunks with a superseded ACL searchable, and a redelivered change
   * event (delivery is at least once) would duplicate them. An older version
   * that arrives late is ignored.
   */
  upsert(doc: SourceDocument): number {
    const indexed = this.docs.get(doc.id);
    if (indexed && (doc.version < indexed.version || (doc.version === indexed.version && indexed.chunks.length === 0))) return 0;
    const chunks = chunkDocument(doc, this.size, this.overlap);
    this.docs.set(doc.id, { version: doc.version, chunks });
    return chunks.length;
  }

  /**
   * A deleted source takes its chunks with it, so it disappears from answers at
   * once. The entry stays as a tombstone with the deleted version: a change event
   * for that version or an older one, redelivered late, must not bring it back.
   * A late delete of an older version than the one indexed changes nothing:
   * it must not remove the newer version or block its re-indexing.
   */
  remove(docId: string, version: number): void {
    const indexed = this.docs.get(docId);
    if (indexed && version < indexed.version) return;
    this.docs.set(docId, { version, chunks: [] });
  }

  /**
   * Filter first, then rank. Taking the top k and filtering afterwards returns
   * fewer than k chunks, or leaks restricted text if the filter is forgotten.
   */
  search(query: string, user: User, k: number, score: Scorer = termOverlapScore): Array<Chunk & { score: number }> {
    return [...this.docs.values()]
      .flatMap((d) => d.chunks)
      .filter((c) => c.allowedGroups.some((g) => user.groups.includes(g)))
      .map((c) => ({ ...c, score: score(query, c) }))
      .filter((c) => c.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, k);
  }
}

export interface Citation {
  label: string;
  chunkId: string;
  uri: string;
}

export interface AssembledPrompt {
  prompt: string;
  promptTokens: number;
  citations: Citation[];
  dropped: string[];
}

const INSTRUCTIONS = 'Answer only from the sources below. Cite every claim with its label, such as [S1]. If the sources do not contain the answer, say so.';

/**
 * Fill the context best-first until the budget is used: models use passages
 * at the start of a long prompt better than those in the middle.
 */
export function assemblePrompt(
  question: string,
  ranked: readonly Chunk[],
  opts: { budgetTokens: number; reservedForAnswer: number; countTokens?: (text: string) => number },
): AssembledPrompt {
  // NaN compares false with everything, so an undefined budget or a NaN count would let every chunk in.
  for (const name of ['budgetTokens', 'reservedForAnswer'] as const) {
    const n = opts[name];
    if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
  }
  if (!(opts.budgetTokens > opts.reservedForAnswer)) throw new RangeError(`budgetTokens (${opts.budgetTokens}) must exceed reservedForAnswer (${opts.reservedForAnswer})`);
  const countTokens = opts.countTokens ?? ((text: string) => whitespaceTokens(text).length);
  const count = (text: string): number => {
    const n = countTokens(text);
    if (!(Number.isFinite(n) && n >= 0)) throw new RangeError(`countTokens returned ${n}; it must return a finite, non-negative count`);
    return n;
  };
  const tail = `Question: ${question}`;
  let used = count(INSTRUCTIONS) + count(tail);
  const available = opts.budgetTokens - opts.reservedForAnswer;
  if (!(used <= available)) throw new RangeError(`instructions and question need ${used} tokens; only ${available} are available`);
  const blocks: string[] = [];
  const citations: Citation[] = [];
  const dropped: string[] = [];
  for (const chunk of ranked) {
    const label = `S${citations.length + 1}`;
    const block = `[${label}] (${chunk.uri})\n${chunk.text}`;
    const cost = count(block);
    // Skip, do not stop: a shorter, lower-ranked chunk may still fit.
    if (!(used + cost <= available)) {
      dropped.push(chunk.id);
      continue;
    }
    used += cost;
    blocks.push(block);
    citations.push({ label, chunkId: chunk.id, uri: chunk.uri });
  }
  return { prompt: [INSTRUCTIONS, ...blocks, tail].join('\n\n'), promptTokens: used, citations, dropped };
}

/** Map the labels an answer cites back to sources, and flag labels that were never provided. */
export function resolveCitations(answer: string, citations: readonly Citation[]): { cited: Citation[]; unknown: string[] } {
  const labels = [...new Set([...answer.matchAll(/\[(S\d+)\]/g)].map((m) => m[1]!))];
  const byLabel = new Map(citations.map((c) => [c.label, c]));
  return {
    cited: labels.flatMap((l) => byLabel.get(l) ?? []),
    unknown: labels.filter((l) => !byLabel.has(l)),
  };
}
