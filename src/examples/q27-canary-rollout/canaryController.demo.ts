/**
 * Demo: four rollouts through 1% -> 10% -> 50% -> 100% of users at 200 requests a
 * second, one request per user, evaluated once a minute. Version A is as good as
 * the baseline and is promoted step by step; version B fails 3% of requests
 * against the baseline's 1% and is rolled back by the z-test once the 1% step's
 * planned sample is in; version C fails every second request and version D
 * answers after the 1 s timeout, and the error ceiling rolls both back within
 * seconds. Users are routed by a stable hash of their id; the clock is a variable.
 */
import { CanaryController } from './canaryController';

const requestsPerSecond = 200;

function rollout(version: string, canary: { failsOneIn: number; latencyMs: number }): string[] {
  let now = 0;
  const controller = new CanaryController(
    {
      steps: [1, 10, 50, 100],
      salt: version,
      detectableRise: { baselineRate: 0.01, delta: 0.02 },
      minStepDurationMs: 60_000,
      criticalZ: 1.96,
      maxP95LatencyRatio: 1.2,
      timeoutMs: 1_000,
      errorCeiling: { maxErrors: 10, windowRequests: 100 },
    },
    () => now,
  );
  const decisions: string[] = [];
  const sent = { baseline: 0, canary: 0 };
  let user = 0;
  while (controller.status === 'running') {
    const weight = controller.weightPercent;
    for (let i = 0; i < requestsPerSecond; i++) {
      const ticket = controller.route(`user-${user++}`);
      const n = ++sent[ticket.arm];
      const failsOneIn = ticket.arm === 'canary' ? canary.failsOneIn : 100;
      const latencyMs = (ticket.arm === 'canary' ? canary.latencyMs : 40) + (n % 20);
      controller.record(ticket, { error: n % failsOneIn === 0, latencyMs });
    }
    now += 1_000;
    // Evaluate once a minute, or at once when the ceiling has already rolled the canary back.
    if (controller.status === 'running' && now % 60_000 !== 0) continue;
    const decision = controller.evaluate();
    const text =
      decision.action === 'rollback' || decision.action === 'wait'
        ? `${decision.action}: ${decision.reason}`
        : decision.action === 'complete'
          ? 'complete: the new version serves everyone'
          : `advance to ${decision.weightPercent}%`;
    console.log(`${version} at ${weight}%, ${now / 1_000} s: ${text}`);
    if (decision.action !== 'wait') decisions.push(decision.action);
  }
  return decisions;
}

export function demo(): Record<string, string[]> {
  return {
    'version A': rollout('version-A', { failsOneIn: 100, latencyMs: 40 }),
    'version B': rollout('version-B', { failsOneIn: 33, latencyMs: 40 }),
    'version C': rollout('version-C', { failsOneIn: 2, latencyMs: 40 }),
    'version D': rollout('version-D', { failsOneIn: 100, latencyMs: 1_500 }),
  };
}
