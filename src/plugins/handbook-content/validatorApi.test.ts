import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isFresh, readManifest } from '../../../scripts/lib/bundledScript.mjs';
import { PROJECT_ROOT } from '../../../scripts/validate/index';
import { loadValidatorApi, VALIDATOR_ENTRY } from './validatorApi';
import { tempDirsRemovedAfterAll } from '../../../scripts/lib/tempDirs';

const tempDir = tempDirsRemovedAfterAll();
const GOOD = path.join(PROJECT_ROOT, 'scripts/validate/fixtures/good');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the validator as the plugin loads it', () => {
  it('comes from a CommonJS bundle of scripts/validate that Node loads itself, and checks content as the sources do', async () => {
    const warn = vi.spyOn(console, 'warn');
    const api = await loadValidatorApi();
    expect(warn).not.toHaveBeenCalled();
    const manifest = readManifest(path.join(PROJECT_ROOT, 'node_modules/.cache/bundled-scripts/validator-api'));
    expect(manifest?.output).toBe('cjs');
    expect(isFresh(PROJECT_ROOT, manifest, VALIDATOR_ENTRY, 'cjs')).toBe(true);
    // Its own module, not the sources vitest would import: the bundle's file is in Node's require cache.
    expect(Object.keys(createRequire(import.meta.url).cache).some((file) => file.endsWith(path.join('bundled-scripts', 'validator-api', 'main.cjs')))).toBe(true);
    try {
      const run = await api.createValidator({ rootDir: GOOD, cacheDir: false }).validateAll();
      expect(run.problems).toEqual([]);
      expect(run.report.questions.map((q) => q.permalink)).toEqual(['/architecture/structural/q01-component-boundaries']);
    } finally {
      api.releaseRenderers();
    }
  }, 60_000);

  it('comes from the sources, with a one-line note and no stack trace, when its bundle cannot be made', async () => {
    // A folder with no esbuild to bundle with.
    const root = await tempDir('handbook-no-bundler-');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const api = await loadValidatorApi(root);
    expect(typeof api.createValidator).toBe('function');
    expect(warn).toHaveBeenCalledTimes(1);
    const note = String(warn.mock.calls[0]![0]);
    expect(note).toMatch(/^\[handbook-content\] The validator runs from its sources: its bundle could not be made or loaded \(.+\)\.$/);
    expect(note).not.toMatch(/\n/);
  });
});
