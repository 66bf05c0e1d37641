/**
 * Demo: the page's two regions, us-east and eu-west, routed 80/20 active-active, with probes ten seconds apart that
 * take a region out after three failures in a row and back in after two good ones. It shows one lost probe not
 * moving traffic, us-east failing just after a good probe and leaving the pool 30 s plus one probe timeout later
 * (5 s here, the module's example) while its 80% share sees errors, its return only after two good probes in a row
 * (a missed probe between good ones starts the count again), the router failing static when every check fails, and
 * the page's sizing rules: a 20% region must be sized as if it were the primary, and an active-passive standby at 30%
 * serves at most 30% of demand until it scales up. The peak demand of 10,000 requests per second is the demo's own
 * figure, printed as assumed (the page gives shares, not rates). Requests are spread evenly over [0, 1) instead of
 * drawn at random, and probe times are plain numbers, so nothing waits.
 */
import { detectionSeconds, FailoverRouter, type HealthPolicy, type Region } from './failoverRouter';

const POLICY: HealthPolicy = { unhealthyAfter: 3, healthyAfter: 2 };
const PROBE_INTERVAL_S = 10;
const PROBE_TIMEOUT_S = 5;
const PEAK_RPS = 10_000;
const REQUESTS = 1_000;

/** An integer with thousands separators; written out so every browser prints the same. */
const thousands = (n: number): string => n.toFixed(0).replace(/\B(?=(\d{3})+$)/g, ',');

/** The page's 80/20 regions; eu-west's capacity is the only thing the sizing examples change. */
const activeActive = (euWestRps: number): Region[] => [
  { name: 'us-east', weight: 80, capacityRps: PEAK_RPS },
  { name: 'eu-west', weight: 20, capacityRps: euWestRps },
];

/** Routes REQUESTS requests at uniforms 0, 1 / REQUESTS, ..., (REQUESTS - 1) / REQUESTS (demo-side) and counts them per region. */
function split(router: FailoverRouter): { counts: Record<string, number>; failStatic: number } {
  const counts: Record<string, number> = { 'us-east': 0, 'eu-west': 0 };
  let failStatic = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const decision = router.route(i / REQUESTS);
    counts[decision.region] = (counts[decision.region] ?? 0) + 1;
    if (decision.failStatic) failStatic++;
  }
  return { counts, failStatic };
}

const describeSplit = (s: { counts: Record<string, number> }): string => `${thousands(s.counts['us-east'] ?? 0)} to us-east, ${thousands(s.counts['eu-west'] ?? 0)} to eu-west`;

/**
 * us-east fails just after a good probe at t = 0. Probes are sent every PROBE_INTERVAL_S seconds and a failed one is
 * recorded when its timeout expires (demo-side timeline); returns the second at which the router takes us-east out.
 */
function secondsUntilOut(timeoutS: number): number | undefined {
  const router = new FailoverRouter(activeActive(PEAK_RPS), POLICY);
  for (let sent = PROBE_INTERVAL_S; sent <= 10 * PROBE_INTERVAL_S; sent += PROBE_INTERVAL_S) {
    router.recordProbe('us-east', false);
    if (!router.isHealthy('us-east')) return sent + timeoutS;
  }
  return undefined;
}

