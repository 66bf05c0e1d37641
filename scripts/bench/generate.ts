/**
 * A large content root for the validator's benchmark: the real docs/ plus
 * copies of the real question pages until there are `questions` of them, so
 * the validator meets pages of the real size and shape.
 *
 * A copy keeps its page's track, topic and number (the file name must agree
 * with them, and a track numbers its questions 1-99 with two-digit ids), so
 * the only problems in such a root are the collection rules that copying
 * implies: repeated ids and numbers, too many questions of a difficulty in a
 * topic, and a tag of one real question, now shared with its copy, that has
 * no label (a shared tag gets a tag page). EXPECTED_RULES names them; anything
 * else is a real finding.
 *
 * No copy is byte for byte its original: each carries a comment line of its
 * own after the frontmatter and in each Mermaid diagram, so a validator that
 * keeps results by content hash still parses every copy and every diagram,
 * and the benchmark measures that work. (Formulas are left as they are: a
 * copy's formulas repeat its original's, so their KaTeX verdicts are reused.)
 */
import { cpSync, mkdirSync, readdirSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const EXPECTED_RULES = ['duplicate-questionId', 'duplicate-number', 'difficulty-distribution', 'tag-unlabelled'] as const;

const QUESTION_FILE = /^q\d{2}-[a-z0-9-]+\.mdx$/;

function questionFiles(docsDir: string, rel = ''): string[] {
  return readdirSync(path.join(docsDir, rel), { withFileTypes: true })
    .flatMap((entry) => {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return questionFiles(docsDir, child);
      return QUESTION_FILE.test(entry.name) ? [child] : [];
    })
    .sort();
}

/**
 * The page with a comment naming the copy after its frontmatter and as the
 * first line of each diagram (Mermaid drops "%%" lines before it reads the
 * diagram's type), and otherwise unchanged.
 */
export function markCopy(text: string, name: string): string {
  const frontMatterEnd = text.indexOf('\n---\n', 4) + '\n---\n'.length;
  const marked = `${text.slice(0, frontMatterEnd)}\n{/* benchmark copy ${name} */}\n${text.slice(frontMatterEnd)}`;
  return marked.replace(/^```mermaid\n/gm, (fence) => `${fence}%% benchmark copy ${name}\n`);
}

export interface GeneratedRoot {
  rootDir: string;
  /** Question pages in the root, the real ones included. */
  questions: number;
  /** Real question pages the copies were made from. */
  originals: number;
}

/**
 * Writes `<rootDir>/docs` (the project's docs/ and the copies) and links
 * `<rootDir>/src` to the project's src/, where the pages' examples live.
 * Never writes inside the project.
 */
export function generateContentRoot(projectRoot: string, rootDir: string, questions: number): GeneratedRoot {
  const docsDir = path.join(projectRoot, 'docs');
  const originals = questionFiles(docsDir);
  if (questions < originals.length) throw new Error(`asked for ${questions} questions, but the real content alone has ${originals.length}`);
  mkdirSync(rootDir, { recursive: true });
  cpSync(docsDir, path.join(rootDir, 'docs'), { recursive: true });
  // A junction on Windows needs no special rights; elsewhere the type is ignored.
  symlinkSync(path.join(projectRoot, 'src'), path.join(rootDir, 'src'), 'junction');
  for (let i = 0; i < questions - originals.length; i++) {
    const original = originals[i % originals.length]!;
    const copy = Math.floor(i / originals.length) + 1;
    const target = original.replace(/\.mdx$/, `-copy-${copy}.mdx`);
    writeFileSync(path.join(rootDir, 'docs', target), markCopy(readFileSync(path.join(docsDir, original), 'utf8'), `${copy} of ${original}`));
  }
  return { rootDir, questions, originals: originals.length };
}

/** Counts the problems `npm run validate` printed, by rule (the `[rule]` that ends each line). */
export function problemsByRule(output: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of output.split('\n')) {
    const rule = /^\S.*:\d+: .* \[([\w-]+)\]$/.exec(line.trim())?.[1];
    if (rule) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  }
  return counts;
}
