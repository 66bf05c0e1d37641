/**
 * The reference catalog, assembled from its parts. The validator checks every
 * entry against the schema, that ids are unique, that every cited id exists,
 * and (once the Q&A is complete) that every entry is cited.
 */
import { glossary } from './glossary';
import { literature } from './literature';
import { compareReferenceIds, type ReferenceEntry } from './schema';
import { tools } from './tools';

export const referenceCatalog: readonly ReferenceEntry[] = [...literature, ...tools, ...glossary].sort(
  (a, b) => compareReferenceIds(a.id, b.id),
);

export function findReference(id: string): ReferenceEntry | undefined {
  return referenceCatalog.find((entry) => entry.id === id);
}

export * from './schema';
