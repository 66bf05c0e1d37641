import { describe, expect, it } from 'vitest';
import { candidatePaths, collectSources, importSpecifiers, joinPath, MAX_FILES, requireModule, resolveImport, type ModuleFunction } from './modules';

const DIR = 'src/examples/q07-circuit-breaker';

describe('resolving relative imports', () => {
  it('joins "." and ".." segments onto a folder', () => {
    expect(joinPath(DIR, './circuitBreaker')).toBe(`${DIR}/circuitBreaker`);
    expect(joinPath(DIR, '../q11-sub-100ms-latency/dynamicBatcher')).toBe('src/examples/q11-sub-100ms-latency/dynamicBatcher');
  });

  it('tries x.ts, then x/index.ts; "./x.js" and "./x.ts" name x.ts', () => {
    const from = `${DIR}/fallbackChain.ts`;
    expect(candidatePaths(from, './circuitBreaker')).toEqual([`${DIR}/circuitBreaker.ts`, `${DIR}/circuitBreaker/index.ts`]);
    expect(candidatePaths(from, './circuitBreaker.js')[0]).toBe(`${DIR}/circuitBreaker.ts`);
    expect(candidatePaths(from, './circuitBreaker.ts')).toEqual([`${DIR}/circuitBreaker.ts`]);
  });

  it('resolves only to files that exist, and never a package name', () => {
    const files = { [`${DIR}/circuitBreaker.ts`]: '' };
    expect(resolveImport(`${DIR}/fallbackChain.ts`, './circuitBreaker', files)).toBe(`${DIR}/circuitBreaker.ts`);
    expect(resolveImport(`${DIR}/fallbackChain.ts`, './missing', files)).toBeUndefined();
    expect(resolveImport(`${DIR}/fallbackChain.ts`, 'circuitBreaker', files)).toBeUndefined();
  });
});

describe('importSpecifiers', () => {
  it('finds imports, type imports, re-exports, side-effect and dynamic imports, across lines', () => {
    const source = [
      "import { CircuitOpenError, type CircuitBreaker } from './circuitBreaker';",
      'import type {',
      '  Timers,',
      "} from './timers';",
      "export * from './reexported';",
      "import './sideEffect';",
      "const later = await import('./lazy');",
      "export const note = 'from ./not-an-import';",
    ].join('\n');
    expect(importSpecifiers(source).sort()).toEqual(['./circuitBreaker', './lazy', './reexported', './sideEffect', './timers']);
  });
});

describe('collectSources', () => {
  const disk: Record<string, string> = {
    [`${DIR}/circuitBreaker.ts`]: 'export class CircuitBreaker {}',
    [`${DIR}/fallbackChain.ts`]: "import { CircuitBreaker } from './circuitBreaker';",
  };
  const load = async (file: string): Promise<string | undefined> => disk[file];

  it('adds the sibling modules the entries import, transitively, from disk', async () => {
    const files = await collectSources({ [`${DIR}/fallbackChain.demo.ts`]: "import { x } from './fallbackChain';" }, load);
    expect(Object.keys(files).sort()).toEqual([`${DIR}/circuitBreaker.ts`, `${DIR}/fallbackChain.demo.ts`, `${DIR}/fallbackChain.ts`]);
  });

  it("keeps the reader's edited text of an entry rather than the file on disk", async () => {
    const edited = 'export class CircuitBreaker { edited = true }';
    const files = await collectSources({ [`${DIR}/circuitBreaker.ts`]: edited, [`${DIR}/fallbackChain.ts`]: disk[`${DIR}/fallbackChain.ts`]! }, load);
    expect(files[`${DIR}/circuitBreaker.ts`]).toBe(edited);
  });

  it('leaves an import of a missing file or a package for require() to report', async () => {
    const files = await collectSources({ [`${DIR}/a.ts`]: "import x from './nope';\nimport y from 'lodash';" }, load);
    expect(Object.keys(files)).toEqual([`${DIR}/a.ts`]);
  });

  it(`refuses to pull in more than ${MAX_FILES} files`, async () => {
    const chain = async (file: string): Promise<string> => `import './${Number(file.match(/(\d+)\.ts$/)![1]) + 1}';`;
    await expect(collectSources({ [`${DIR}/0.ts`]: "import './1';" }, chain)).rejects.toThrow(/more than 20 files/);
  });
});

describe('requireModule', () => {
  const fn =
    (body: (exports: Record<string, unknown>, require: (s: string) => unknown) => void): ModuleFunction =>
    (exports, require) =>
      body(exports, require);

  it('links modules by relative path and runs each once', () => {
    let runs = 0;
    const modules = {
      [`${DIR}/a.ts`]: fn((exports, require) => {
        exports.sum = (require('./b') as { one: number }).one + (require('./b.js') as { one: number }).one;
      }),
      [`${DIR}/b.ts`]: fn((exports) => {
        runs++;
        exports.one = 1;
      }),
    };
    expect(requireModule(`${DIR}/a.ts`, modules).sum).toBe(2);
    expect(runs).toBe(1);
  });

  it('gives a cycle the partly filled exports, as Node does', () => {
    const modules = {
      [`${DIR}/a.ts`]: fn((exports, require) => {
        exports.early = 'a';
        exports.seen = (require('./b') as { seen: unknown }).seen;
      }),
      [`${DIR}/b.ts`]: fn((exports, require) => {
        exports.seen = (require('./a') as { early: unknown }).early;
      }),
    };
    expect(requireModule(`${DIR}/a.ts`, modules).seen).toBe('a');
  });

  it('explains that packages cannot be imported, and names a missing sibling', () => {
    const importsPackage = { [`${DIR}/a.ts`]: fn((_e, require) => require('lodash')) };
    expect(() => requireModule(`${DIR}/a.ts`, importsPackage)).toThrow('Cannot import "lodash" in the browser: an example may only import files from its own folder (./name).');
    const importsMissing = { [`${DIR}/a.ts`]: fn((_e, require) => require('./gone')) };
    expect(() => requireModule(`${DIR}/a.ts`, importsMissing)).toThrow(`Cannot find "./gone" imported by a.ts: no such file in ${DIR}.`);
  });
});
