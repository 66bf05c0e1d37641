/**
 * Demo: the gateway with the page's prices (GPT-4o mini at $0.15 and $0.60, GPT-4o at $2.50 and $10 per 1M input and
 * output tokens) and its requests: 2,000-character English prompts (500 tokens at four characters per token), a
 * 500-token output cap, 200-token answers. It shows a reservation about 3x the bill, ten requests routed 70% to the
 * small model priced at 1M a day, a cached repeat, GPT-4o failing with 503s until its circuit opens and a trial call
 * closes it, and a tight budget sending the second of two parallel calls to the cheaper model. The models are stand-ins
 * and the clock is a plain variable, so the 30 s cooldown passes at once.
 */
import { costUsd, DEFAULT_TEMPLATE_OVERHEAD_TOKENS, LlmGateway, ProviderError, type Completion, type Price, type Provider } from './llmGateway';

const PRICING: Record<string, Price> = {
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
};

const PROMPT_CHARS = 2_000;
const MAX_OUTPUT_TOKENS = 500;
const ANSWER_TOKENS = 200;
const STARTUP_BUDGET_USD = 0.012;

/** A stand-in model: bills four characters per input token and answers in ANSWER_TOKENS tokens, or returns 503 while down. */
function model(name: string): Provider & { calls: number; down: boolean } {
  const m = {
    name,
    calls: 0,
    down: false,
    async complete(prompt: string, maxOutputTokens: number): Promise<Completion> {
      m.calls++;
      if (m.down) throw new ProviderError('unavailable', `${name} returned 503`);
      return { text: `${name}: answer`, inputTokens: Math.ceil(prompt.length / 4), outputTokens: Math.min(ANSWER_TOKENS, maxOutputTokens) };
    },
  };
  return m;
}

/** An integer with thousands separators; written out so every browser prints the same. */
const thousands = (n: number): string => n.toFixed(0).replace(/\B(?=(\d{3})+$)/g, ',');
/** Dollars with thousands separators, dropping ".00" as the page does. */
const usd = (n: number): string => {
  const [whole, cents] = n.toFixed(2).split('.');
  return `$${thousands(Number(whole))}${cents === '00' ? '' : `.${cents}`}`;
};

