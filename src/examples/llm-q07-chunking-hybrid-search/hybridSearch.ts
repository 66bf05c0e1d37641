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
  // Open headings, outermost first; a new heading closes every open one at its level or deeper.
  const path: { level: number; title: string }[] = [];
  let words: string[] = [];
  const flush = () => {
    const step = maxWords - overlapWords;
    // Stop once a window reaches the end, so the last chunk is never a suffix of the one before.
    for (let start = 0; start < words.length; start += step) {
      chunks.push({ id: `${docId}#${chunks.length}`, headingPath: path.map((h) => h.title).filter(Boolean), text: words.slice(start, start + maxWords).join(' ') });
      if (start + maxWords >= words.length) break;
    }
    words = [];
  };
  // A "# comment" inside a fenced code block is code, not a heading. As in CommonMark, a fence opens with
  // 3 or more backticks or tildes and closes only with the same character, at least as many, and nothing after.
  let fence: { char: string; length: number } | null = null;
  for (const line of markdown.split(/\r?\n/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (marker) {
      const [, run = '', rest = ''] = marker;
      if (fence === null) {
        if (!(run[0] === '`' && rest.includes('`'))) fence = { char: run[0]!, length: run.length };
      } else if (run[0] === fence.char && run.length >= fence.length && rest.trim() === '') {
        fence = null;
      }
    }
    // At most 3 spaces before the #: a line indented by 4 is indented code. As in CommonMark, a closing
    // run of #s after a space is dropped ("## Title ##" is "Title", "# C#" stays "C#"), and a bare "#"
    // is an empty heading: it ends the section above and adds no title to the path.
    const heading = fence ? null : /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/.exec(line);
    if (heading) {
      flush();
      const level = heading[1]!.length;
      while (path.length > 0 && path[path.length - 1]!.level >= level) path.pop();
      path.push({ level, title: (heading[2] ?? '').replace(/(?:^|[ \t]+)#+$/, '') });
    } else {
      words.push(...line.split(/\s+/).filter(Boolean));
    }
  }
  flush();
  return chunks;
}

/** What to index for a chunk: its heading path and its text, so a section title's words find its body. */
export const searchableText = (chunk: Chunk): string => [...chunk.headingPath, chunk.text].join(' ');

/**
 * Lower-cased runs of Unicode letters and digits, so "résumé" is one word. Hyphenated words without a
 * digit split ("sign-on" is "sign" and "on"). A code with a digit is written joined ("E-1234" and
 * "E1234" are both "e1234"); a document also indexes its parts, so the query "covid" finds COVID-19,
 * while a query keeps only the joined code, so E-1234 never matches E-1235 through "e".
 * Limit: Chinese or Japanese written without spaces needs a word segmenter; here an unbroken run of
 * such characters is a single token.
 */
const WORD = /[\p{L}\p{M}\p{N}]+(?:[-_][\p{L}\p{M}\p{N}]+)*/gu;
const tokenize = (text: string, side: 'document' | 'query'): string[] =>
  (text.normalize('NFKC').toLowerCase().match(WORD) ?? []).flatMap((word) => {
    const parts = word.split(/[-_]/);
    if (parts.length === 1 || !/\p{N}/u.test(word)) return parts;
    return side === 'document' ? [parts.join(''), ...parts] : [parts.join('')];
  });

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
  if (!(k1 >= 0 && Number.isFinite(k1))) throw new RangeError(`k1 must be a finite number >= 0, got ${k1}`);
  if (!(b >= 0 && b <= 1)) throw new RangeError(`b must be between 0 and 1, got ${b}`);
  const tokens = docs.map((d) => tokenize(d.text, 'document'));
  const avgLength = tokens.reduce((sum, t) => sum + t.length, 0) / Math.max(docs.length, 1);
  const terms = [...new Set(tokenize(query, 'query'))];
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
        // An absent term adds nothing; skipping it also avoids 0 / 0 when k1 = 0.
        if (tf === 0) return sum;
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
