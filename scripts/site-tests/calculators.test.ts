/**
 * The six calculators on the built site, in Chromium: a reader types values
 * and reads the result (computed here with the same library to compare), an
 * invalid value shows a message instead of a number, the URL follows the
 * inputs, and a shared URL opens the same scenario.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, it } from 'vitest';
import {
  GPU_PRESETS,
  MODEL_PRESETS,
  concurrentThroughput,
  estimateLlmServing,
  formatDuration,
  formatSignificant,
  estimateServingMemory,
  formatAvailability,
  formatGB,
  formatUsd,
  jensenShannon,
  monthlyCost,
  parallelAvailability,
  psi,
  replicasForLoad,
  seriesAvailability,
} from '../../src/lib/formulas';
import { gotoHydrated } from '../lib/browser';
import { setUpBuiltSite } from './builtSite';

const site = setUpBuiltSite();

async function open(path: string): Promise<Page> {
  const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await gotoHydrated(page, `${site.server.url}${path}`, 'networkidle');
  return page;
}

const calculator = (page: Page, label: string): Locator => page.locator(`form[aria-label="${label}"]`);
const result = (form: Locator, key: string): Promise<string> => form.locator(`[data-result="${key}"]`).innerText();

/** Replace a field's text by typing, as a reader would with the keyboard. */
async function type(form: Locator, label: string, value: string): Promise<void> {
  const field = form.getByLabel(label, { exact: false }).first();
  await field.fill('');
  await field.pressSequentially(value);
}

describe.concurrent('calculators on /tools', () => {
  it('GPU memory: a 70B GQA preset at INT4, batch 8, 4,096 tokens', async ({ expect }) => {
    const page = await open('/tools');
    const form = calculator(page, 'GPU memory calculator');
    await form.getByLabel('Model preset').selectOption('70B');
    await form.getByLabel('Weight precision').selectOption('int4');
    await type(form, 'Batch size', '8');
    await type(form, 'Sequence length', '4096');
    const expected = estimateServingMemory(MODEL_PRESETS['70B'], { batchSize: 8, sequenceLength: 4096, weightBits: 4 });
    expect(await result(form, 'total')).toBe(formatGB(expected.totalGB));
    expect(await result(form, 'fit80')).toContain(expected.fits.find((f) => f.memoryGB === 80)!.fitsOnOne ? 'fits on one GPU' : 'needs at least');
    const url = new URL(page.url());
    expect(url.searchParams.get('gpu.batch')).toBe('8');
    expect(url.searchParams.get('gpu.kvHeads')).toBe('8');
    await page.close();
  });

  it('LLM serving: Llama 2 70B at INT4 on an A100, batch 8, 2,000 + 500 tokens, $2 per GPU-hour', async ({ expect }) => {
    const page = await open('/tools');
    const form = calculator(page, 'LLM serving calculator');
    await form.getByLabel('Model preset').selectOption('70B');
    await form.getByLabel('GPU preset').selectOption('a100');
    await form.getByLabel('Weight precision').selectOption('int4');
    await type(form, 'Batch size', '8');
    await type(form, 'Prompt length', '2000');
    await type(form, 'Output length', '500');
    await type(form, 'Price per GPU-hour', '2');
    const e = estimateLlmServing({ model: MODEL_PRESETS['70B'], gpu: GPU_PRESETS.a100, batchSize: 8, promptTokens: 2000, outputTokens: 500, pricePerGpuHour: 2, weightBits: 4 });
    expect(await result(form, 'step')).toBe(formatDuration(e.decodeStepSeconds));
    expect(await result(form, 'throughput')).toBe(`${formatSignificant(e.tokensPerSecond, 3)} tokens/s`);
    expect(await result(form, 'ttft')).toBe(formatDuration(e.ttftSeconds));
    expect(await result(form, 'maxBatch')).toBe(`✓ ${e.maxBatch} sequences`);
    expect(await result(form, 'cost')).toBe(`${formatUsd(e.costPerMillionTokens)} per million output tokens`);
    const url = new URL(page.url());
    expect(url.searchParams.get('llm.bandwidth')).toBe('2039');
    expect(url.searchParams.get('llm.kvHeads')).toBe('8');
    expect(url.searchParams.get('llm.precision')).toBe('int4');
    await page.close();
  });

  it('throughput: 5,000 requests/s at 40 ms, 4 at a time per replica, 80 %', async ({ expect }) => {
    const page = await open('/tools');
    const form = calculator(page, 'Throughput and concurrency calculator');
    await type(form, 'Target load', '5000');
    await type(form, 'Latency per request', '40');
    await type(form, 'Concurrent requests per replica', '4');
    await type(form, 'Target utilisation', '80');
    expect(await result(form, 'replicas')).toBe(`${replicasForLoad(5000, concurrentThroughput(4, 0.04), 0.8)} replicas`);
    expect(await result(form, 'inFlight')).toBe('200 requests');
    await page.close();
  });

  it('availability: one component in two 99 % copies gives 99.99 %', async ({ expect }) => {
    const page = await open('/tools');
    const form = calculator(page, 'Availability calculator');
    await form.getByRole('button', { name: 'Remove the last component' }).click();
    await form.getByRole('button', { name: 'Remove the last component' }).click();
    await type(form, 'Component 1 availability', '99');
    await type(form, 'Component 1 copies in parallel', '2');
    expect(await result(form, 'seriesAvailability')).toBe(formatAvailability(parallelAvailability([0.99, 0.99])));
    expect(await result(form, 'seriesAvailability')).toBe('99.99 %');
    await form.getByRole('button', { name: 'Add a component' }).click();
    await type(form, 'Component 2 availability', '99.9');
    await type(form, 'Component 2 copies in parallel', '1');
    expect(await result(form, 'seriesAvailability')).toBe(formatAvailability(seriesAvailability([parallelAvailability([0.99, 0.99]), 0.999])));
    await page.close();
  });

  it('drift: PSI, its band and JS from two pasted histograms', async ({ expect }) => {
    const page = await open('/tools');
    const form = calculator(page, 'Drift calculator');
    await form.getByLabel('Reference histogram').fill('100\n200\n300\n400');
    await form.getByLabel('Current histogram').fill('150, 200, 300, 350');
    const score = psi([100, 200, 300, 400], [150, 200, 300, 350]);
    expect(await result(form, 'psi')).toBe(score.toFixed(3));
    expect(await result(form, 'band')).toMatch(/^stable/);
    expect(await result(form, 'js')).toBe(`${jensenShannon([150, 200, 300, 350], [100, 200, 300, 400]).toFixed(3)} nats`);
    await page.close();
  });

  it('cloud cost: 4 spot GPUs all month', async ({ expect }) => {
    const page = await open('/tools');
    const form = calculator(page, 'Cloud cost calculator');
    await type(form, 'GPUs', '4');
    await type(form, 'GPU price', '0.45');
    const cost = monthlyCost({
      gpuHours: 4 * 730,
      gpuPricePerHour: 0.45,
      vcpuHours: 16 * 730,
      vcpuPricePerHour: 0.04,
      storageGb: 1000,
      storagePricePerGbMonth: 0.023,
      egressGb: 500,
      egressPricePerGb: 0.09,
    });
    expect(await result(form, 'gpu')).toBe(formatUsd(cost.gpu));
    expect(await result(form, 'total')).toBe(`${formatUsd(cost.total)} per month`);
    await page.close();
  });
});

