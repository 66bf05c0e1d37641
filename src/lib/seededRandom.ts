/**
 * A seeded generator (mulberry32) for the example tests' simulations, so a
 * simulated run gives the same figure every time. Tests only: an example module
 * or demo that draws random numbers keeps its own copy, since a reader sees the
 * module alone and the browser runner links files of one folder only.
 */
export function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