export function demo(): {
  healthy: Record<string, number>;
  keptAfterIsolatedMisses: boolean;
  outAfterSeconds: { timeout5s: number | undefined; refusedAtOnce: number | undefined };
  duringFailover: Record<string, number>;
  recovery: number[];
  failStatic: { requests: number; counts: Record<string, number> };
  unservedRps: { euWestSizedForShare: number; euWestSizedAsPrimary: number; standbyAt30Percent: number };
  standbyShare: number;
} {
  const router = new FailoverRouter(activeActive(PEAK_RPS), POLICY);
  const healthy = split(router).counts;
  console.log(`80/20 active-active, both regions healthy: of ${thousands(REQUESTS)} requests ${describeSplit({ counts: healthy })}`);

  for (const ok of [false, false, true, false, false]) router.recordProbe('us-east', ok);
  const keptAfterIsolatedMisses = router.isHealthy('us-east');
  const afterMisses = split(router);
  console.log(`us-east misses 2 probes, answers 1, misses 2 more: ${keptAfterIsolatedMisses ? 'still in the pool' : 'taken out'}, ${describeSplit(afterMisses)}`);

  const timeout5s = secondsUntilOut(PROBE_TIMEOUT_S);
  const refusedAtOnce = secondsUntilOut(0);
  const formula = detectionSeconds(PROBE_INTERVAL_S, POLICY, PROBE_TIMEOUT_S);
  const formula0 = detectionSeconds(PROBE_INTERVAL_S, POLICY, 0);
  const agree = timeout5s === formula && refusedAtOnce === formula0 ? 'as detectionSeconds computes' : `but detectionSeconds says ${formula} s and ${formula0} s`;
  console.log(
    `us-east fails just after a good probe at t=0: it leaves the pool at t=${timeout5s ?? 'never'} s with ${PROBE_TIMEOUT_S} s probe timeouts, t=${refusedAtOnce ?? 'never'} s if probes are refused at once, ${agree}`,
  );

  router.recordProbe('us-east', true); // the good probe at t=0
  for (let i = 1; i < POLICY.unhealthyAfter; i++) router.recordProbe('us-east', false);
  const beforeDetection = split(router).counts;
  console.log(
    `until then us-east, still in the pool after ${POLICY.unhealthyAfter - 1} failed probes, takes ${thousands(beforeDetection['us-east'] ?? 0)} of every ${thousands(REQUESTS)} requests, and they see errors`,
  );
  router.recordProbe('us-east', false);
  const duringFailover = split(router).counts;
  console.log(`after ${POLICY.unhealthyAfter} failures in a row: ${describeSplit({ counts: duringFailover })}`);

  // us-east recovers but flaps once: good, missed, good, good. The counts are us-east's requests of REQUESTS after each probe.
  const recovery: number[] = [];
  for (const ok of [true, false, true, true]) {
    router.recordProbe('us-east', ok);
    recovery.push(split(router).counts['us-east'] ?? 0);
  }
  const [afterGood, afterMiss, afterGoodAgain, afterSecondInARow] = recovery.map((n) => thousands(n));
  console.log(
    `us-east recovers but flaps; its requests of ${thousands(REQUESTS)} after a good probe: ${afterGood}, a missed one: ${afterMiss}, a good one: ${afterGoodAgain}, a second good one in a row: ${afterSecondInARow}`,
  );

  for (const region of ['us-east', 'eu-west']) for (let i = 0; i < POLICY.unhealthyAfter; i++) router.recordProbe(region, false);
  const staticSplit = split(router);
  console.log(
    `every health check fails: ${staticSplit.failStatic === REQUESTS ? 'the router fails static on normal weights' : `${staticSplit.failStatic} of ${thousands(REQUESTS)} requests fail static`}, ${describeSplit(staticSplit)}`,
  );

  const sizedForShare = new FailoverRouter(activeActive(0.2 * PEAK_RPS), POLICY).shortfallAfterLoss(PEAK_RPS).get('us-east') ?? Number.NaN;
  const sizedAsPrimary = new FailoverRouter(activeActive(PEAK_RPS), POLICY).shortfallAfterLoss(PEAK_RPS).get('us-east') ?? Number.NaN;
  console.log(
    `at an assumed peak of ${thousands(PEAK_RPS)} rps, us-east lost: eu-west sized for its 20% (${thousands(0.2 * PEAK_RPS)} rps) leaves ${thousands(sizedForShare)} rps unserved; sized as a primary (${thousands(PEAK_RPS)} rps), ${thousands(sizedAsPrimary)}`,
  );

  const standbyRps = 0.3 * PEAK_RPS;
  const passive = new FailoverRouter(
    [
      { name: 'us-east', weight: 1, capacityRps: PEAK_RPS },
      { name: 'eu-west', weight: 0, capacityRps: standbyRps },
    ],
    POLICY,
  );
  const standbyBefore = split(passive).counts['eu-west'] ?? 0;
  for (let i = 0; i < POLICY.unhealthyAfter; i++) passive.recordProbe('us-east', false);
  const standbyAfter = split(passive).counts['eu-west'] ?? 0;
  const standbyShare = passive.trafficShares().shares.get('eu-west') ?? 0;
  const standbyShortfall = passive.shortfallAfterLoss(PEAK_RPS).get('us-east') ?? Number.NaN;
  // Demo-side: the unserved share is the module's shortfall over the peak.
  console.log(
    `active-passive, eu-west standby at 30% (${thousands(standbyRps)} rps): it gets ${thousands(standbyBefore)} of ${thousands(REQUESTS)} requests, ${thousands(standbyAfter)} (a ${(standbyShare * 100).toFixed(0)}% share) once us-east is out, but ${thousands(standbyShortfall)} rps (${((standbyShortfall / PEAK_RPS) * 100).toFixed(0)}%) go unserved until it scales up`,
  );

  return {
    healthy,
    keptAfterIsolatedMisses,
    outAfterSeconds: { timeout5s, refusedAtOnce },
    duringFailover,
    recovery,
    failStatic: { requests: staticSplit.failStatic, counts: staticSplit.counts },
    unservedRps: { euWestSizedForShare: sizedForShare, euWestSizedAsPrimary: sizedAsPrimary, standbyAt30Percent: standbyShortfall },
    standbyShare,
  };
}
