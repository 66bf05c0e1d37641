import type { LoadContext, Plugin } from '@docusaurus/types';
import { describe, expect, it, vi } from 'vitest';
import type { ValidatorRun } from '../../../scripts/validate/index';
import handbookContentPlugin, { type HandbookContent } from './index';

// A plain fake rather than vi.fn: a spy attaches its own handlers to the promises it returns, which would hide an
// unhandled rejection.
const validator = vi.hoisted(() => ({ calls: 0, released: 0, runs: [] as (() => Promise<ValidatorRun>)[] }));

vi.mock('./validatorApi', () => ({
  loadValidatorApi: async () => ({
    createValidator: () => ({
      validateAll: () => {
        validator.calls += 1;
        return validator.runs.shift()!();
      },
      revalidate: () => Promise.reject(new Error('not used by the plugin')),
    }),
    formatProblem: (p: { file: string; line: number; message: string }) => `${p.file}:${p.line}: ${p.message}`,
    releaseRenderers: () => {
      validator.released += 1;
    },
  }),
}));

function runWith(title: string): ValidatorRun {
  return { problems: [], warnings: [], report: { questions: [], quickHits: [], title } as unknown as ValidatorRun['report'], read: [], checked: [] };
}

function pluginFor(siteDir: string, ...runs: (() => Promise<ValidatorRun>)[]): Promise<Plugin<HandbookContent>> {
  validator.calls = 0;
  validator.runs = runs;
  return handbookContentPlugin({ siteDir, baseUrl: '/' } as LoadContext);
}

describe('the handbook-content plugin', () => {
  it('starts checking the content as it is created, and its first load takes that run', async () => {
    let finish: (run: ValidatorRun) => void = () => undefined;
    const plugin = await pluginFor('/site-a', () => new Promise((resolve) => (finish = resolve)));
    // While the other plugins load, the check is already under way.
    expect(validator.calls).toBe(1);
    const loading = plugin.loadContent!();
    finish(runWith('first'));
    expect((await loading).report).toMatchObject({ title: 'first' });
    expect(validator.calls).toBe(1);
  });

  it('lets go of the worker that checks diagrams and formulas once a production build has its content, and keeps it for the dev server', async () => {
    try {
      validator.released = 0;
      vi.stubEnv('NODE_ENV', 'production');
      await (
        await pluginFor('/site-built', async () => runWith('build'))
      ).loadContent!();
      expect(validator.released).toBe(1);
      vi.stubEnv('NODE_ENV', 'development');
      await (
        await pluginFor('/site-started', async () => runWith('start'))
      ).loadContent!();
      expect(validator.released, 'the dev server re-checks saved pages with the same worker').toBe(1);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('checks again on every later load, as the dev server does after a saved page', async () => {
    const plugin = await pluginFor(
      '/site-b',
      async () => runWith('at start'),
      async () => runWith('after a save'),
    );
    expect((await plugin.loadContent!()).report).toMatchObject({ title: 'at start' });
    expect((await plugin.loadContent!()).report).toMatchObject({ title: 'after a save' });
    expect(validator.calls).toBe(2);
  });

  it('reports a check that failed before the load from the load itself, never as an unhandled rejection, and checks again on the next load', async () => {
    const unhandled: unknown[] = [];
    const listen = (reason: unknown): number => unhandled.push(reason);
    process.on('unhandledRejection', listen);
    try {
      const plugin = await pluginFor(
        '/site-c',
        () => Promise.reject(new Error('cannot read docs/architecture/x.mdx')),
        async () => runWith('after the fix'),
      );
      // Let the failure settle before anything awaits it.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
      await expect(plugin.loadContent!()).rejects.toThrow('cannot read docs/architecture/x.mdx');
      // The author fixes the page and saves it: the next load checks again.
      expect((await plugin.loadContent!()).report).toMatchObject({ title: 'after the fix' });
      expect(validator.calls).toBe(2);
    } finally {
      process.off('unhandledRejection', listen);
    }
  });
});
