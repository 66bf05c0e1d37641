/**
 * Reads content files without ever writing to them: frontmatter (gray-matter),
 * the line of each frontmatter key, and the MDX tree with positions.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { isoDay } from '../../src/content/review';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { problem, type ParsedPage, type Problem } from './types';

// Listing pages and naming their URLs needs no parser; they live in ./files so that a run which parses nothing loads none of this.
export { listContentFiles, permalinkFor, toPosix } from './files';

/** The same Markdown dialect the site uses (see docusaurus.config.ts). */
export const REMARK_MATH_OPTIONS = { singleDollarTextMath: false } as const;

const mdxParser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkMath, REMARK_MATH_OPTIONS).use(remarkFrontmatter, ['yaml']);

function frontMatterKeyLines(source: string): Map<string, number> {
  const lines = source.split('\n');
  const keyLines = new Map<string, number>();
  if (lines[0]?.trim() !== '---') return keyLines;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '---') break;
    const match = /^([A-Za-z_][\w-]*)\s*:/.exec(line);
    if (match?.[1]) keyLines.set(match[1], i + 1);
  }
  return keyLines;
}

interface YamlErrorLike {
  mark?: { line?: number };
  reason?: string;
  message?: string;
}

/** Parse one file's text. Problems are returned, never thrown. */
export function parsePage(file: string, source: string): { page: ParsedPage; problems: Problem[] } {
  const problems: Problem[] = [];
  let data: Record<string, unknown> | null = null;
  try {
    // Passing options turns off gray-matter's cache, which would hide a fixed file's new text.
    const raw = matter(source, {}).data as Record<string, unknown>;
    // YAML turns an unquoted 2026-12-03 into a Date; as "YYYY-MM-DD" the page's record stays plain data that can be kept on disk.
    data = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, isoDay(value)]));
  } catch (error) {
    const yamlError = error as YamlErrorLike;
    const line = yamlError.mark?.line !== undefined ? yamlError.mark.line + 1 : 1; // mark.line counts from the line after the opening ---, 0-based
    problems.push(
      problem(
        file,
        line,
        'frontmatter-yaml',
        `frontmatter is not valid YAML (${yamlError.reason ?? yamlError.message ?? 'parse error'})`,
        'check indentation, and quote values that contain ": " or start with a special character',
      ),
    );
  }

  let tree: Root | null = null;
  try {
    tree = mdxParser.parse(source) as Root;
  } catch (error) {
    const err = error as { line?: number; reason?: string; message?: string };
    problems.push(
      problem(
        file,
        err.line ?? 1,
        'mdx-syntax',
        `the page is not valid MDX (${err.reason ?? err.message ?? 'parse error'})`,
        'close every JSX tag, escape a literal "<" or "{" in prose as "&lt;" or "\\{"',
      ),
    );
  }
  return { page: { file, source, data, keyLines: frontMatterKeyLines(source), tree }, problems };
}

export async function readPage(rootDir: string, file: string): Promise<{ page: ParsedPage; problems: Problem[] }> {
  const source = await readFile(path.join(rootDir, file), 'utf8');
  return parsePage(file, source);
}
