/**
 * A tiny module system for running an example in the browser: the files of
 * one example folder, addressed by their repository paths
 * (src/examples/q07-circuit-breaker/circuitBreaker.ts), linked through
 * relative imports only. Examples import nothing from npm by rule, so this is
 * all the linking they need.
 */

/** Files by repository path. */
export type SourceMap = Readonly<Record<string, string>>;

/** Most files one run may pull in: an example folder holds a handful. */
export const MAX_FILES = 20;

export function dirname(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '' : file.slice(0, slash);
}

/** Join a relative specifier onto a folder, resolving "." and ".." segments. */
export function joinPath(dir: string, relative: string): string {
  const parts = dir === '' ? [] : dir.split('/');
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') parts.pop();
    else parts.push(segment);
  }
  return parts.join('/');
}

export function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../');
}

/**
 * Paths a relative specifier may name, in the order TypeScript's bundler
 * resolution tries them: "./x" is x.ts or x/index.ts, "./x.js" is x.ts.
 */
export function candidatePaths(from: string, specifier: string): string[] {
  const base = joinPath(dirname(from), specifier);
  if (base.endsWith('.ts')) return [base];
  if (base.endsWith('.js')) return [`${base.slice(0, -3)}.ts`, base];
  return [`${base}.ts`, `${base}/index.ts`];
}

export function resolveImport(from: string, specifier: string, files: Readonly<Record<string, unknown>>): string | undefined {
  if (!isRelative(specifier)) return undefined;
  return candidatePaths(from, specifier).find((candidate) => Object.prototype.hasOwnProperty.call(files, candidate));
}

const FROM_IMPORT = /^\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"\n]+)['"]/gm;
const BARE_IMPORT = /^\s*import\s*['"]([^'"\n]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g;

/** Specifiers a module imports or re-exports from; type-only imports included (loading them is harmless). */
export function importSpecifiers(source: string): string[] {
  const found = new Set<string>();
  for (const pattern of [FROM_IMPORT, BARE_IMPORT, DYNAMIC_IMPORT]) {
    for (const match of source.matchAll(pattern)) if (match[1]) found.add(match[1]);
  }
  return [...found];
}

/**
 * The entry files plus every sibling module they import, transitively. The
 * entries are the reader's (possibly edited) text; siblings come from `load`,
 * which answers undefined for a path that does not exist. A specifier that
 * names no file is left for require() to report when the code runs.
 */
export async function collectSources(entries: SourceMap, load: (file: string) => Promise<string | undefined>): Promise<Record<string, string>> {
  const files: Record<string, string> = { ...entries };
  const pending = Object.keys(entries);
  const tried = new Set<string>();
  while (pending.length > 0) {
    const file = pending.shift()!;
    for (const specifier of importSpecifiers(files[file] ?? '')) {
      if (!isRelative(specifier) || resolveImport(file, specifier, files)) continue;
      for (const candidate of candidatePaths(file, specifier)) {
        if (tried.has(candidate)) continue;
        tried.add(candidate);
        const text = await load(candidate);
        if (text === undefined) continue;
        if (Object.keys(files).length >= MAX_FILES) throw new Error(`the example imports more than ${MAX_FILES} files`);
        files[candidate] = text;
        pending.push(candidate);
        break;
      }
    }
  }
  return files;
}

/** A compiled CommonJS module body, turned into a function by the caller (eval in the worker). */
export type ModuleFunction = (exports: Record<string, unknown>, require: (specifier: string) => unknown, module: { exports: Record<string, unknown> }) => void;

/**
 * Load `entry` and what it requires from already-compiled modules. Each module
 * runs once; a cycle sees the partly filled exports, as in Node.
 */
export function requireModule(entry: string, modules: Readonly<Record<string, ModuleFunction>>): Record<string, unknown> {
  const cache = new Map<string, { exports: Record<string, unknown> }>();
  const load = (file: string): Record<string, unknown> => {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    const run = modules[file];
    if (!run) throw new Error(`Cannot find module ${file}`);
    const module = { exports: {} as Record<string, unknown> };
    cache.set(file, module);
    const require = (specifier: string): unknown => {
      if (!isRelative(specifier)) {
        throw new Error(`Cannot import "${specifier}" in the browser: an example may only import files from its own folder (./name).`);
      }
      const target = resolveImport(file, specifier, modules);
      if (!target) throw new Error(`Cannot find "${specifier}" imported by ${file.split('/').pop()}: no such file in ${dirname(file)}.`);
      return load(target);
    };
    run(module.exports, require, module);
    return module.exports;
  };
  return load(entry);
}
