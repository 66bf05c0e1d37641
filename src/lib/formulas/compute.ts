/**
 * Compute of a dense transformer, as amounts of floating-point operations
 * (FLOP) and, given a hardware rate (FLOP/s), as time.
 *
 * A FLOP count is an amount; FLOPS (FLOP per second) is a rate. "2 × parameters"
 * is the amount per token of a forward pass (one multiply and one add per
 * weight); it is not a speed. The attention term (about 2 × layers × context ×
 * width per token) is left out: a few percent below a few thousand tokens.
 */

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}

/** Forward-pass FLOP per token: 2 × parameters. 7B parameters: 14 GFLOP per token. */
export function forwardFlopsPerToken(parameters: number): number {
  return 2 * positive(parameters, 'parameters');
}

/** Forward-pass FLOP for a number of tokens: 2 × parameters × tokens. 7B over 2,048 tokens: 28.7 TFLOP. */
export function forwardFlops(parameters: number, tokens: number): number {
  return forwardFlopsPerToken(parameters) * positive(tokens, 'tokens');
}

/** Training FLOP: about 6 × parameters × training tokens (forward 2, backward 4). */
export function trainingFlops(parameters: number, tokens: number): number {
  return 6 * positive(parameters, 'parameters') * positive(tokens, 'tokens');
}

/**
 * Seconds to do an amount of FLOP on hardware with a peak rate (FLOP/s) at a
 * utilisation (model FLOPs utilisation, 0-1). Peaks are dense, datasheet figures.
 */
export function computeSeconds(flops: number, peakFlopsPerSecond: number, utilisation = 0.5): number {
  positive(flops, 'flops');
  positive(peakFlopsPerSecond, 'peakFlopsPerSecond');
  if (!(utilisation > 0 && utilisation <= 1)) throw new RangeError(`utilisation must be in (0, 1], got ${utilisation}`);
  return flops / (peakFlopsPerSecond * utilisation);
}

/** NVIDIA A100 dense BF16/FP16 Tensor Core peak from its datasheet: 312 TFLOP/s. */
export const A100_PEAK_BF16_FLOPS = 312e12;
