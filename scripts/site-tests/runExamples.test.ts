/**
 * Runnable examples on the built site, in headless Chromium: every demo runs
 * from its page and prints what the same pipeline prints in Node; an edited
 * example that throws or does not compile shows a readable error; an endless
 * loop is stopped at the time limit and the page keeps working; the
 * transpiler is not downloaded until a reader presses Run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { transform } from 'sucrase';
import { describe, expect, it } from 'vitest';
import { executeDemo, type LogLine } from '../../src/runner/execute';
import { formatSeconds } from '../../src/runner/format';
import { collectSources } from '../../src/runner/modules';
import { TIME_LIMIT_MS } from '../../src/runner/conventions';
import { TRACKS } from '../../src/content/tracks';
import { gotoHydrated, openDoc } from '../lib/browser';
import { browserTabs, mapConcurrently } from '../lib/pool';
import type { RunnableExample } from '../validate/rules/anatomy';
import { BUILD_DIR, PROJECT_ROOT } from './buildOutput';
import { setUpBuiltSite } from './builtSite';

const site = setUpBuiltSite();
const runnable = site.content.questions.flatMap((q) => q.runnable.map((example) => ({ permalink: q.permalink, track: q.frontMatter.track, example })));

const Q07 = '/architecture/behavioral/q07-error-handling';
const CIRCUIT_BREAKER = 'src/examples/q07-circuit-breaker/circuitBreaker.ts';

const read = async (file: string): Promise<string | undefined> => {
  try {
    return readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
  } catch {
    return undefined;
  }
};

/** What the demo prints when the runner's own pipeline runs it in Node. */
async function expectedOutput(demo: string): Promise<{ logs: string; result?: string }> {
  const files = await collectSources({ [demo]: (await read(demo))! }, read);
  const logs: LogLine[] = [];
  const outcome = await executeDemo({ files, entry: demo }, { transform, onLog: (line) => logs.push(line) });
  if (!outcome.ok) throw new Error(`${demo} fails in Node: ${outcome.failure.message}`);
  return { logs: logs.map((l) => l.text).join('\n'), ...(outcome.result === undefined ? {} : { result: outcome.result }) };
}

/** The runner section of one example on the page. */
function runnerOf(page: Page, module: string) {
  return page.getByRole('region', { name: `Run the example: ${path.basename(module).replace(/\.ts$/, '.demo.ts')}` });
}

/** A tab whose page errors and console errors are collected in `errors`, which the caller may empty between pages. */
async function openTab(): Promise<{ page: Page; errors: string[] }> {
  const page = await site.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { page, errors };
}

async function openPage(url: string): Promise<{ page: Page; errors: string[] }> {
  const tab = await openTab();
  await gotoHydrated(tab.page, `${site.server.url}${url}`);
  return tab;
}

/** Press Run and wait for the output panel's heading. */
async function run(page: Page, module: string, timeout = 20_000): Promise<string> {
  const runner = runnerOf(page, module);
  await runner.getByRole('button', { name: 'Run demo' }).click();
  const output = runner.locator('[data-run-output]');
  await output.locator('p').first().waitFor({ timeout });
  await runner.getByRole('button', { name: 'Run demo' }).waitFor({ timeout });
  return (await output.locator('p').first().innerText()).trim();
}

describe('runnable examples', () => {
  it('at least ten examples have a Run control, in every track', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(10);
    expect(new Set(runnable.map((r) => r.track))).toEqual(new Set(TRACKS.map((t) => t.slug)));
  });

  it('every demo runs from its page and prints what it prints in Node', async () => {
    const byPage = new Map<string, RunnableExample[]>();
    for (const r of runnable) byPage.set(r.permalink, [...(byPage.get(r.permalink) ?? []), r.example]);
    // Pages in a few tabs at once: most of a run is waiting for the worker and its output. Each tab loads its
    // first page and moves on from page to page as a reader following links does (the site keeps running).
    const failures = await mapConcurrently([...byPage], browserTabs(), {
      setUp: openTab,
      async work({ page, errors }, [permalink, examples]) {
        const failures: string[] = [];
        errors.length = 0;
        await openDoc(page, `${site.server.url}${permalink}`);
        for (const { module, demo } of examples) {
          const heading = await run(page, module);
          const runner = runnerOf(page, module);
          const logs = (await runner.locator('[data-run-console]').innerText()).trim();
          const result = (await runner.locator('[data-run-result]').count()) > 0 ? (await runner.locator('[data-run-result]').innerText()).trim() : undefined;
          const expected = await expectedOutput(demo);
          if (heading !== 'Finished' || logs !== expected.logs || result !== expected.result) {
            failures.push(`${permalink} ${demo}: ${heading}\n${logs}\n--- expected\n${expected.logs}\n${expected.result ?? ''}\n--- got result\n${result ?? ''}`);
          }
        }
        if (errors.length) failures.push(`${permalink}: console errors ${errors.join('; ')}`);
        return failures;
      },
      tearDown: ({ page }) => page.close(),
    });
    expect(failures.flat()).toEqual([]);
  }, 300_000);

  it("keeps a folded demo's source as plain text in the page and highlights it when the reader opens it", async () => {
    const source = readFileSync(path.join(PROJECT_ROOT, CIRCUIT_BREAKER.replace(/\.ts$/, '.demo.ts')), 'utf8').trimEnd();
    const { page } = await openPage(Q07);
    const panel = runnerOf(page, CIRCUIT_BREAKER).locator('details');
    expect(await panel.locator('[data-folded-demo]').textContent()).toBe(source);
    expect(await panel.locator('.token').count()).toBe(0);
    await panel.locator('summary').click();
    expect(await panel.locator('.theme-code-block .token.keyword').count()).toBeGreaterThan(10);
    expect(await panel.locator('[data-folded-demo]').count()).toBe(0);
    await page.close();
  });

  it('the output panel is a polite live region and the controls are labelled buttons', async () => {
    const { page } = await openPage(Q07);
    const runner = runnerOf(page, CIRCUIT_BREAKER);
    expect(await runner.locator('[data-run-output]').getAttribute('aria-live')).toBe('polite');
    await runner.getByRole('button', { name: 'Edit code' }).focus();
    await page.keyboard.press('Enter');
    expect(await runner.getByRole('textbox', { name: 'Edit circuitBreaker.demo.ts' }).isVisible()).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Edit circuitBreaker.ts' }).isVisible()).toBe(true);
    await page.close();
  });
});

