/**
 * What every page loads first (the runtime and main.js) carries no content:
 * no question's title or key insight, no reference of the catalog, no
 * calculator and no schema library. Each of those belongs to the pages that
 * show it (see src/content/derive.ts and the handbook-content plugin), and a
 * change that puts one back into the entry would make every page heavier.
 * Nor does the stylesheet every page loads carry a font: fonts are files,
 * fetched by the pages that draw their glyphs (src/plugins/fonts-as-files).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceCatalog } from '../../src/content/references';
import { entryScripts, entryStylesheets, fileForUrl } from '../lib/pageWeight';
import { siteContent } from './builtSite';
import { assertBuilt, BUILD_DIR, builtPagesHtml, PROJECT_ROOT } from './buildOutput';

const content = siteContent();
let entry: { file: string; text: string }[];

beforeAll(() => {
  assertBuilt();
  const urls = entryScripts(builtPagesHtml());
  entry = urls.map((url) => {
    const file = fileForUrl(BUILD_DIR, url);
    return { file: path.basename(file), text: readFileSync(file, 'utf8') };
  });
});

/**
 * A run of plain words from `text` long enough to be unique to it, as the
 * bundle would hold it (letters, digits, spaces and simple punctuation survive
 * minification and JSON escaping unchanged).
 */
function fingerprint(text: string, length = 28): string | undefined {
  const runs = text.match(/[A-Za-z0-9 ,.;()-]+/g) ?? [];
  const longest = runs.reduce((a, b) => (b.trim().length > a.trim().length ? b : a), '').trim();
  return longest.length >= length ? longest.slice(0, 60) : undefined;
}

function foundIn(needle: string): string[] {
  return entry.filter((e) => e.text.includes(needle)).map((e) => e.file);
}

/** Every script of the build: a needle that none of them holds would prove nothing. */
let allScripts = '';
function inSomeScript(needle: string): boolean {
  if (!allScripts) {
    const dir = path.join(BUILD_DIR, 'assets/js');
    allScripts = readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
  }
  return allScripts.includes(needle);
}

/** String literals of a component's own source: its labels, messages and units. */
function stringLiterals(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isJsxText(node)) && node.text.trim().length >= 20) found.push(node.text.trim());
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.flatMap((s) => fingerprint(s, 20) ?? []);
}

describe('the entry scripts every page loads', () => {
  it('are the runtime and main.js', () => {
    expect(entry.map((e) => e.file.replace(/\.[0-9a-f]+\.js$/, ''))).toEqual(['runtime~main', 'main']);
  });

  it('hold no question title or key insight', () => {
    expect(content.questions.length).toBeGreaterThan(50);
    for (const q of content.questions) {
      for (const text of [q.frontMatter.title, q.frontMatter.keyInsight]) {
        const needle = fingerprint(text);
        if (!needle) continue;
        expect(inSomeScript(needle), `"${needle}" is in the build, in ${q.permalink}'s own data`).toBe(true);
        expect(foundIn(needle), `"${needle}" (${q.permalink})`).toEqual([]);
      }
    }
  });

  it('hold no entry of the reference catalog', () => {
    let checked = 0;
    for (const entryOfCatalog of referenceCatalog) {
      const text = entryOfCatalog.kind === 'glossary' ? entryOfCatalog.definition : entryOfCatalog.kind === 'tool' ? entryOfCatalog.purpose : entryOfCatalog.citation;
      const needle = fingerprint(text);
      if (!needle) continue;
      checked++;
      expect(inSomeScript(needle), `[${entryOfCatalog.id}] "${needle}" is in the build, on the References page`).toBe(true);
      expect(foundIn(needle), `[${entryOfCatalog.id}] "${needle}"`).toEqual([]);
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('hold no calculator', () => {
    const dir = path.join(PROJECT_ROOT, 'src/components');
    const calculators = readdirSync(dir).filter((name) => /Calculator$/.test(name));
    expect(calculators.length).toBeGreaterThanOrEqual(5);
    for (const name of calculators) {
      const literals = stringLiterals(path.join(dir, name, 'index.tsx'));
      expect(literals.length, `${name} has labels to look for`).toBeGreaterThan(0);
      for (const literal of literals) {
        expect(inSomeScript(literal), `${name}: "${literal}" is in the build, in its page's chunk`).toBe(true);
        expect(foundIn(literal), `${name}: "${literal}"`).toEqual([]);
      }
    }
  });

  it('hold no schema library (zod checks data in the build, and on the Practice page only)', () => {
    for (const marker of ['$ZodType', 'unrecognized_keys']) {
      expect(inSomeScript(marker), `${marker} is in the Practice page's chunk`).toBe(true);
      expect(foundIn(marker), marker).toEqual([]);
    }
  });
});

describe('the stylesheet every page loads', () => {
  let stylesheets: { file: string; text: string }[];
  beforeAll(() => {
    stylesheets = entryStylesheets(builtPagesHtml()).map((url) => {
      const file = fileForUrl(BUILD_DIR, url);
      return { file, text: readFileSync(file, 'utf8') };
    });
  });

  it('is one file', () => {
    expect(stylesheets.map((s) => path.basename(s.file).replace(/\.[0-9a-f]+\.css$/, ''))).toEqual(['styles']);
  });

  it("carries no font: each of its @font-face rules (KaTeX's twenty among them) names font files of the build", () => {
    const faces = stylesheets.flatMap((s) => (s.text.match(/@font-face\s*\{[^}]*\}/g) ?? []).map((face) => ({ face, from: s.file })));
    expect(faces.filter(({ face }) => face.includes('KaTeX_')).length, "KaTeX's fonts are declared").toBeGreaterThanOrEqual(20);
    for (const { face, from } of faces) {
      const family = /font-family:\s*([^;]+)/.exec(face)?.[1];
      const urls = [...face.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)].map((m) => m[2]!);
      expect(urls.length, `${family} has a source`).toBeGreaterThan(0);
      for (const url of urls) {
        expect(url.startsWith('data:'), `${family} is inlined into the stylesheet (${url.slice(0, 30)}…)`).toBe(false);
        // An address from the site's root (the build's base URL is /), or relative to the stylesheet.
        const file = url.startsWith('/') ? path.join(BUILD_DIR, url) : path.resolve(path.dirname(from), url);
        expect(existsSync(file), `${family}: ${url} is a file of the build`).toBe(true);
      }
    }
  });
});
