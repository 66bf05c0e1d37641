/**
 * Demo: the page's plan for 10,000 requests per second. It sizes the fleet
 * (25 serving pods plus 2 spares), reviews the naive 20 pods and the near
 * misses 25 and 26, shows why three 5 ms stage p99s make a 110 ms end-to-end
 * p99, budgets the five cache-miss stages at p99.8, and sets a quoted unit price
 * against the fleet's own cost per request.
 */
import { composeStages, dailySpend, fleetCostPerRequest, latencyBudget, percentileOf, planCapacity, reviewPodCount, type CapacityInput } from './capacityPlan';

const design: CapacityInput = { peakRps: 10_000, perPodRps: 500, targetUtilisation: 0.8, spares: 2, gatewayLimitRps: 10_500, cacheHitRate: 0.8 };

const n = (value: number): string => value.toLocaleString('en-GB');

export function demo(): {
  totalPods: number;
  problems: Record<number, number>;
  endToEndP99Ms: number;
  survivesLossOfSpares: boolean;
  budget: { totalMs: number; slackMs: number };
  dollars: { quotedPerDay: number; fleetPerRequest: number };
} {
  const plan = planCapacity(design);
  console.log(
    `${plan.servingPods} serving pods + ${design.spares} spares = ${plan.totalPods} pods: ${n(plan.capacityRps)} RPS, ${Math.round(100 * plan.utilisationAtPeak)}% busy at peak`,
  );
  // The fleet with its spares lost is the plan without spares.
  const sparesLost = planCapacity({ ...design, spares: 0 });
  console.log(
    `${design.spares} spares lost: ${sparesLost.totalPods} pods, ${n(sparesLost.capacityRps)} RPS, ${Math.round(100 * sparesLost.utilisationAtPeak)}% busy at peak, ` +
      `${plan.survivesLossOfSpares ? 'still carrying' : 'unable to carry'} the gateway's ${n(design.gatewayLimitRps)} RPS`,
  );
  console.log(`with ${100 * design.cacheHitRate}% cache hits, ${n(Math.round(plan.modelStageRps))} RPS reach the model stages`);

  const problems: Record<number, number> = {};
  for (const pods of [20, 25, 26, 27]) {
    const found = reviewPodCount(pods, design);
    problems[pods] = found.length;
    console.log(`review of ${pods} pods: ${found.length === 0 ? 'safe' : found.join('; ')}`);
  }

  // A 5 ms stage that stalls for 100 ms on 0.9% of requests: its own p99 is 5 ms.
  const stage = [
    { ms: 5, probability: 0.991 },
    { ms: 100, probability: 0.009 },
  ];
  const endToEndP99Ms = percentileOf(composeStages([stage, stage, stage]), 0.99);
  console.log(`three stages with a ${percentileOf(stage, 0.99)} ms p99 each: end-to-end p99 ${endToEndP99Ms} ms, not ${3 * percentileOf(stage, 0.99)} ms`);

  const stages = [
    { name: 'gateway, network and serialisation', latencyMs: 5 },
    { name: 'cache lookup', latencyMs: 2 },
    { name: 'ANN candidate generation', latencyMs: 5 },
    { name: 'feature fetch', latencyMs: 5 },
    { name: 'ranking 500 candidates', latencyMs: 10 },
  ].map((s) => ({ ...s, percentile: 0.998 }));
  const { totalMs, slackMs } = latencyBudget(stages, 50);
  console.log(`five stages at their p99.8: ${totalMs} ms of the 50 ms p99 budget, ${slackMs} ms to spare`);

  const quotedPerDay = Math.round(dailySpend(0.0003, design.peakRps));
  console.log(`a quoted $0.0003 per request at ${n(design.peakRps)} RPS is $${n(quotedPerDay)} a day`);
  const fleetPerRequest = fleetCostPerRequest(plan.totalPods, 0.7, design.peakRps);
  console.log(
    `${plan.totalPods} pods at $0.70 per pod-hour, at peak: $${fleetPerRequest.toFixed(9)} a request, ${Number((100 * 1e6 * fleetPerRequest).toFixed(1))} cents per million`,
  );
  return {
    totalPods: plan.totalPods,
    problems,
    endToEndP99Ms,
    survivesLossOfSpares: plan.survivesLossOfSpares,
    budget: { totalMs, slackMs },
    dollars: { quotedPerDay, fleetPerRequest },
  };
}
