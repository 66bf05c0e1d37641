/**
 * Every worked example on the cheat sheet, computed by the same functions the
 * question pages and calculators use. The page shows these through <Figure id=…/>,
 * so a number on the sheet (and in its PDF) cannot drift from the code.
 * The inputs are stated in the sheet's text too; a test of the built page
 * recomputes each figure from those inputs.
 */
import { MODEL_PRESETS, estimateServingMemory, kvCacheBytes, maxBatchSize, toGB, weightBytes } from '../../examples/interview-q23-gpu-memory/gpuMemory';
import { availabilityFromMtbf, downtimeMinutesPerMonth, downtimeMinutesPerYear, parallelAvailability, seriesAvailability } from '../../examples/q12-high-availability/availability';
import { jensenShannon, klDivergence, psi, psiBand } from '../../examples/interview-q04-drift-detection/driftScores';
import { inFlightPerPod, replicasForLoad } from '../../examples/q13-scaling-to-10k-rps/replicaPlanner';
import { A100_PEAK_BF16_FLOPS, computeSeconds, forwardFlops, forwardFlopsPerToken, trainingFlops } from './compute';
import { ILLUSTRATIVE_PRICES, costPerRequest, fleetHoursPerMonth, monthlyCost } from './cost';
import {
  formatAvailability,
  formatCount,
  formatDecimal,
  formatDuration,
  formatFlop,
  formatGB,
  formatGiBFromBytes,
  formatRps,
  formatSignificant,
  formatUsd,
  formatUsdRange,
} from './format';
import { GPU_PRESETS, estimateLlmServing } from './llmServing';
import { concurrentThroughput, singleThreadThroughput, tailLatencyEstimate } from './latency';
import { mtbfHours, mttrHours } from './reliability';
import { afterBatchDoublings } from './scaling';

export interface FigureValue {
  /** The number in base units (bytes, FLOP, seconds, dollars, fractions). */
  readonly value: number;
  /** How the sheet writes it, unit included. */
  readonly text: string;
}

const figure = (value: number, text: string): FigureValue => ({ value, text });
const score = (value: number): string => formatDecimal(value, 3);

/** The inputs of the worked examples, named so the sheet's text and its test can state them. */
export const EXAMPLE_INPUTS = {
  latencySeconds: 0.05,
  concurrency: 8,
  overheadSeconds: 0.01,
  meanSeconds: 0.04,
  stdDevSeconds: 0.01,
  targetRps: 10_000,
  perPodRps: 800,
  utilisation: 0.7,
  kvWorkload: { batchSize: 32, sequenceLength: 2048 },
  trainingTokens: 2e12,
  prefillUtilisation: 0.5,
  driftReference: [25, 25, 25, 25],
  driftCurrent: [10, 20, 30, 40],
  cost: { gpus: 2, gpuPrice: ILLUSTRATIVE_PRICES.gpuOnDemandPerHour.low, vcpus: 16, vcpuPrice: 0.04, storageGb: 1000, egressGb: 500, requestsPerMonth: 10_000_000 },
  incidents: { uptimeHours: 8750, downtimeHours: 10, failures: 5 },
  batch: { throughputRps: 100, latencySeconds: 0.05, doublings: 2, fixedShare: 0.8 },
  // Llama 3 8B on an H100; the price is illustrative, not a quote.
  llmServing: { batchSize: 32, promptTokens: 1024, outputTokens: 256, pricePerGpuHour: 3 },
} as const;

