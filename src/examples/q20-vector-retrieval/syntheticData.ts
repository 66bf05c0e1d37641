/**
 * Clustered synthetic embeddings for the tests and the demo: like real ones, they are far from uniformly spread.
 * `n` vectors of `dim` dimensions, assigned to `clusters` Gaussian centres in turn, each coordinate off its centre by
 * `noise` times a standard normal draw. The same seed gives the same vectors.
 */
import { mulberry32 } from './vectorIndex';

export function clusteredData(seed: number, n: number, dim: number, clusters: number, noise: number): number[][] {
  const rng = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const centers = [...Array(clusters)].map(() => [...Array(dim)].map(gauss));
  return [...Array(n)].map((_, i) => centers[i % clusters]!.map((x) => x + noise * gauss()));
}
