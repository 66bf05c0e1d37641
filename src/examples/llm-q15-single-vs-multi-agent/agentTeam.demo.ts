/**
 * Demo: eight independent research pieces, done by one agent or by an orchestrator with
 * four workers. Change the numbers: more workers, a better handoff (handoffSuccess), or
 * fewer pieces, and watch tokens, wall time and end-to-end success move. Then the
 * orchestrator fans four subtasks out to fake workers with a 100 ms deadline and one
 * retry: one worker fails twice, one hangs past both deadlines, and both are skipped.
 */
import { breakEvenDollarsPerHourSaved, fanOut, orchestrated, singleAgent, type Team, type Workload } from './agentTeam';

export async function demo(): Promise<{ breakEven: number; failed: string[] }> {
  const work: Workload = { subtasks: 8, tokensPerSubtask: 20_000, carriedTokens: 2_000, secondsPerSubtask: 60, stepSuccess: 0.97 };
  const team: Team = { workers: 4, workerOverheadTokens: 8_000, summaryTokens: 1_000, orchestratorTokens: 6_000, orchestratorSeconds: 30, handoffSuccess: 0.98 };
  const single = singleAgent(work);
  const multi = orchestrated(work, team);
  for (const [name, e] of [
    ['one agent', single],
    ['orchestrator + 4 workers', multi],
  ] as const) {
    console.log(
      `${name}: ${e.tokens.toLocaleString('en-GB')} tokens, ${e.seconds} s, success ${(e.success * 100).toFixed(1)}%, peak context ${e.peakContextTokens.toLocaleString('en-GB')}`,
    );
  }
  const breakEven = breakEvenDollarsPerHourSaved(single, multi, 3); // illustrative $3 per million tokens
  console.log(`the team pays if an hour of waiting is worth more than $${breakEven.toFixed(2)}`);
  const better = orchestrated(work, { ...team, handoffSuccess: 0.995 });
  console.log(`with handoffs that lose 0.5% instead of 2%: success ${(better.success * 100).toFixed(1)}%`);

  const fake: Record<string, number> = { pricing: 40, competitors: 10, regulation: 25, patents: 60_000 }; // ms each; patents hangs
  const result = await fanOut(
    Object.keys(fake),
    async (s, signal) => {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, fake[s]);
        signal.addEventListener('abort', () => (clearTimeout(timer), reject(new Error('stopped'))));
      });
      if (s === 'competitors') throw new Error('search quota exceeded');
      return `${s}: 3 sources`;
    },
    2,
    { deadlineMs: 100, retries: 1 },
  );
  console.log(`done: ${result.done.map((d) => d.value).join('; ')}`);
  console.log(`failed: ${result.failed.map((f) => `${f.subtask} (${f.error})`).join('; ')}`);
  return { breakEven: Number(breakEven.toFixed(2)), failed: result.failed.map((f) => f.subtask) };
}
