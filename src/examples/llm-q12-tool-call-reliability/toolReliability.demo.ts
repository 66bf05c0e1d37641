/**
 * Demo: the same ten trials read as pass@k and as pass^k, what a chain of
 * steps does to a good per-step success rate, and a payment whose response is
 * lost after the charge. Change p, the number of steps or the attempts per step.
 */
import { passAtK, passHatK, ToolExecutor, TransientError, workflowSuccess, type ToolSpec } from './toolReliability';

export async function demo(): Promise<{ passAt3: number; passHat3: number; tenSteps: number; charges: number }> {
  const n = 10;
  const c = 8; // successes in 10 recorded trials of one task
  for (const k of [1, 3, 5]) console.log(`k=${k}: pass@k ${passAtK(n, c, k).toFixed(3)}, pass^k ${passHatK(n, c, k).toFixed(3)}`);

  const p = 0.95;
  const steps = 10;
  console.log(
    `${steps} steps at p=${p}: ${(workflowSuccess(p, steps) * 100).toFixed(1)} % of runs succeed; with 3 attempts a step: ${(workflowSuccess(p, steps, 3) * 100).toFixed(2)} %`,
  );

  // A payment API that de-duplicates by idempotency key; the first response is lost after charging.
  const charges = new Map<string, number>();
  let calls = 0;
  const charge: ToolSpec<string> = {
    name: 'charge_card',
    schema: { amountCents: 'number' },
    retrySafe: true,
    run: async (args, key) => {
      if (!charges.has(key)) charges.set(key, args.amountCents as number);
      if (++calls === 1) throw new TransientError('connection reset');
      return `charged ${String(charges.get(key))} cents`;
    },
  };
  const executor = new ToolExecutor({
    maxAttempts: 3,
    baseDelayMs: 200,
    attemptTimeoutMs: 5_000,
    sleep: async () => undefined,
    deadline: () => new Promise<void>(() => undefined),
    random: () => 0.5,
  });
  const [first, duplicate] = await Promise.all([executor.execute(charge, { amountCents: 4_999 }, 'order-17'), executor.execute(charge, { amountCents: 4_999 }, 'order-17')]);
  console.log(`payment: ${first} / ${duplicate}; tool called ${calls} times, ${charges.size} charge recorded`);
  // Rounded: engines may differ in the last bit of a power, and the result is compared across them.
  const round = (x: number): number => Number(x.toFixed(4));
  return { passAt3: round(passAtK(n, c, 3)), passHat3: round(passHatK(n, c, 3)), tenSteps: round(workflowSuccess(p, steps)), charges: charges.size };
}
