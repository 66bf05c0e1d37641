/**
 * Structure-aware chunking with overlap, a small BM25 and reciprocal rank fusion
 * (RRF) of two ranked lists. Chunks never cross a heading, carry their heading
 * path, and overlap by a fixed number of words inside a section.
 */
export interface Chunk {
  readonly id: string;
  readonly headingPath: readonly string[];
  readonly text: string;
}

export interface ChunkOptions {
  readonly maxWords: number;
  readonly overlapWords: number;
}

export function chunkMarkdown(docId: string, markdown: string, { maxWords, overlapWords }: ChunkOptions): Chunk[] {
  if (!Number.isInteger(maxWords) || maxWords < 1) throw new RangeError(`maxWords must be a positive integer, got ${maxWords}`);
  if (!Number.isInteger(overlapWords) || overlapWords < 0 || overlapWords >= maxWords) {
    throw new RangeError(`overlapWords must be an integer from 0 to maxWords - 1, got ${overlapWords}`);
  }
  const chunks: Chunk[] = [];
  const path: string[] = [];
  let words: string[] = [];
  const flush = () => {
    const step = maxWords - overlapWords;
    // Stop once a window reaches the end, so the last chunk is never a suffix of the one before.
    for (let start = 0; start < words.length; start += step) {
      chunks.push({ id: `${docId}#${chunks.length}`, headingPath: [...path], text: words.slice(start, start + maxWords).join(' ') });
      if (start + maxWords >= words.length) break;
    }
    words = [];
  };
  let inCodeFence = false;
  for (const line of markdown.split('\n')) {
    // A "# comment" inside a fenced code block is code, not a heading.
    if (/^(```|~~~)/.test(line.trim())) inCodeFence = !inCodeFence;
    const heading = inCodeFence ? null : /^(#{1,6})\s+(.+)$/.exec(line.trim());
    if (heading) {
      flush();
      path.splice(heading[1]!.length - 1); // a level-2 heading replaces everything from level 2 down
      path.push(heading[2]!.trim());
    } else {
      words.push(...line.split(/\s+/).filter(Boolean));
    }
  }
  flush();
  return chunks;
}

/** What to index for a chunk: its heading path and its text, so a section title's words find its body. */
export const searchableText = (chunk: Chunk): string => [...chunk.headingPath, chunk.text].join(' ');

const tokenize = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

export interface Scored {
  readonly id: string;
  readonly score: number;
}

const byScoreThenId = (a: Scored, b: Scored): number => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Okapi BM25 with the idf variant ln(1 + (N - n + 0.5) / (n + 0.5)), which never goes negative
 * for a term that appears in more than half of the documents.
 * Returns only documents that share a term with the query, best first.
 */
export function bm25(docs: readonly { id: string; text: string }[], query: string, k1 = 1.2, b = 0.75): Scored[] {
  if (!(k1 >= 0)) throw new RangeError(`k1 must be >= 0, got ${k1}`);
  if (!(b >= 0 && b <= 1)) throw new RangeError(`b must be between 0 and 1, got ${b}`);
  const tokens = docs.map((d) => tokenize(d.text));
  const avgLength = tokens.reduce((sum, t) => sum + t.length, 0) / Math.max(docs.length, 1);
  const terms = [...new Set(tokenize(query))];
  const idf = new Map(
    terms.map((term) => {
      const n = tokens.filter((t) => t.includes(term)).length;
      return [term, Math.log(1 + (docs.length - n + 0.5) / (n + 0.5))];
    }),
  );
  return docs
    .map((doc, i) => {
      const t = tokens[i]!;
      const score = terms.reduce((sum, term) => {
        const tf = t.filter((x) => x === term).length;
        return sum + (idf.get(term)! * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * t.length) / avgLength));
      }, 0);
      return { id: doc.id, score };
    })
    .filter((s) => s.score > 0)
    .sort(byScoreThenId);
}

/**
 * Reciprocal rank fusion (Cormack, Clarke and Buettcher, 2009): each list adds 1 / (k + rank)
 * for every document it holds, rank counted from 1. Scores are never compared across lists,
 * so BM25 scores and cosine similarities need no normalisation.
 */
export function reciprocalRankFusion(lists: readonly (readonly string[])[], k = 60): Scored[] {
  if (!(k >= 0 && Number.isFinite(k))) throw new RangeError(`k must be a finite number >= 0, got ${k}`);
  const scores = new Map<string, number>();
  lists.forEach((list, l) => {
    if (new Set(list).size !== list.length) throw new RangeError(`lists[${l}] contains a duplicate id`);
    list.forEach((id, i) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + i + 1)));
  });
  return [...scores].map(([id, score]) => ({ id, score })).sort(byScoreThenId);
}
