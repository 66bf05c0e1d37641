/**
 * Every direct dependency earns its place: CONTRIBUTING.md says what each one
 * does, under the heading it is installed under, and whatever `npm run build`
 * loads (the Docusaurus config, the site's code, the pages' imports and the
 * PDF script) is a runtime dependency, so `npm install --omit=dev` is enough
 * to build the site and `npm audit --omit=dev` covers all of it.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './validate/index';

interface PackageJson {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as PackageJson;
const SECTION = 'Dependencies and why';

/** Rows of CONTRIBUTING.md's dependency table: package -> the package.json field it names. */
function documentedDependencies(): Map<string, string> {
  const text = readFileSync(path.join(PROJECT_ROOT, 'CONTRIBUTING.md'), 'utf8');
  const start = text.indexOf(`## ${SECTION}`);
  if (start < 0) throw new Error(`CONTRIBUTING.md has no "## ${SECTION}" section`);
  const rest = text.slice(start + 3);
  const section = rest.slice(0, rest.search(/^## /m) >= 0 ? rest.search(/^## /m) : undefined);
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | `package` | dependencies | what it does |
    const name = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
    if (name && cells[3]) rows.set(name, cells[2] ?? '');
  }
  return rows;
}

function listFiles(dir: string, keep: (file: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter(keep);
}

/** Module specifiers a file loads at run time: type-only imports are left out, as the compiler erases them. */
function runtimeSpecifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.mdx')) return [...text.matchAll(/^import\s[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression.getText(source);
      // import('x'), require('x'), require.resolve('x') and the bundler's require.context('x')
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword || /^require(\.resolve|\.context)?$/.test(callee)) found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const BUILTINS = new Set(builtinModules);
const ALIASES = /^(@theme|@theme-original|@theme-init|@generated)\//;

/** A file of the repository, or a package name, or nothing (a built-in or a Docusaurus alias). */
function resolve(specifier: string, from: string): { file?: string; pkg?: string }[] {
  const parts = specifier.split('!').filter(Boolean);
  // "!!raw-loader!@site/src/x.ts": the loader is a package, the rest is the file it loads.
  const loaders = parts.slice(0, -1).map((loader) => ({ pkg: loader }));
  const target = parts.at(-1) ?? '';
  if (target.startsWith('node:') || BUILTINS.has(target) || ALIASES.test(target)) return loaders;
  if (target.startsWith('.') || target.startsWith('@site/')) {
    const base = target.startsWith('@site/') ? path.join(PROJECT_ROOT, target.slice(6)) : path.resolve(path.dirname(from), target);
    const file = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext).find((f) => existsSync(f) && statSync(f).isFile());
    return [...loaders, ...(file && /\.(ts|tsx|mdx)$/.test(file) ? [{ file }] : [])];
  }
  const segments = target.split('/');
  const name = target.startsWith('@') ? segments.slice(0, 2).join('/') : segments[0]!;
  // "@docusaurus/Link", "@docusaurus/useBaseUrl"…: client modules that @docusaurus/core provides.
  if (name.startsWith('@docusaurus/') && !existsSync(path.join(PROJECT_ROOT, 'node_modules', name, 'package.json'))) return [...loaders, { pkg: '@docusaurus/core' }];
  return [...loaders, { pkg: name }];
}

/**
 * The commands a package.json script runs, each as its words: another script it runs (`npm run <name>`) by
 * that script's commands, and `cross-env VAR=value command` as cross-env and then the command.
 */
function commandsOf(script: string): string[][] {
  return script.split('&&').flatMap((command) => {
    const words = command.trim().split(/\s+/);
    if (words[0] === 'npm' && words[1] === 'run') {
      const named = pkg.scripts[words[2]!];
      if (named === undefined) throw new Error(`"${command.trim()}" runs a script package.json does not have`);
      return commandsOf(named);
    }
    if (words[0] === 'cross-env') {
      const start = words.findIndex((word, i) => i > 0 && !/^\w+=/.test(word));
      return [['cross-env'], ...(start > 0 ? commandsOf(words.slice(start).join(' ')) : [])];
    }
    return [words];
  });
}

