/**
 * The built cheat-sheet page shows the numbers the tested functions compute.
 * Each worked example is recomputed here from the inputs the sheet's text
 * states, with the library functions, and compared with what the page shows:
 * a figure cannot drift from the code, nor from its own stated inputs.
 */
import { describe, expect, it } from 'vitest';
import {
  A100_PEAK_BF16_FLOPS,
  MODEL_PRESETS,
  availabilityFromMtbf,
  computeSeconds,
  concurrentThroughput,
  costPerRequest,
  downtimeMinutesPerMonth,
  downtimeMinutesPerYear,
  estimateServingMemory,
  formatAvailability,
  formatDuration,
  formatFlop,
  formatGB,
  formatRps,
  formatUsd,
  forwardFlops,
  forwardFlopsPerToken,
  inFlightPerPod,
  jensenShannon,
  klDivergence,
  kvCacheBytes,
  maxBatchSize,
  monthlyCost,
  mtbfHours,
  mttrHours,
  parallelAvailability,
  psi,
  psiBand,
  replicasForLoad,
  seriesAvailability,
  singleThreadThroughput,
  tailLatencyEstimate,
  toGB,
  trainingFlops,
  weightBytes,
  afterBatchDoublings,
  CHEAT_SHEET_FIGURES,
  GPU_PRESETS,
  estimateLlmServing,
  formatSignificant,
} from '../../src/lib/formulas';
import { CHEAT_SHEET_ROUTE } from '../../src/lib/cheatSheetPdf';
import { assertBuilt, decodeEntities, htmlFor } from './buildOutput';

