// @ts-check
/**
 * Runs a TypeScript script of the project from one bundled file, made with
 * esbuild (which tsx brings) and kept in node_modules/.cache until one of its
 * inputs changes. Node starts on one bundle in about a fifth of the CPU time
 * tsx needs to compile and load the script's files one by one, which for a
 * short command such as `npm run validate` is most of its time.
 *
 * A bundle is used only while every input is as it was: the project's own
 * files by content hash, installed packages by size and time (an install
 * rewrites them). Anything unexpected (no esbuild, a failed build) falls back
 * to running the script through tsx, so the command never depends on the
 * bundle.
 *
 * A bundle is an ES module for a command (runBundled) or, for code that
 * Docusaurus loads through jiti, a CommonJS file that Node loads itself
 * (requireBundled): jiti would transpile every ES module the script imports
 * with Babel on a machine's first build, about 2.7 s for the validator's.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Bump when the way bundles are made changes. */
export const BUNDLE_FORMAT = 1;

/** The project's root: this file is scripts/lib/bundledScript.mjs. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * An error's message in one line: its first, and the next too when the first only announces it (esbuild's
 * "Build failed with 1 error:" before the file, line and reason).
 * @param {unknown} error
 */
function firstLineOf(error) {
  const lines = (error instanceof Error ? error.message : String(error))
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.length > 1 && lines[0]?.endsWith(':') ? `${lines[0]} ${lines[1]}` : (lines[0] ?? '');
}

/** @param {string} file */
function hashOf(file) {
  return createHash('sha256').update(readFileSync(file)).digest('base64url');
}

/** @param {string} file */
function stampOf(file) {
  const s = statSync(file);
  return `${s.size}:${s.mtimeMs}`;
}

/**
 * How an input is compared: by content when it is the project's own file, by size and time when it is an installed package's.
 * @param {string} root
 * @param {string} file path from root
 */
export function fingerprint(root, file) {
  return file.split('/').includes('node_modules') ? `stamp:${stampOf(path.join(root, file))}` : `hash:${hashOf(path.join(root, file))}`;
}

/**
 * @typedef {'esm' | 'cjs'} Output the bundle's module format
 * @typedef {{ format: number, node: string, entry: string, output?: Output, inputs: Record<string, string> }} Manifest
 */

/** @param {Output} output */
const mainFileOf = (output) => (output === 'cjs' ? 'main.cjs' : 'main.mjs');

/**
 * True when the bundle described by the manifest was made from exactly the files there are now, in that format.
 * @param {string} root
 * @param {Manifest | undefined} manifest
 * @param {string} entry path from root
 * @param {Output} [output]
 */
export function isFresh(root, manifest, entry, output = 'esm') {
  if (!manifest || manifest.format !== BUNDLE_FORMAT || manifest.node !== process.version || manifest.entry !== entry || (manifest.output ?? 'esm') !== output) return false;
  try {
    return Object.entries(manifest.inputs).every(([file, print]) => fingerprint(root, file) === print);
  } catch {
    return false; // an input is gone
  }
}

