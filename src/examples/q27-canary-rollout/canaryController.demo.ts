/**
 * Demo: three rollouts through 1% -> 10% -> 50% -> 100% of users. Version A is
 * as good as the baseline and is promoted step by step; version B fails 3% of
 * requests against the baseline's 1% and is rolled back by the z-test at the end
 * of the first step, which waits for the sample planned to detect 1% -> 3%;
 * version C fails every second request and is rolled back by the error ceiling
 * after a few dozen requests. Users are routed by a stable hash of their id; the
 * clock is a variable.
 */
import { CanaryController, requiredSamplesPerArm, type Arm } from './canaryController';

const plannedSample = requiredSamplesPerArm(0.01, 0.02);

function rollout(version: string, canaryFailsOneIn: number): string[] {
  let now = 0;
  const controller = new CanaryController(
    {
      steps: [1, 10, 50, 100],
      salt: version,
      minSamplesPerArm: plannedSample,
      minStepDurationMs: 60_000,
      criticalZ: 1.96,
      maxP95LatencyRatio: 1.2,
      errorCeiling: { maxErrors: 10, windowRequests: 100 },
    },
    () => now,
  );
  const decisions: string[] = [];
  const served: Record<Arm, number> = { baseline: 0, canary: 0 };
  let user = 0;
  while (controller.status === 'running') {
    const weight = controller.weightPercent;
    // One minute of traffic, at least enough for the sample size on the smaller arm.
    for (let sent = 0; sent < 1_000_000; sent++) {
      const arm = controller.route(`user-${user++}`);
      const n = ++served[arm];
      const failsOneIn = arm === 'canary' ? canaryFailsOneIn : 100;
      controller.record(arm, { error: n % failsOneIn === 0, latencyMs: 40 + (n % 20) });
      if (controller.status !== 'running' || (served.canary >= plannedSample && served.baseline >= plannedSample)) break;
    }
    now += 60_000;
    const decision = controller.evaluate();
    const text =
      decision.action === 'rollback' || decision.action === 'wait'
        ? `${decision.action}: ${decision.reason}`
        : decision.action === 'complete'
          ? 'complete: the new version serves everyone'
          : `advance to ${decision.weightPercent}%`;
    console.log(`${version} at ${weight}% (${served.canary} canary / ${served.baseline} baseline requests): ${text}`);
    decisions.push(decision.action);
    served.baseline = served.canary = 0;
  }
  return decisions;
}

export function demo(): Record<string, string[]> {
  console.log(`planned sample: ${plannedSample} requests per arm to detect a rise from 1% to 3% errors`);
  return { 'version A': rollout('version-A', 100), 'version B': rollout('version-B', 33), 'version C': rollout('version-C', 2) };
}