/** Figure id -> [value in base units, text], computed from the inputs written on the sheet. */
function expectedFigures(): Record<string, [number, string]> {
  const llama2 = MODEL_PRESETS['7B'];
  const llama3 = MODEL_PRESETS['8B'];
  const kvWorkload = { batchSize: 32, sequenceLength: 2048 };
  const cost = monthlyCost({
    gpuHours: 2 * 730,
    gpuPricePerHour: 1.5,
    vcpuHours: 16 * 730,
    vcpuPricePerHour: 0.04,
    storageGb: 1000,
    storagePricePerGbMonth: 0.023,
    egressGb: 500,
    egressPricePerGb: 0.09,
  });
  const kv7b = kvCacheBytes(llama2, kvWorkload);
  const flops = forwardFlops(7e9, 2048);
  const batched = afterBatchDoublings({ throughputRps: 100, latencySeconds: 0.05 }, 2, 0.8);
  // Llama 3 8B, FP16, on an H100: batch 32, 1,024 prompt and 256 output tokens, $3 per GPU-hour.
  const llm = estimateLlmServing({ model: llama3, gpu: GPU_PRESETS.h100, batchSize: 32, promptTokens: 1024, outputTokens: 256, pricePerGpuHour: 3 });
  const drift: [number[], number[]] = [
    [25, 25, 25, 25],
    [10, 20, 30, 40],
  ];
  return {
    singleThread: [singleThreadThroughput(0.05), formatRps(singleThreadThroughput(0.05))],
    concurrent: [concurrentThroughput(8, 0.05, 0.01), formatRps(concurrentThroughput(8, 0.05, 0.01))],
    tail: [tailLatencyEstimate(0.04, 0.01), formatDuration(tailLatencyEstimate(0.04, 0.01))],
    littlesLaw: [inFlightPerPod(10_000, 0.05), '500 requests in flight'],
    replicas: [replicasForLoad(10_000, 800, 0.7), `${replicasForLoad(10_000, 800, 0.7)} pods`],
    weights7b: [weightBytes(llama2, 16), formatGB(toGB(weightBytes(llama2, 16)))],
    kv7b: [kv7b, formatGB(toGB(kv7b))],
    kv7bGiB: [kv7b, '32 GiB'],
    kv8bGqa: [kvCacheBytes(llama3, kvWorkload), formatGB(toGB(kvCacheBytes(llama3, kvWorkload)))],
    kv8bGqaFp8: [kvCacheBytes(llama3, { ...kvWorkload, kvBytesPerValue: 1 }), formatGB(toGB(kvCacheBytes(llama3, { ...kvWorkload, kvBytesPerValue: 1 })))],
    total7b: [estimateServingMemory(llama2, kvWorkload).totalBytes, formatGB(estimateServingMemory(llama2, kvWorkload).totalGB)],
    flopsPerToken7b: [forwardFlopsPerToken(7e9), formatFlop(forwardFlopsPerToken(7e9))],
    flops7b2048: [flops, formatFlop(flops)],
    prefillA100: [computeSeconds(flops, A100_PEAK_BF16_FLOPS, 0.5), formatDuration(computeSeconds(flops, A100_PEAK_BF16_FLOPS, 0.5))],
    training7b: [trainingFlops(7e9, 2e12), formatFlop(trainingFlops(7e9, 2e12))],
    maxBatch7b80: [maxBatchSize(llama2, 80, { sequenceLength: 2048 }), `${maxBatchSize(llama2, 80, { sequenceLength: 2048 })} sequences`],
    llmDecodeStep: [llm.decodeStepSeconds, formatDuration(llm.decodeStepSeconds)],
    llmTokensPerSecond: [llm.tokensPerSecond, `${formatSignificant(llm.tokensPerSecond, 3)} tokens/s`],
    llmTtft: [llm.ttftSeconds, formatDuration(llm.ttftSeconds)],
    llmMaxBatch: [llm.maxBatch, `${llm.maxBatch} sequences`],
    llmCostPerMillion: [llm.costPerMillionTokens, formatUsd(llm.costPerMillionTokens)],
    llmRidgeH100: [989e12 / 3.35e12, '295 FLOP/byte'],
    psiExample: [psi(...drift), psi(...drift).toFixed(3)],
    psiExampleBand: [psi(...drift), psiBand(psi(...drift))],
    klExample: [klDivergence(drift[1], drift[0]), `${klDivergence(drift[1], drift[0]).toFixed(3)} nats`],
    jsExample: [jensenShannon(drift[1], drift[0]), `${jensenShannon(drift[1], drift[0]).toFixed(3)} nats`],
    jsDistanceExample: [Math.sqrt(jensenShannon(drift[1], drift[0])), Math.sqrt(jensenShannon(drift[1], drift[0])).toFixed(3)],
    priceGpuOnDemand: [1.5, '$1.50-2.50 per hour'],
    priceGpuSpot: [0.45, '$0.45-0.80 per hour'],
    priceVcpu: [0.03, '$0.03-0.05 per vCPU-hour'],
    priceStorage: [0.023, '$0.023 per GB-month'],
    priceEgress: [0.09, '$0.09 per GB'],
    costGpu: [cost.gpu, formatUsd(cost.gpu)],
    costCpu: [cost.cpu, formatUsd(cost.cpu)],
    costStorage: [cost.storage, formatUsd(cost.storage)],
    costEgress: [cost.egress, formatUsd(cost.egress)],
    costTotal: [cost.total, `${formatUsd(cost.total)} per month`],
    costPerRequest: [costPerRequest(cost.total, 10_000_000), `${formatUsd(costPerRequest(cost.total, 10_000_000))} per request`],
    downtime999Year: [downtimeMinutesPerYear(0.999) * 60, '8.76 h per year'],
    downtime999Month: [downtimeMinutesPerMonth(0.999) * 60, '43.2 min per month'],
    parallel99x2: [parallelAvailability([0.99, 0.99]), formatAvailability(parallelAvailability([0.99, 0.99]))],
    series999x3: [seriesAvailability([0.999, 0.999, 0.999]), formatAvailability(seriesAvailability([0.999, 0.999, 0.999]))],
    mtbf: [mtbfHours(8750, 5), '1,750 h'],
    mttr: [mttrHours(10, 5), '2 h'],
    availabilityFromMtbf: [availabilityFromMtbf(1750, 2), formatAvailability(availabilityFromMtbf(1750, 2))],
    batchedThroughput: [batched.throughputRps, formatRps(batched.throughputRps)],
    batchedLatency: [batched.latencySeconds, formatDuration(batched.latencySeconds)],
  };
}

