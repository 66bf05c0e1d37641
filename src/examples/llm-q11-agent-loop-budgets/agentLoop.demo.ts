/**
 * Demo: the same agent loop meets four scripted models. One finishes, one
 * repeats the same search, one keeps paging until its cost budget runs out,
 * and one tries to send an email the policy does not allow. Change the budgets
 * or the price (illustrative $3 and $15 per million tokens) and run it again.
 */
import { runAgent, type AgentConfig, type Decision, type Model, type Outcome } from './agentLoop';

/** An allow-list: only tools named here may run. Email leaves the company, so a person sends it. */
const ALLOWED_TOOLS: ReadonlySet<string> = new Set(['search']);
export const allow = (tool: string): boolean => ALLOWED_TOOLS.has(tool);

export async function demo(): Promise<Outcome['status'][]> {
  let now = 0; // a fake clock: every tool call takes 2 s
  const base: Omit<AgentConfig, 'model'> = {
    tools: {
      search: async (args) => ((now += 2_000), `3 hits for "${String(args.q)}"`),
      send_email: async () => 'sent',
    },
    allow,
    maxSteps: 8,
    maxWallMs: 60_000,
    maxCostUsd: 0.05,
    toolDeadlineMs: 5_000,
    maxRepeats: 3,
    pricePerMillion: { input: 3, output: 15 },
    clock: () => now,
    sleep: () => new Promise<void>(() => undefined),
  };
  // Each turn re-sends the history, so input tokens grow with every step.
  const model =
    (pick: (step: number) => Decision): Model =>
    async (history) => ({ decision: pick(history.length), inputTokens: 2_000 + 1_000 * history.length, outputTokens: 300 });
  const search = (q: string): Decision => ({ kind: 'tool', tool: 'search', args: { q } });

  const runs: [string, Model][] = [
    ['answers after two searches', model((i) => (i < 2 ? search(`refund policy ${i}`) : { kind: 'finish', answer: '30 days' }))],
    ['repeats one search', model(() => search('refund policy'))],
    ['pages through results', model((i) => search(`refund policy page ${i}`))],
    ['tries to email the customer', model((i) => (i < 1 ? search('order 17') : { kind: 'tool', tool: 'send_email', args: { to: 'customer' } }))],
  ];
  const statuses: Outcome['status'][] = [];
  for (const [name, m] of runs) {
    now = 0;
    const o = await runAgent({ ...base, model: m });
    const detail = o.status === 'done' ? `"${o.answer}"` : o.status === 'budget-exhausted' ? `${o.budget} budget` : o.status === 'error' ? o.error : o.tool;
    console.log(
      `${name}: ${o.status} (${detail}) after tool calls: ${o.steps.length}, model calls: ${o.usage.modelCalls}, $${o.usage.costUsd.toFixed(4)}, ${o.usage.elapsedMs / 1000} s`,
    );
    statuses.push(o.status);
  }
  return statuses;
}
