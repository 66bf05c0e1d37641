/**
 * Where the installed Mermaid loads the code of each diagram kind and each
 * layout from, read from its own registrations: in dist/mermaid.core.mjs one
 * detector per kind (`var id9 = "pie"; … import("./chunks/mermaid.core/pieDiagram-….mjs")`),
 * and in one of its shared chunks the layouts (`name: "cose-bilkent", loader: … import("./cose-bilkent-….mjs")`).
 * The file names carry a hash that changes with every Mermaid release, so
 * they are read here, never written down.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { escapeRegExp } from '../../lib/escapeRegExp';

export interface MermaidChunks {
  /** Each kind's id (as Mermaid's detector names it) → the file its loader imports, relative to dist/. */
  kinds: Map<string, string>;
  /** Each layout's name → the file its loader imports, relative to dist/. */
  layouts: Map<string, string>;
}

/** The kinds registered in Mermaid's entry, dist/mermaid.core.mjs, and the chunk each one's loader imports. */
export function kindChunks(entrySource: string): Map<string, string> {
  const kinds = new Map<string, string>();
  const detectors = [...entrySource.matchAll(/^var id\d* = "([^"]+)";$/gm)];
  detectors.forEach((detector, i) => {
    // A detector's loader follows it, before the next detector.
    const own = entrySource.slice(detector.index, detectors[i + 1]?.index ?? entrySource.length);
    const loaded = /import\("\.\/(chunks\/mermaid\.core\/[^"]+\.mjs)"\)/.exec(own);
    if (loaded) kinds.set(detector[1]!, loaded[1]!);
  });
  return kinds;
}

/** The layouts registered in one of Mermaid's chunks (its `registerDefaultLayoutLoaders`), relative to that chunk's folder. */
export function layoutChunks(chunkSource: string): Map<string, string> {
  const layouts = new Map<string, string>();
  for (const [, name, file] of chunkSource.matchAll(/name: "([^"]+)",\s*loader: [^\n]*?import\("\.\/([^"]+\.mjs)"\)/g)) layouts.set(name!, file!);
  return layouts;
}

/** Reads both from Mermaid's dist/ folder. */
export function readMermaidChunks(distDir: string): MermaidChunks {
  const kinds = kindChunks(readFileSync(path.join(distDir, 'mermaid.core.mjs'), 'utf8'));
  const chunkDir = 'chunks/mermaid.core';
  let layouts = new Map<string, string>();
  for (const name of existsSync(path.join(distDir, chunkDir)) ? readdirSync(path.join(distDir, chunkDir)).sort() : []) {
    if (!name.startsWith('chunk-')) continue;
    const source = readFileSync(path.join(distDir, chunkDir, name), 'utf8');
    if (!source.includes('registerDefaultLayoutLoaders')) continue;
    layouts = new Map([...layoutChunks(source)].map(([layout, file]) => [layout, `${chunkDir}/${file}`]));
    break;
  }
  return { kinds, layouts };
}

/**
 * The files (relative to dist/) that only kinds and layouts outside `keep`
 * load, so the bundle can leave them out. Throws, naming what is missing,
 * when a kept kind or layout has no file: then Mermaid has changed how it
 * registers them and nothing can be left out safely.
 */
export function leftOutChunks(chunks: MermaidChunks, keep: { kinds: readonly string[]; layouts: readonly string[] }): string[] {
  const missing = [
    ...keep.kinds.filter((k) => !chunks.kinds.has(k)).map((k) => `diagram kind "${k}"`),
    ...keep.layouts.filter((l) => !chunks.layouts.has(l)).map((l) => `layout "${l}"`),
  ];
  if (missing.length > 0) throw new Error(`found no loader for the ${missing.join(', ')}`);
  const kept = new Set([...keep.kinds.map((k) => chunks.kinds.get(k)), ...keep.layouts.map((l) => chunks.layouts.get(l))]);
  return [...new Set([...chunks.kinds.values(), ...chunks.layouts.values()])].filter((file) => !kept.has(file)).sort();
}

/** Matches the resolved path of any of `files` (relative to Mermaid's dist/), with either path separator. */
export function chunkPattern(files: readonly string[]): RegExp {
  const sep = '[\\\\/]';
  const alternatives = files.map((f) => escapeRegExp(f).replace(/\//g, sep));
  return new RegExp(`${sep}mermaid${sep}dist${sep}(?:${alternatives.join('|')})$`);
}