/** @param {string} dir */
export function readManifest(dir) {
  try {
    return /** @type {Manifest} */ (JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
  } catch {
    return undefined;
  }
}

/**
 * Bundles `entry` into `outDir` (replacing what was there) and returns the bundle's file.
 * @param {{ root: string, entry: string, outDir: string, external: string[], output?: Output }} options
 */
export async function buildBundle({ root, entry, outDir, external, output = 'esm' }) {
  const requireFromTsx = createRequire(createRequire(path.join(root, 'package.json')).resolve('tsx/package.json'));
  /** @type {typeof import('esbuild')} */
  const esbuild = requireFromTsx('esbuild');
  const building = `${outDir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  /** @type {import('esbuild').Plugin} */
  const ownMetaUrl = {
    // The project's files locate themselves (PROJECT_ROOT) from import.meta.url: give each its own source address, not the bundle's.
    name: 'own-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.tsx?$/ }, (args) => {
        if (args.path.split(path.sep).includes('node_modules')) return undefined;
        const text = readFileSync(args.path, 'utf8');
        return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
      });
    },
  };
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: entry },
    bundle: true,
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    outdir: building,
    external,
    metafile: true,
    logLevel: 'silent',
    plugins: [ownMetaUrl],
    ...(output === 'cjs'
      ? { format: 'cjs', outExtension: { '.js': '.cjs' } }
      : {
          format: 'esm',
          splitting: true,
          outExtension: { '.js': '.mjs' },
          // Bundled CommonJS packages call require() for Node's own modules.
          banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
        }),
  });
  /** @type {Manifest} */
  const manifest = { format: BUNDLE_FORMAT, node: process.version, entry, output, inputs: {} };
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = input.split(path.sep).join('/');
    if (existsSync(path.join(root, file))) manifest.inputs[file] = fingerprint(root, file);
  }
  writeFileSync(path.join(building, 'manifest.json'), JSON.stringify(manifest));
  // Swap the new bundle in whole; a run that starts meanwhile finds none and builds its own.
  const old = `${outDir}.old-${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, old);
  try {
    renameSync(building, outDir);
  } catch {
    // Another run swapped in its bundle first: use ours from where it was built.
    rmSync(old, { recursive: true, force: true });
    return path.join(building, mainFileOf(output));
  }
  rmSync(old, { recursive: true, force: true });
  return path.join(outDir, mainFileOf(output));
}

/**
 * The module `entry` (a path from root) exports, loaded by Node from a CommonJS bundle, made when it is missing
 * or stale. Throws when the bundle cannot be made or loaded: the caller imports the sources instead.
 * @param {{ root: string, entry: string, name: string, external: string[] }} options
 * @returns {Promise<unknown>}
 */
export async function requireBundled({ root, entry, name, external }) {
  const outDir = path.join(root, 'node_modules/.cache/bundled-scripts', name);
  // Node's own require, also when jiti loaded this file: a CommonJS file needs no transpiling.
  const nodeRequire = createRequire(import.meta.url);
  if (isFresh(root, readManifest(outDir), entry, 'cjs')) return nodeRequire(path.join(outDir, 'main.cjs'));
  const main = await buildBundle({ root, entry, outDir, external, output: 'cjs' });
  // A bundle made again in this process (the dev server reloads its plugins after a change) is loaded anew.
  delete nodeRequire.cache[main];
  return nodeRequire(main);
}

/**
 * What requireBundled loads (from PROJECT_ROOT unless `root` is given), or, when the bundle cannot be made or
 * loaded, what `fallback` imports from the sources, after one line on the console: `${note}: its bundle could not be
 * made or loaded (the reason).` No stack trace: the site works either way, only more slowly on a first build.
 * @template T
 * @param {{ root?: string, entry: string, name: string, external: string[] }} options
 * @param {{ fallback: () => Promise<T>, note: string }} instead
 * @returns {Promise<T>}
 */
export async function requireBundledOr({ root = PROJECT_ROOT, ...options }, { fallback, note }) {
  try {
    return /** @type {T} */ (await requireBundled({ root, ...options }));
  } catch (error) {
    // The global console, not node:console's: a test runner (or a host) may have replaced it.
    globalThis.console.warn(`${note}: its bundle could not be made or loaded (${firstLineOf(error)}).`);
    return fallback();
  }
}

/**
 * Runs `entry` (a path from root) with the process's arguments, from its bundle when it can.
 * @param {{ root: string, entry: string, name: string, external: string[] }} options
 */
export async function runBundled({ root, entry, name, external }) {
  const outDir = path.join(root, 'node_modules/.cache/bundled-scripts', name);
  try {
    const main = isFresh(root, readManifest(outDir), entry) ? path.join(outDir, 'main.mjs') : await buildBundle({ root, entry, outDir, external });
    // The script starts its work when loaded; an error here means it never started, so running it through tsx instead is safe.
    await import(pathToFileURL(main).href);
  } catch (error) {
    process.stderr.write(`(${entry} runs through tsx: its bundle could not be made or loaded: ${firstLineOf(error)})\n`);
    const tsx = path.join(root, 'node_modules/.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
    const child = spawnSync(tsx, [entry, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    process.exit(child.status ?? 1);
  }
}