/** Every <Figure> on the built page: its id, the value it was computed from, and the text shown. */
function renderedFigures(html: string): Map<string, { value: number; text: string }> {
  const figures = new Map<string, { value: number; text: string }>();
  for (const match of html.matchAll(/<span[^>]*data-figure="?([A-Za-z0-9]+)"?[^>]*data-value="?([^"\s>]+)"?[^>]*>([^<]*)<\/span>/g)) {
    figures.set(match[1]!, { value: Number(match[2]), text: decodeEntities(match[3]!) });
  }
  return figures;
}

describe('the cheat-sheet page', () => {
  it('shows every worked example exactly as the tested functions compute it from the stated inputs', () => {
    assertBuilt();
    const rendered = renderedFigures(htmlFor(CHEAT_SHEET_ROUTE));
    const expected = expectedFigures();
    expect([...rendered.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [id, [value, text]] of Object.entries(expected)) {
      expect(rendered.get(id)?.text, id).toBe(text);
      expect(rendered.get(id)?.value, id).toBeCloseTo(value, 6);
    }
  });

  it('shows every figure the library defines, each with a unit, a currency or a band', () => {
    const rendered = renderedFigures(htmlFor(CHEAT_SHEET_ROUTE));
    expect([...rendered.keys()].sort()).toEqual(Object.keys(CHEAT_SHEET_FIGURES).sort());
    // PSI and the Jensen-Shannon distance are reported as bare scores; the PSI band is a word.
    const unitless = new Set(['psiExample', 'psiExampleBand', 'jsDistanceExample']);
    for (const [id, { text }] of rendered) {
      if (unitless.has(id)) continue;
      expect(text, id).toMatch(/(GB|GiB|FLOP|ms|\bs|\bh|min|%|requests|pods|sequences|nats|\$)/);
    }
  });

  it('typesets its formulas with KaTeX, without errors', () => {
    const html = htmlFor(CHEAT_SHEET_ROUTE);
    expect((html.match(/class="?katex"?/g) ?? []).length).toBeGreaterThan(25);
    expect(html).not.toContain('katex-error');
  });

  it('is linked from the navbar, the home page and the footer, as is the calculators page', () => {
    for (const page of ['/', '/architecture', CHEAT_SHEET_ROUTE]) {
      const html = htmlFor(page);
      const navbar = /<nav[^>]*navbar[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
      const footer = /<footer[^>]*theme-layout-footer[\s\S]*?<\/footer>/.exec(html)?.[0] ?? '';
      for (const route of [CHEAT_SHEET_ROUTE, '/tools']) {
        expect(navbar, `${page} navbar -> ${route}`).toMatch(new RegExp(`href="?${route}"?[ >]`));
        expect(footer, `${page} footer -> ${route}`).toMatch(new RegExp(`href="?${route}"?[ >]`));
      }
    }
    const main = /<main[\s\S]*?<\/main>/.exec(htmlFor('/'))?.[0] ?? '';
    expect(main).toMatch(/href="?\/cheat-sheet"?[ >]/);
    expect(main).toMatch(/href="?\/tools"?[ >]/);
  });
});

describe('calculators in the pages', () => {
  it('the calculators page and the question pages that need them embed them', () => {
    const embedded: Record<string, string[]> = {
      '/tools': ['GPU memory calculator', 'Throughput and concurrency calculator', 'Availability calculator', 'Drift calculator', 'Cloud cost calculator'],
      '/architecture/quality/q11-sub-100ms-latency': ['Throughput and concurrency calculator'],
      '/architecture/quality/q12-high-availability': ['Availability calculator'],
      '/architecture/quality/q13-scaling-to-10k-rps': ['Throughput and concurrency calculator'],
      '/architecture/quality/q15-gpu-utilization': ['Cloud cost calculator'],
      '/architect-interview/advanced/q23-gpu-memory-estimation': ['GPU memory calculator'],
      '/architect-interview/lifecycle/q04-data-drift-vs-concept-drift': ['Drift calculator'],
      [CHEAT_SHEET_ROUTE]: ['GPU memory calculator', 'Throughput and concurrency calculator', 'Availability calculator', 'Drift calculator', 'Cloud cost calculator'],
    };
    for (const [page, labels] of Object.entries(embedded)) {
      const html = htmlFor(page);
      for (const label of labels) expect(html, `${page}: ${label}`).toMatch(new RegExp(`<form[^>]*aria-label="${label}"`));
    }
  });
});
