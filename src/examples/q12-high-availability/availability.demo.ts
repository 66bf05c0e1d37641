/**
 * Demo: the availability of a prediction path (load balancer, API, model
 * server, feature store in series), first with one model server at 99.5%,
 * then with three independent replicas, and what each means in downtime.
 */
import { downtimeMinutesPerMonth, nines, parallelAvailability, replicasForTarget, seriesAvailability } from './availability';

export function demo(): { single: number; replicated: number; replicasFor9999: number } {
  const loadBalancer = 0.9999;
  const api = 0.9995;
  const modelServer = 0.995;
  const featureStore = 0.999;
  const describe = (label: string, a: number): void => {
    const percent = (a * 100).toFixed(Math.max(2, Math.ceil(nines(a)) - 1)); // enough digits to show the first non-9
    const minutes = downtimeMinutesPerMonth(a);
    const down = minutes >= 1 ? `${minutes.toFixed(1)} min` : `${(minutes * 60).toFixed(1)} s`;
    console.log(`${label}: ${percent}% (${nines(a).toFixed(1)} nines), ${down} down per 30-day month`);
  };

  const single = seriesAvailability([loadBalancer, api, modelServer, featureStore]);
  describe('one model server', single);
  const threeServers = parallelAvailability([modelServer, modelServer, modelServer]);
  describe('three model servers, any one suffices', threeServers);
  const replicated = seriesAvailability([loadBalancer, api, threeServers, featureStore]);
  describe('the path with three model servers', replicated);
  console.log('the feature store (99.9%) is now the weakest part: replicate it, or serve cached features when it is down');
  const replicasFor9999 = replicasForTarget(modelServer, 0.9999);
  console.log(`copies of a 99.5% server for 99.99% on their own: ${replicasFor9999}`);
  return { single: Number(single.toFixed(5)), replicated: Number(replicated.toFixed(5)), replicasFor9999 };
}