describe.concurrent('editing an example', () => {
  it('shows a runtime error with its file and line, and Reset brings back the exact file', async ({ expect }) => {
    const { page, errors } = await openPage(Q07);
    const runner = runnerOf(page, CIRCUIT_BREAKER);
    await runner.getByRole('button', { name: 'Edit code' }).click();
    const editor = runner.getByRole('textbox', { name: 'Edit circuitBreaker.demo.ts' });
    const original = await editor.inputValue();
    expect(original).toBe(await read('src/examples/q07-circuit-breaker/circuitBreaker.demo.ts'));
    const edited = original.replace(/(export async function demo\(\).*\{\n)/, "$1  throw new Error('edited to fail');\n");
    const line = edited.split('\n').findIndex((l) => l.includes('edited to fail')) + 1;
    await editor.fill(edited);

    expect(await run(page, CIRCUIT_BREAKER)).toBe('Error: the code threw');
    expect(await runner.locator('[data-run-output]').innerText()).toContain(`Error: edited to fail (circuitBreaker.demo.ts, line ${line})`);

    await runner.getByRole('button', { name: 'Reset code' }).click();
    await runner.getByRole('button', { name: 'Edit code' }).waitFor();
    expect(await runner.getByRole('textbox').count()).toBe(0);
    expect(await run(page, CIRCUIT_BREAKER)).toBe('Finished');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a syntax error in the module with the offending line marked', async ({ expect }) => {
    const { page, errors } = await openPage(Q07);
    const runner = runnerOf(page, CIRCUIT_BREAKER);
    await runner.getByRole('button', { name: 'Edit code' }).click();
    const editor = page.getByRole('textbox', { name: 'Edit circuitBreaker.ts' });
    const source = await editor.inputValue();
    const broken = source.replace("private state: BreakerState = 'closed';", 'private state: BreakerState = ;');
    const line = broken.split('\n').findIndex((l) => l.includes('BreakerState = ;')) + 1;
    await editor.fill(broken);

    expect(await run(page, CIRCUIT_BREAKER)).toBe('Syntax error: the code did not compile');
    const output = await runner.locator('[data-run-output]').innerText();
    expect(output).toContain(`SyntaxError: Unexpected token (circuitBreaker.ts, line ${line})`);
    expect(output).toContain(`${line} |   private state: BreakerState = ;`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it(`stops an endless loop after ${formatSeconds(TIME_LIMIT_MS)}, keeps the output before it, and the page still works`, async ({ expect }) => {
    const { page, errors } = await openPage(Q07);
    const runner = runnerOf(page, CIRCUIT_BREAKER);
    await runner.getByRole('button', { name: 'Edit code' }).click();
    const editor = runner.getByRole('textbox', { name: 'Edit circuitBreaker.demo.ts' });
    await editor.fill((await editor.inputValue()).replace(/(export async function demo\(\).*\{\n)/, "$1  console.log('looping');\n  while (true) {}\n"));

    expect(await run(page, CIRCUIT_BREAKER, 30_000)).toBe(`Timed out after ${formatSeconds(TIME_LIMIT_MS)}`);
    expect(await runner.locator('[data-run-console]').innerText()).toContain('looping');
    // The page answers and the next run works: the loop died with its worker.
    await runner.getByRole('button', { name: 'Reset code' }).click();
    expect(await run(page, CIRCUIT_BREAKER)).toBe('Finished');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('page weight', () => {
  it('loads no part of the runner or the transpiler until Run is pressed', async () => {
    const page = await site.browser.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('.js')) scripts.push(new URL(request.url()).pathname);
    });
    await gotoHydrated(page, `${site.server.url}${Q07}`, 'networkidle');
    const loaded = scripts.map((p) => readFileSync(path.join(BUILD_DIR, p), 'utf8'));
    // Strings only the transpiler and the runner's worker contain.
    expect(loaded.filter((text) => text.includes('Error transforming') || text.includes('exports no demo() function'))).toEqual([]);

    await run(page, CIRCUIT_BREAKER);
    const after = scripts.map((p) => readFileSync(path.join(BUILD_DIR, p), 'utf8'));
    expect(after.some((text) => text.includes('exports no demo() function'))).toBe(true);
    await page.close();
  });
});
