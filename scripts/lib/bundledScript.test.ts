/**
 * `npm run validate` runs the validator from a bundle; the bundle is used only
 * while every file it was made from is unchanged, and it gives the same
 * result as the TypeScript it was made from.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROJECT_ROOT } from '../validate/index';
import { BUNDLE_FORMAT, fingerprint, isFresh, PROJECT_ROOT as BUNDLES_ROOT, readManifest, requireBundledOr } from './bundledScript.mjs';
import { tempDirsRemovedAfterAll } from './tempDirs';

const tempDir = tempDirsRemovedAfterAll();

describe('a kept bundle', () => {
  async function project(): Promise<{ root: string; manifest: Parameters<typeof isFresh>[1] }> {
    const root = await tempDir('handbook-bundle-');
    await mkdir(path.join(root, 'scripts'), { recursive: true });
    await mkdir(path.join(root, 'node_modules/pkg'), { recursive: true });
    await writeFile(path.join(root, 'scripts/main.ts'), 'export const rule = 1;\n');
    await writeFile(path.join(root, 'node_modules/pkg/index.js'), 'module.exports = 1;\n');
    const inputs = Object.fromEntries(['scripts/main.ts', 'node_modules/pkg/index.js'].map((f) => [f, fingerprint(root, f)]));
    return { root, manifest: { format: BUNDLE_FORMAT, node: process.version, entry: 'scripts/main.ts', inputs } };
  }

  it('is used while every input is as it was', async () => {
    const { root, manifest } = await project();
    expect(isFresh(root, manifest, 'scripts/main.ts')).toBe(true);
  });

  it("is not used once one of the project's files changed, even with the same size and time", async () => {
    const { root, manifest } = await project();
    const file = path.join(root, 'scripts/main.ts');
    const before = await stat(file);
    await writeFile(file, 'export const rule = 2;\n');
    await utimes(file, before.atime, before.mtime);
    expect(isFresh(root, manifest, 'scripts/main.ts')).toBe(false);
  });

  it('is not used once an installed package was rewritten, or an input is gone', async () => {
    const { root, manifest } = await project();
    await writeFile(path.join(root, 'node_modules/pkg/index.js'), 'module.exports = 22;\n');
    expect(isFresh(root, manifest, 'scripts/main.ts')).toBe(false);
    const other = await project();
    await rm(path.join(other.root, 'scripts/main.ts'));
    expect(isFresh(other.root, other.manifest, 'scripts/main.ts')).toBe(false);
  });

  it('is not used for another entry, another Node.js or another bundle format, or without a manifest', async () => {
    const { root, manifest } = await project();
    expect(isFresh(root, manifest, 'scripts/other.ts')).toBe(false);
    expect(isFresh(root, { ...manifest!, node: 'v0.0.0' }, 'scripts/main.ts')).toBe(false);
    expect(isFresh(root, { ...manifest!, format: BUNDLE_FORMAT + 1 }, 'scripts/main.ts')).toBe(false);
    expect(isFresh(root, undefined, 'scripts/main.ts')).toBe(false);
  });

  it('is used only in the module format it was made in: an ES module for a command, CommonJS for a plugin', async () => {
    const { root, manifest } = await project();
    expect(isFresh(root, manifest, 'scripts/main.ts', 'cjs')).toBe(false);
    expect(isFresh(root, { ...manifest!, output: 'cjs' }, 'scripts/main.ts', 'cjs')).toBe(true);
    expect(isFresh(root, { ...manifest!, output: 'cjs' }, 'scripts/main.ts')).toBe(false);
  });
});

describe('code Docusaurus loads, from its bundle or else from its sources (requireBundledOr)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** A project with one module and the bundler (tsx brings esbuild), so bundles are made in a folder of its own. */
  async function project(source: string): Promise<string> {
    const root = await tempDir('handbook-bundle-or-');
    await mkdir(path.join(root, 'scripts'), { recursive: true });
    await mkdir(path.join(root, 'node_modules'), { recursive: true });
    await writeFile(path.join(root, 'package.json'), '{"name":"p","private":true}\n');
    await symlink(path.join(PROJECT_ROOT, 'node_modules/tsx'), path.join(root, 'node_modules/tsx'), 'dir');
    await writeFile(path.join(root, 'scripts/answer.ts'), source);
    return root;
  }
  const options = (root: string) => ({ root, entry: 'scripts/answer.ts', name: 'answer', external: [] });

  it("finds the project's root by itself", () => {
    expect(BUNDLES_ROOT).toBe(PROJECT_ROOT);
  });

  it('gives what the bundle exports, silently, and leaves the sources alone', async () => {
    const root = await project('export const answer: number = 6 * 7;\n');
    const warn = vi.spyOn(console, 'warn');
    const fallback = vi.fn(async () => ({ answer: -1 }));
    await expect(requireBundledOr(options(root), { fallback, note: '[test] from the sources' })).resolves.toMatchObject({ answer: 42 });
    expect(fallback).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    expect(readManifest(path.join(root, 'node_modules/.cache/bundled-scripts/answer'))?.output).toBe('cjs');
  }, 30_000);

  it('gives what the fallback imports, after one line that names the reason, when the bundle cannot be made', async () => {
    const root = await project('export const answer: number = ;\n');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const fallback = vi.fn(async () => ({ answer: -1 }));
    await expect(requireBundledOr(options(root), { fallback, note: '[test] from the sources' })).resolves.toEqual({ answer: -1 });
    expect(fallback).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledTimes(1);
    // esbuild's reason, with the file and line, not only its "Build failed with 1 error:".
    expect(String(warn.mock.calls[0]![0])).toMatch(
      /^\[test\] from the sources: its bundle could not be made or loaded \(Build failed with 1 error: scripts\/answer\.ts:1:\d+: ERROR: [^\n]+\)\.$/,
    );
  }, 30_000);
});

describe('npm run validate (node scripts/validate.mjs)', () => {
  const run = promisify(execFile);
  const GOOD = path.join(PROJECT_ROOT, 'scripts/validate/fixtures/good');
  // The first run after a change to the validator bundles it (a few seconds on a busy two-core machine).
  const TIMEOUT_MS = 60_000;

  it(
    'accepts valid content, as the TypeScript entry does',
    async () => {
      const { stdout, stderr } = await run(process.execPath, ['scripts/validate.mjs', '--root', GOOD, '--no-cache'], { cwd: PROJECT_ROOT });
      expect(stdout).toMatch(/Content is valid: 1 question page/);
      // It ran from the bundle, not from the fallback through tsx.
      expect(stderr).not.toMatch(/runs through tsx/);
      expect(isFresh(PROJECT_ROOT, readManifest(path.join(PROJECT_ROOT, 'node_modules/.cache/bundled-scripts/validate')), 'scripts/validate.ts')).toBe(true);
    },
    TIMEOUT_MS,
  );

  it(
    'exits 1 with the problem line on broken content',
    async () => {
      const dir = await tempDir('handbook-bundle-content-');
      await cp(GOOD, dir, { recursive: true });
      const q1 = path.join(dir, 'docs/architecture/structural/q01-component-boundaries.mdx');
      await writeFile(q1, (await readFile(q1, 'utf8')).replace('difficulty: foundational', 'difficulty: expert'));
      const result = await run(process.execPath, ['scripts/validate.mjs', '--root', dir, '--no-cache'], { cwd: PROJECT_ROOT }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^docs\/architecture\/structural\/q01-component-boundaries\.mdx:8: "difficulty"/m);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    },
    TIMEOUT_MS,
  );
});