/** The packages `npm run build` loads: imports reachable from the config, the site's code, the pages and the scripts it runs. */
function buildPackages(): Map<string, string> {
  const isCode = (f: string): boolean => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f);
  const entries = [
    path.join(PROJECT_ROOT, 'docusaurus.config.ts'),
    path.join(PROJECT_ROOT, 'sidebars.ts'),
    ...listFiles(path.join(PROJECT_ROOT, 'src'), isCode),
    ...listFiles(path.join(PROJECT_ROOT, 'docs'), (f) => f.endsWith('.mdx')),
  ];
  const packages = new Map<string, string>();
  // The commands of the build script: `cross-env`, `node … @docusaurus/core/bin/docusaurus.mjs build`, `tsx scripts/pdf.ts`.
  for (const [bin, ...args] of commandsOf(pkg.scripts.build!)) {
    // `node <flags> <script>` runs a package's script by its path; any other command is a package's bin.
    const script = bin === 'node' ? args.find((arg) => !arg.startsWith('-')) : undefined;
    if (bin === 'node' && !script) throw new Error(`"node ${args.join(' ')}" in the build script runs no file`);
    const binPath = script ? path.join(PROJECT_ROOT, script) : path.join(PROJECT_ROOT, 'node_modules/.bin', bin!);
    const real = path.relative(path.join(PROJECT_ROOT, 'node_modules'), realpathSync(binPath)).split(path.sep);
    packages.set(real[0]!.startsWith('@') ? `${real[0]}/${real[1]}` : real[0]!, `the build script's "${[bin, ...args].join(' ')}"`);
    for (const arg of args) if (/\.(ts|tsx)$/.test(arg)) entries.push(path.join(PROJECT_ROOT, arg));
  }
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of runtimeSpecifiers(file)) {
      for (const target of resolve(specifier, file)) {
        if (target.file) queue.push(target.file);
        if (target.pkg && !packages.has(target.pkg)) packages.set(target.pkg, path.relative(PROJECT_ROOT, file));
      }
    }
  }
  return packages;
}

describe('dependencies', () => {
  it(`are each explained in CONTRIBUTING.md, "${SECTION}", under the field package.json installs them with`, () => {
    const documented = documentedDependencies();
    const installed = new Map([
      ...Object.keys(pkg.dependencies).map((n) => [n, 'dependencies'] as const),
      ...Object.keys(pkg.devDependencies).map((n) => [n, 'devDependencies'] as const),
    ]);
    expect(
      [...installed.keys()].filter((n) => !documented.has(n)),
      'installed but not explained',
    ).toEqual([]);
    expect(
      [...documented.keys()].filter((n) => !installed.has(n)),
      'explained but not installed',
    ).toEqual([]);
    for (const [name, field] of installed) expect(documented.get(name), name).toBe(field);
  });

  it('include, as runtime dependencies, every package the build loads', () => {
    const packages = buildPackages();
    // The walk reaches the packages it should: a sanity check on the walk itself.
    expect(packages.get('@docusaurus/core')).toBeDefined();
    expect(packages.get('raw-loader')).toBeDefined();
    expect(packages.get('pdf-lib')).toBeDefined();
    expect(packages.get('cross-env'), 'the commands of `npm run build:site`, which the build script runs').toBeDefined();
    expect(packages.get('@docusaurus/core'), 'the script `npm run build:site` runs with node').toMatch(/^the build script's "node .*docusaurus\.mjs build"$/);
    const misplaced = [...packages].filter(([name]) => !(name in pkg.dependencies)).map(([name, where]) => `${name} (loaded by ${where})`);
    expect(misplaced, 'loaded by the build but not in "dependencies"').toEqual([]);
  });
});
