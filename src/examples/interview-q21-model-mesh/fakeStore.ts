/**
 * A fake model registry and model store for the tests and the demo: sizes per model, a call log,
 * loads that can be held until the caller releases them, and the memory the runtime really holds
 * (a load allocates as it starts, an eviction frees), with its peak.
 */
export function fakeStore(sizes: Record<string, number>) {
  const calls: string[] = [];
  const failNext = new Set<string>();
  const held = new Map<string, () => void>();
  const holding = new Set<string>();
  const memory = { now: 0, peak: 0 };
  const sizeOf = async (id: string): Promise<number> => {
    const bytes = sizes[id];
    if (bytes === undefined) throw new Error(`unknown model ${id}`);
    return bytes;
  };
  const load = async (id: string): Promise<string> => {
    calls.push(id);
    const bytes = sizes[id]!;
    memory.now += bytes;
    memory.peak = Math.max(memory.peak, memory.now);
    if (holding.has(id)) await new Promise<void>((resolve) => held.set(id, resolve));
    else await Promise.resolve();
    if (failNext.delete(id)) {
      memory.now -= bytes;
      throw new Error(`storage timeout for ${id}`);
    }
    return `weights-of-${id}`;
  };
  const onEvict = (id: string): void => {
    memory.now -= sizes[id]!;
  };
  return { sizeOf, load, onEvict, calls, failNext, memory, hold: (id: string) => holding.add(id), finish: (id: string) => held.get(id)?.() };
}