describe.concurrent('invalid input', () => {
  it('shows a message beside the field, marks it invalid, and never shows NaN or Infinity', async ({ expect }) => {
    const page = await open('/tools');
    const gpu = calculator(page, 'GPU memory calculator');
    await type(gpu, 'Batch size', '-3');
    const batch = gpu.getByLabel('Batch size');
    expect(await batch.getAttribute('aria-invalid')).toBe('true');
    const described = (await batch.getAttribute('aria-describedby')) ?? '';
    const message = await page.locator(`[id="${described.split(' ').find((id) => id.endsWith('-error'))}"]`).innerText();
    expect(message).toBe('Batch size cannot be negative.');
    expect(await gpu.locator('[data-result="invalid"]').innerText()).toContain('Correct the marked input');

    const throughput = calculator(page, 'Throughput and concurrency calculator');
    await type(throughput, 'Latency per request', '0');
    await type(throughput, 'Target load', '');
    const cost = calculator(page, 'Cloud cost calculator');
    await type(cost, 'Requests', '1e999');
    const llm = calculator(page, 'LLM serving calculator');
    await type(llm, 'Memory bandwidth', 'fast');
    await type(llm, 'Prefill MFU', '0');
    expect(await llm.locator('[data-result="invalid"]').innerText()).toContain('Correct the marked input');
    const drift = calculator(page, 'Drift calculator');
    await drift.getByLabel('Current histogram').fill('1 2');
    expect(await drift.locator('[data-result="problem"]').innerText()).toContain('same bins');

    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(text).toContain('Latency per request must be more than 0 ms.');
    expect(text).toContain('Enter a value for target load.');
    expect(text).toContain('"1e999" is not a number.');
    expect(text).toContain('"fast" is not a number.');
    expect(text).toContain('Prefill MFU must be more than 0 %.');
    await page.close();
  });
});

