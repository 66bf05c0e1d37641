/**
 * Demo: Llama 3 8B at FP16 on an H100, by the roofline. Prefill of a 1,024-token
 * prompt, then decode steps at growing batch sizes with 1,152 tokens of
 * context. The roofline ignores memory: at this context 512 sequences would need
 * more KV cache than 80 GB holds. Change the batch sizes, the context or the model and run again.
 */
import { H100_SXM, LLAMA3_8B, batchToReachRidge, decodeIntensityLimit, decodeStep, prefillStep, ridgePoint } from './roofline';

/** An integer with thousands separators; written out so every browser prints the same. */
const thousands = (n: number): string => n.toFixed(0).replace(/\B(?=(\d{3})+$)/g, ',');

export function demo(): { ridge: number; prefillMs: number; decode: { batch: number; intensity: number; tokensPerSecond: number }[] } {
  const context = 1152;
  const ridge = ridgePoint(H100_SXM);
  console.log(`H100 ridge point: ${ridge.toFixed(0)} FLOP/byte`);
  const prefill = prefillStep(LLAMA3_8B, H100_SXM, 1024);
  console.log(`prefill, 1,024 tokens: ${prefill.intensity.toFixed(0)} FLOP/byte, ${prefill.bound}-bound, ${(prefill.seconds * 1000).toFixed(1)} ms`);
  const decode = [1, 8, 32, 128, 512].map((batch) => {
    const step = decodeStep(LLAMA3_8B, H100_SXM, batch, context);
    const tokensPerSecond = batch / step.seconds;
    console.log(
      `decode, batch ${batch}: ${step.intensity.toFixed(1)} FLOP/byte, ${step.bound}-bound, ${(step.seconds * 1000).toFixed(2)} ms a step, ${thousands(tokensPerSecond)} tokens/s`,
    );
    return { batch, intensity: Number(step.intensity.toFixed(1)), tokensPerSecond: Math.round(tokensPerSecond) };
  });
  const reach = batchToReachRidge(LLAMA3_8B, H100_SXM, context);
  console.log(
    `decode intensity limit at ${context} tokens: ${decodeIntensityLimit(LLAMA3_8B, context).toFixed(0)} FLOP/byte; ${reach === undefined ? 'no batch reaches the ridge' : `ridge at batch ${reach}`}`,
  );
  return { ridge: Math.round(ridge), prefillMs: Number((prefill.seconds * 1000).toFixed(1)), decode };
}