function build() {
  const x = EXAMPLE_INPUTS;
  const llama2 = MODEL_PRESETS['7B'];
  const llama3 = MODEL_PRESETS['8B'];
  const kv7b = kvCacheBytes(llama2, x.kvWorkload);
  const total7b = estimateServingMemory(llama2, x.kvWorkload);
  const flops2048 = forwardFlops(llama2.parameters, x.kvWorkload.sequenceLength);
  const cost = monthlyCost({
    gpuHours: fleetHoursPerMonth(x.cost.gpus),
    gpuPricePerHour: x.cost.gpuPrice,
    vcpuHours: fleetHoursPerMonth(x.cost.vcpus),
    vcpuPricePerHour: x.cost.vcpuPrice,
    storageGb: x.cost.storageGb,
    storagePricePerGbMonth: ILLUSTRATIVE_PRICES.storagePerGbMonth,
    egressGb: x.cost.egressGb,
    egressPricePerGb: ILLUSTRATIVE_PRICES.egressPerGb,
  });
  const psiScore = psi(x.driftReference, x.driftCurrent);
  const mtbf = mtbfHours(x.incidents.uptimeHours, x.incidents.failures);
  const mttr = mttrHours(x.incidents.downtimeHours, x.incidents.failures);
  const batched = afterBatchDoublings(x.batch, x.batch.doublings, x.batch.fixedShare);
  const littles = inFlightPerPod(x.targetRps, x.latencySeconds);
  const llm = estimateLlmServing({ model: llama3, gpu: GPU_PRESETS.h100, ...x.llmServing });

  return {
    // Latency and throughput
    singleThread: figure(singleThreadThroughput(x.latencySeconds), formatRps(singleThreadThroughput(x.latencySeconds))),
    concurrent: figure(
      concurrentThroughput(x.concurrency, x.latencySeconds, x.overheadSeconds),
      formatRps(concurrentThroughput(x.concurrency, x.latencySeconds, x.overheadSeconds)),
    ),
    tail: figure(tailLatencyEstimate(x.meanSeconds, x.stdDevSeconds), formatDuration(tailLatencyEstimate(x.meanSeconds, x.stdDevSeconds))),
    littlesLaw: figure(littles, `${formatCount(littles)} requests in flight`),
    replicas: figure(replicasForLoad(x.targetRps, x.perPodRps, x.utilisation), `${formatCount(replicasForLoad(x.targetRps, x.perPodRps, x.utilisation))} pods`),
    // Model memory and compute
    weights7b: figure(weightBytes(llama2, 16), formatGB(toGB(weightBytes(llama2, 16)))),
    kv7b: figure(kv7b, formatGB(toGB(kv7b))),
    kv7bGiB: figure(kv7b, formatGiBFromBytes(kv7b)),
    kv8bGqa: figure(kvCacheBytes(llama3, x.kvWorkload), formatGB(toGB(kvCacheBytes(llama3, x.kvWorkload)))),
    kv8bGqaFp8: figure(kvCacheBytes(llama3, { ...x.kvWorkload, kvBytesPerValue: 1 }), formatGB(toGB(kvCacheBytes(llama3, { ...x.kvWorkload, kvBytesPerValue: 1 })))),
    total7b: figure(total7b.totalBytes, formatGB(total7b.totalGB)),
    flopsPerToken7b: figure(forwardFlopsPerToken(llama2.parameters), formatFlop(forwardFlopsPerToken(llama2.parameters))),
    flops7b2048: figure(flops2048, formatFlop(flops2048)),
    prefillA100: figure(
      computeSeconds(flops2048, A100_PEAK_BF16_FLOPS, x.prefillUtilisation),
      formatDuration(computeSeconds(flops2048, A100_PEAK_BF16_FLOPS, x.prefillUtilisation)),
    ),
    training7b: figure(trainingFlops(llama2.parameters, x.trainingTokens), formatFlop(trainingFlops(llama2.parameters, x.trainingTokens))),
    maxBatch7b80: figure(
      maxBatchSize(llama2, 80, { sequenceLength: x.kvWorkload.sequenceLength }),
      `${formatCount(maxBatchSize(llama2, 80, { sequenceLength: x.kvWorkload.sequenceLength }))} sequences`,
    ),
    // LLM serving
    llmDecodeStep: figure(llm.decodeStepSeconds, formatDuration(llm.decodeStepSeconds)),
    llmTokensPerSecond: figure(llm.tokensPerSecond, `${formatSignificant(llm.tokensPerSecond, 3)} tokens/s`),
    llmTtft: figure(llm.ttftSeconds, formatDuration(llm.ttftSeconds)),
    llmMaxBatch: figure(llm.maxBatch, `${formatCount(llm.maxBatch)} sequences`),
    llmCostPerMillion: figure(llm.costPerMillionTokens, formatUsd(llm.costPerMillionTokens)),
    llmRidgeH100: figure(llm.ridgePoint, `${formatCount(llm.ridgePoint)} FLOP/byte`),
    // Drift
    psiExample: figure(psiScore, score(psiScore)),
    psiExampleBand: figure(psiScore, psiBand(psiScore)),
    klExample: figure(klDivergence(x.driftCurrent, x.driftReference), `${score(klDivergence(x.driftCurrent, x.driftReference))} nats`),
    jsExample: figure(jensenShannon(x.driftCurrent, x.driftReference), `${score(jensenShannon(x.driftCurrent, x.driftReference))} nats`),
    // Thresholds such as 0.1 are set on the distance (the square root), not on the divergence.
    jsDistanceExample: figure(Math.sqrt(jensenShannon(x.driftCurrent, x.driftReference)), score(Math.sqrt(jensenShannon(x.driftCurrent, x.driftReference)))),
    // Cloud cost
    costGpu: figure(cost.gpu, formatUsd(cost.gpu)),
    costCpu: figure(cost.cpu, formatUsd(cost.cpu)),
    costStorage: figure(cost.storage, formatUsd(cost.storage)),
    costEgress: figure(cost.egress, formatUsd(cost.egress)),
    costTotal: figure(cost.total, `${formatUsd(cost.total)} per month`),
    costPerRequest: figure(costPerRequest(cost.total, x.cost.requestsPerMonth), `${formatUsd(costPerRequest(cost.total, x.cost.requestsPerMonth))} per request`),
    // Availability
    downtime999Year: figure(downtimeMinutesPerYear(0.999) * 60, `${formatDuration(downtimeMinutesPerYear(0.999) * 60)} per year`),
    downtime999Month: figure(downtimeMinutesPerMonth(0.999) * 60, `${formatDuration(downtimeMinutesPerMonth(0.999) * 60)} per month`),
    parallel99x2: figure(parallelAvailability([0.99, 0.99]), formatAvailability(parallelAvailability([0.99, 0.99]))),
    series999x3: figure(seriesAvailability([0.999, 0.999, 0.999]), formatAvailability(seriesAvailability([0.999, 0.999, 0.999]))),
    mtbf: figure(mtbf, `${formatCount(mtbf)} h`),
    mttr: figure(mttr, `${formatCount(mttr)} h`),
    availabilityFromMtbf: figure(availabilityFromMtbf(mtbf, mttr), formatAvailability(availabilityFromMtbf(mtbf, mttr))),
    // Unit prices (illustrative)
    priceGpuOnDemand: figure(ILLUSTRATIVE_PRICES.gpuOnDemandPerHour.low, `${formatUsdRange(ILLUSTRATIVE_PRICES.gpuOnDemandPerHour)} per hour`),
    priceGpuSpot: figure(ILLUSTRATIVE_PRICES.gpuSpotPerHour.low, `${formatUsdRange(ILLUSTRATIVE_PRICES.gpuSpotPerHour)} per hour`),
    priceVcpu: figure(ILLUSTRATIVE_PRICES.vcpuPerHour.low, `${formatUsdRange(ILLUSTRATIVE_PRICES.vcpuPerHour)} per vCPU-hour`),
    priceStorage: figure(ILLUSTRATIVE_PRICES.storagePerGbMonth, `${formatUsd(ILLUSTRATIVE_PRICES.storagePerGbMonth)} per GB-month`),
    priceEgress: figure(ILLUSTRATIVE_PRICES.egressPerGb, `${formatUsd(ILLUSTRATIVE_PRICES.egressPerGb)} per GB`),
    // Scaling
    batchedThroughput: figure(batched.throughputRps, formatRps(batched.throughputRps)),
    batchedLatency: figure(batched.latencySeconds, formatDuration(batched.latencySeconds)),
  } as const;
}

export const CHEAT_SHEET_FIGURES = build();
export type FigureId = keyof typeof CHEAT_SHEET_FIGURES;

/** A figure by id; an unknown id stops the build with the list of known ids. */
export function cheatSheetFigure(id: string): FigureValue {
  const found = (CHEAT_SHEET_FIGURES as Record<string, FigureValue>)[id];
  if (!found) throw new Error(`Unknown cheat-sheet figure "${id}". Known figures: ${Object.keys(CHEAT_SHEET_FIGURES).join(', ')}`);
  return found;
}