describe.concurrent('accessibility', () => {
  it('every field has a label, results are announced, and the keyboard reaches the fields in order', async ({ expect }) => {
    const page = await open('/tools');
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('form.handbook-calculator :is(input, select, textarea)')].filter((el) => !(el as HTMLInputElement).labels?.length).map((el) => el.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    expect(await page.locator('form.handbook-calculator [role="status"][aria-live="polite"]').count()).toBeGreaterThanOrEqual(6);

    const form = calculator(page, 'Throughput and concurrency calculator');
    await form.getByLabel('Target load').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('latency');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('100');
    expect(await result(form, 'singleThread')).toBe('10 requests/s');
    await page.close();
  });
});

describe.concurrent('shared links', () => {
  it('a link opens the calculator on its scenario', async ({ expect }) => {
    const query = 'gpu.params=70&gpu.layers=80&gpu.hidden=8192&gpu.heads=64&gpu.kvHeads=8&gpu.batch=8&gpu.seq=4096&gpu.precision=int4&gpu.kv=fp8';
    const page = await open(`/tools?${query}#gpu-memory-calculator`);
    const form = calculator(page, 'GPU memory calculator');
    const expected = estimateServingMemory(MODEL_PRESETS['70B'], { batchSize: 8, sequenceLength: 4096, weightBits: 4, kvBytesPerValue: 1 });
    await expect.poll(() => result(form, 'total'), { timeout: 15_000 }).toBe(formatGB(expected.totalGB));
    expect(await form.getByLabel('Model preset').inputValue()).toBe('70B');
    expect(await form.getByLabel('Batch size').inputValue()).toBe('8');
    await page.close();
  });

  it('an LLM serving link opens its scenario, and the link the form offers round-trips it', async ({ expect }) => {
    const query = 'llm.batch=64&llm.prompt=512&llm.output=512&llm.price=1.2&llm.kv=fp8&llm.memory=24&llm.bandwidth=300&llm.tflops=121';
    const page = await open(`/tools?${query}#llm-serving-calculator`);
    const form = calculator(page, 'LLM serving calculator');
    const e = estimateLlmServing({
      model: MODEL_PRESETS['8B'],
      gpu: GPU_PRESETS.l4,
      batchSize: 64,
      promptTokens: 512,
      outputTokens: 512,
      pricePerGpuHour: 1.2,
      kvBytesPerValue: 1,
    });
    await expect.poll(() => result(form, 'cost'), { timeout: 15_000 }).toBe(`${formatUsd(e.costPerMillionTokens)} per million output tokens`);
    expect(await form.getByLabel('GPU preset').inputValue()).toBe('l4');
    expect(await form.getByLabel('Model preset').inputValue()).toBe('8B');
    const shared = await form.locator('[data-share-link]').getAttribute('href');
    await page.close();
    const second = await open(`/tools${shared}`);
    await expect
      .poll(() => result(calculator(second, 'LLM serving calculator'), 'cost'), { timeout: 15_000 })
      .toBe(`${formatUsd(e.costPerMillionTokens)} per million output tokens`);
    expect(await calculator(second, 'LLM serving calculator').getByLabel('Batch size').inputValue()).toBe('64');
    await second.close();
  });

  it('the link a reader copies reproduces the scenario on another visit', async ({ expect }) => {
    const first = await open('/tools');
    const form = calculator(first, 'Availability calculator');
    await type(form, 'Component 2 availability', '99.95');
    const shared = await form.locator('[data-share-link]').getAttribute('href');
    const shown = await result(form, 'seriesAvailability');
    await first.close();
    const second = await open(`/tools${shared}`);
    await expect.poll(() => result(calculator(second, 'Availability calculator'), 'seriesAvailability'), { timeout: 15_000 }).toBe(shown);
    expect(await calculator(second, 'Availability calculator').getByLabel('Component 2 availability').inputValue()).toBe('99.95');
    await second.close();
  });

  it('a cheat-sheet link opens its folded calculator with the scenario', async ({ expect }) => {
    const page = await open('/cheat-sheet?drift.ref=50,50&drift.cur=30,70');
    const details = page.locator('details[data-calculator="drift"]');
    await expect.poll(() => details.evaluate((el) => (el as HTMLDetailsElement).open), { timeout: 15_000 }).toBe(true);
    expect(await result(calculator(page, 'Drift calculator'), 'psi')).toBe(psi([50, 50], [30, 70]).toFixed(3));
    expect(await result(calculator(page, 'Drift calculator'), 'band')).toMatch(/^moderate/);
    expect(await page.locator('details[data-calculator="gpu"]').evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    await page.close();
  });
});
