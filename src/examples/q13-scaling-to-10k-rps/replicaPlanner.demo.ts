/**
 * Demo: a deployment of model pods that each serve 800 rps, kept at 70%
 * utilisation (560 rps per pod). Traffic jumps from 2,000 to 10,000 rps for a
 * minute, then falls back. The autoscaler follows the Kubernetes HPA rules:
 * scale-up is limited per 15 s step, scale-down waits out a 5-minute window.
 * Only the steps where something changes are printed.
 */
import { DEFAULT_BEHAVIOUR, ReplicaAutoscaler, replicasForLoad } from './replicaPlanner';

/** An integer with thousands separators; written out so every browser prints the same. */
const thousands = (n: number): string => n.toFixed(0).replace(/\B(?=(\d{3})+$)/g, ',');

export function demo(): { needed: number; replicas: number[] } {
  const perPod = 800;
  const target = perPod * 0.7;
  const needed = replicasForLoad(10_000, perPod, 0.7);
  console.log(`10,000 rps at ${target} rps per pod needs ${needed} pods`);

  let now = 0;
  const scaler = new ReplicaAutoscaler({ ...DEFAULT_BEHAVIOUR, minReplicas: 2, maxReplicas: 40 }, 4, () => now);
  const replicas: number[] = [];
  for (; now <= 420_000; now += 15_000) {
    const rps = now >= 15_000 && now < 75_000 ? 10_000 : 2_000;
    const before = scaler.replicas;
    const step = scaler.observe(rps / before, target);
    replicas.push(step.replicas);
    if (step.replicas !== before || now === 75_000) {
      console.log(`t=${now / 1000} s: ${thousands(rps)} rps, HPA recommends ${step.recommended}, running ${step.replicas} pods`);
    }
  }
  console.log('scale-down waited 5 minutes after the last high recommendation, so a drop shorter than 5 minutes would not have removed a pod');
  return { needed, replicas };
}
