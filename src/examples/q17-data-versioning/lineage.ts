/**
 * Content-addressed dataset snapshots and a lineage graph.
 *
 * A file is named by the SHA-256 of its bytes and a snapshot by the hash of
 * its sorted manifest, so the same content always gets the same id and any
 * changed byte gets a new one. Lineage edges (snapshot -> sources, snapshot ->
 * parent snapshots, model -> snapshots) answer "which models used this file?".
 */

export type Hash = string;

export async function sha256Hex(data: Uint8Array | string): Promise<Hash> {
  // Copy into a plain ArrayBuffer: subtle.digest does not accept views of shared memory.
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface Snapshot {
  readonly id: Hash;
  readonly name: string;
  /** path -> content hash, the whole identity of the snapshot. */
  readonly manifest: Readonly<Record<string, Hash>>;
  /** Snapshots this one was derived from (a cleaned or joined dataset). */
  readonly parents: readonly Hash[];
  /** Where the raw files came from: URIs of external systems, for people to follow up. */
  readonly sources: readonly string[];
}

export interface ModelRecord {
  readonly name: string;
  readonly version: string;
  readonly trainedOn: readonly Hash[];
}

export class DatasetRegistry {
  /** The blob store is injected: an object store in production, a Map in tests. */
  constructor(private readonly blobs: Map<Hash, Uint8Array> = new Map()) {}

  private readonly snapshots = new Map<Hash, Snapshot>();
  private readonly models: ModelRecord[] = [];

  /** Store a snapshot; unchanged files are stored once however many snapshots share them. */
  async commit(name: string, files: Readonly<Record<string, Uint8Array>>, lineage: { parents?: readonly Hash[]; sources?: readonly string[] } = {}): Promise<Snapshot> {
    const parents = [...(lineage.parents ?? [])].sort();
    for (const p of parents) if (!this.snapshots.has(p)) throw new Error(`unknown parent snapshot ${p}`);
    const manifest: Record<string, Hash> = {};
    for (const path of Object.keys(files).sort()) {
      // One copy, taken now: the bytes hashed are the bytes stored, even if the caller reuses its buffer meanwhile.
      const bytes = files[path]!.slice();
      const hash = await sha256Hex(bytes);
      if (!this.blobs.has(hash)) this.blobs.set(hash, bytes);
      manifest[path] = hash;
    }
    // The id covers content and parents but not the display name: renaming is not a new version.
    const canonical = JSON.stringify({ manifest: Object.entries(manifest), parents });
    const id = await sha256Hex(canonical);
    const existing = this.snapshots.get(id);
    const sources = [...(lineage.sources ?? [])];
    if (existing) {
      // The same bytes from another system: keep the new origin, or an audit of what a model used would miss it.
      const extra = sources.filter((s) => !existing.sources.includes(s));
      if (extra.length === 0) return existing;
      const merged: Snapshot = Object.freeze({ ...existing, sources: Object.freeze([...existing.sources, ...extra]) });
      this.snapshots.set(id, merged);
      return merged;
    }
    // Frozen: a caller holding the snapshot cannot rewrite the history its id stands for.
    const snapshot: Snapshot = Object.freeze({ id, name, manifest: Object.freeze(manifest), parents: Object.freeze(parents), sources: Object.freeze(sources) });
    this.snapshots.set(id, snapshot);
    return snapshot;
  }

  /** Re-hash the stored bytes: detects a blob that was overwritten in place. */
  async verify(snapshotId: Hash): Promise<string[]> {
    const snapshot = this.get(snapshotId);
    const bad: string[] = [];
    for (const [path, hash] of Object.entries(snapshot.manifest)) {
      const bytes = this.blobs.get(hash);
      if (!bytes || (await sha256Hex(bytes)) !== hash) bad.push(path);
    }
    return bad;
  }

  registerModel(model: ModelRecord): void {
    if (model.trainedOn.length === 0) throw new Error(`model ${model.name}@${model.version} names no training data`);
    for (const id of model.trainedOn) if (!this.snapshots.has(id)) throw new Error(`unknown snapshot ${id}`);
    // A version names one training run: registering it again with other data would make the two walks disagree.
    if (this.models.some((m) => m.name === model.name && m.version === model.version)) throw new Error(`model ${model.name}@${model.version} is already registered`);
    this.models.push(Object.freeze({ ...model, trainedOn: Object.freeze([...model.trainedOn]) }));
  }

  get(snapshotId: Hash): Snapshot {
    const snapshot = this.snapshots.get(snapshotId);
    if (!snapshot) throw new Error(`unknown snapshot ${snapshotId}`);
    return snapshot;
  }

  /** Bytes actually held: what deduplication saves shows up here. */
  storedBytes(): number {
    let total = 0;
    for (const bytes of this.blobs.values()) total += bytes.byteLength;
    return total;
  }

  /**
   * Every snapshot that contains the file, directly or through a parent, and
   * every model trained on any of them. Walking downstream, not just one hop,
   * is the point: a cleaned dataset built from a corrupted raw file is
   * corrupted too, even though the file is not in its manifest.
   */
  impactOf(fileHash: Hash): { snapshots: Hash[]; models: string[] } {
    const children = new Map<Hash, Hash[]>();
    for (const s of this.snapshots.values()) {
      for (const p of s.parents) children.set(p, [...(children.get(p) ?? []), s.id]);
    }
    const affected = new Set<Hash>();
    const queue = [...this.snapshots.values()].filter((s) => Object.values(s.manifest).includes(fileHash)).map((s) => s.id);
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (affected.has(id)) continue;
      affected.add(id);
      queue.push(...(children.get(id) ?? []));
    }
    const models = this.models.filter((m) => m.trainedOn.some((id) => affected.has(id))).map((m) => `${m.name}@${m.version}`);
    return { snapshots: [...affected].sort(), models: models.sort() };
  }

  /** Upstream walk: everything a model depends on, down to the external sources. */
  upstreamOf(modelName: string, version: string): { snapshots: Hash[]; sources: string[] } {
    const model = this.models.find((m) => m.name === modelName && m.version === version);
    if (!model) throw new Error(`unknown model ${modelName}@${version}`);
    const seen = new Set<Hash>();
    const sources = new Set<string>();
    const stack = [...model.trainedOn];
    while (stack.length > 0) {
      const snapshot = this.get(stack.pop()!);
      if (seen.has(snapshot.id)) continue;
      seen.add(snapshot.id);
      snapshot.sources.forEach((s) => sources.add(s));
      stack.push(...snapshot.parents);
    }
    return { snapshots: [...seen].sort(), sources: [...sources].sort() };
  }
}
