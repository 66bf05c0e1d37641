/**
 * The one entry point for the handbook's formulas: the cheat sheet, its PDF
 * and the calculators import from here. The arithmetic that question pages
 * already show and test (GPU memory, availability, drift, replicas) is
 * re-exported from those examples, not copied, so every figure has one source.
 */
export {
  GPU_MEMORY_GB,
  MODEL_PRESETS,
  estimateServingMemory,
  kvBytesPerToken,
  kvCacheBytes,
  kvWidth,
  maxBatchSize,
  toGB,
  weightBytes,
  type GpuFit,
  type MemoryEstimate,
  type ModelShape,
  type PresetName,
  type ServingWorkload,
} from '../../examples/interview-q23-gpu-memory/gpuMemory';
export {
  HOURS_PER_YEAR,
  MINUTES_PER_MONTH,
  MINUTES_PER_YEAR,
  availabilityFromMtbf,
  downtimeMinutesPerMonth,
  downtimeMinutesPerYear,
  nines,
  parallelAvailability,
  replicasForTarget,
  seriesAvailability,
} from '../../examples/q12-high-availability/availability';
export {
  DEFAULT_EPSILON,
  PSI_ACT,
  PSI_WARN,
  jensenShannon,
  klDivergence,
  psi,
  psiBand,
  toProportions,
  type PsiBand,
} from '../../examples/interview-q04-drift-detection/driftScores';
export { hpaDesiredReplicas, inFlightPerPod, replicasForLoad } from '../../examples/q13-scaling-to-10k-rps/replicaPlanner';
export * from './latency';
export * from './compute';
export * from './cost';
export * from './reliability';
export * from './scaling';
export * from './llmServing';
export * from './format';
export * from './cheatSheet';