export async function demo(): Promise<{
  reservedUsd: number;
  billedUsd: number;
  perDayUsd: { allLarge: number; allSmall: number; routed: number };
  outage: { servedBy: string[]; gpt4oTries: number; outageBookedUsd: number };
  parallel: string[];
}> {
  let now = 0;
  const small = model('gpt-4o-mini');
  const large = model('gpt-4o');
  const gateway = new LlmGateway({
    providers: [small, large],
    pricing: PRICING,
    routes: {
      extract: { providers: ['gpt-4o-mini', 'gpt-4o'], cacheable: true },
      reason: { providers: ['gpt-4o', 'gpt-4o-mini'], cacheable: false },
    },
    tenants: {
      acme: { requestsPerSecond: 100, burst: 100, dailyBudgetUsd: 100 },
      startup: { requestsPerSecond: 100, burst: 100, dailyBudgetUsd: STARTUP_BUDGET_USD },
    },
    now: () => now,
  });
  const prompt = (n: number) => `Request ${n}.`.padEnd(PROMPT_CHARS, ' Lorem ipsum.');
  const ask = (tenant: string, task: string, n: number) => gateway.complete({ tenant, task, prompt: prompt(n), maxOutputTokens: MAX_OUTPUT_TOKENS });
  // The gateway's default bound on input tokens: the prompt's UTF-8 bytes plus the template overhead.
  const inputBound = (n: number) => new TextEncoder().encode(prompt(n)).length + DEFAULT_TEMPLATE_OVERHEAD_TOKENS;
  const billedInput = PROMPT_CHARS / 4; // what the stand-in models bill

  // The reservation is booked before the call and settled when the answer comes back.
  const first = ask('acme', 'reason', 1);
  const reservedUsd = gateway.spentToday('acme');
  const billedUsd = (await first).costUsd;
  console.log(
    `a reasoning call on gpt-4o reserves $${reservedUsd.toFixed(5)} (${thousands(inputBound(1))} input + ${MAX_OUTPUT_TOKENS} output tokens) and is billed $${billedUsd.toFixed(5)}: ${(reservedUsd / billedUsd).toFixed(1)}x`,
  );

  const routedTo: string[] = [(await first).provider];
  for (let n = 2; n <= 3; n++) routedTo.push((await ask('acme', 'reason', n)).provider);
  for (let n = 4; n <= 10; n++) routedTo.push((await ask('acme', 'extract', n)).provider);
  const callsOn = (name: string) => routedTo.filter((p) => p === name).length;
  const perDay = (usdPerRequest: number) => Math.round(usdPerRequest * 1e6 * 100) / 100;
  const routed = perDay(gateway.spentToday('acme') / 10);
  const smallBillUsd = costUsd(PRICING['gpt-4o-mini']!, billedInput, ANSWER_TOKENS);
  const allLarge = perDay(costUsd(PRICING['gpt-4o']!, billedInput, ANSWER_TOKENS));
  const allSmall = perDay(smallBillUsd);
  console.log(`3 reasoning calls and 7 extractions went ${callsOn('gpt-4o')} to gpt-4o, ${callsOn('gpt-4o-mini')} to gpt-4o-mini; scaled to 1M requests a day: ${usd(routed)}`);
  console.log(`all on gpt-4o: ${usd(allLarge)}; all on gpt-4o-mini: ${usd(allSmall)}; routing saves ${((1 - routed / allLarge) * 100).toFixed(0)}%`);
  const smallCallsBefore = small.calls;
  const repeat = await ask('acme', 'extract', 10);
  const again = small.calls === smallCallsBefore ? `, not ${smallCallsBefore + 1}` : '';
  console.log(`extraction 10 again: ${repeat.cached ? 'served from cache' : 'not cached'} at ${usd(repeat.costUsd)}; gpt-4o-mini was called ${small.calls} times${again}`);

  large.down = true;
  const spentBefore = gateway.spentToday('acme');
  const largeCallsBefore = large.calls;
  const servedBy: string[] = [];
  for (let n = 11; n <= 14; n++) servedBy.push((await ask('acme', 'reason', n)).provider);
  const gpt4oTries = large.calls - largeCallsBefore;
  console.log(
    `gpt-4o returns 503: reasoning calls 11-14 served by ${servedBy.join(', ')}; gpt-4o tried ${gpt4oTries} times${gpt4oTries < servedBy.length ? `: after ${gpt4oTries} failures in a row its circuit is open` : ''}`,
  );
  const outageBookedUsd = gateway.spentToday('acme') - spentBefore;
  const fourSmallBillsUsd = 4 * smallBillUsd;
  console.log(
    Math.abs(outageBookedUsd - fourSmallBillsUsd) < 1e-12
      ? `booked for those 4 calls: $${outageBookedUsd.toFixed(5)}, four gpt-4o-mini bills: the 503s' reservations were refunded`
      : `booked for those 4 calls: $${outageBookedUsd.toFixed(5)}, not the $${fourSmallBillsUsd.toFixed(5)} of four gpt-4o-mini bills`,
  );
  large.down = false;
  now += 30_000;
  const trial = await ask('acme', 'reason', 15);
  servedBy.push(trial.provider);
  console.log(`30 s later gpt-4o is back: one trial call reaches ${trial.provider} and closes the circuit`);

  // Both reservations are booked before either answer: the second no longer fits on gpt-4o, so it degrades.
  const both = await Promise.all([ask('startup', 'reason', 16), ask('startup', 'reason', 17)]);
  const parallel = both.map((r) => r.provider);
  const [first4o, second4o] = [16, 17].map((n) => costUsd(PRICING['gpt-4o']!, inputBound(n), MAX_OUTPUT_TOKENS));
  const fits = first4o! + second4o! <= STARTUP_BUDGET_USD ? 'would fit in it' : 'would exceed it';
  console.log(`tenant startup, budget $${STARTUP_BUDGET_USD}, two reasoning calls at once: ${parallel.join(', ')} ($${first4o!.toFixed(5)} + $${second4o!.toFixed(5)} ${fits})`);
  const startupBooked = gateway.spentToday('startup');
  const twoBills = Math.abs(startupBooked - (both[0]!.costUsd + both[1]!.costUsd)) < 1e-12 ? 'the two bills' : 'not the sum of the two bills';
  console.log(`startup has booked $${startupBooked.toFixed(6)} of $${STARTUP_BUDGET_USD}, ${twoBills}`);

  return {
    reservedUsd,
    billedUsd,
    perDayUsd: { allLarge, allSmall, routed },
    outage: { servedBy, gpt4oTries, outageBookedUsd: Math.round(outageBookedUsd * 1e9) / 1e9 },
    parallel,
  };
}
