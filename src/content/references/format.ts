/**
 * How a reference is shown: pure functions with no schema attached, so the
 * pages that render references do not ship the validator's schema library.
 */
import type { ReferenceEntry } from './schema';

/** The text a reference is listed under: term, tool name, or citation. */
export function referenceLabel(entry: ReferenceEntry): string {
  switch (entry.kind) {
    case 'glossary':
      return entry.term;
    case 'tool':
      return entry.name;
    case 'literature':
      return entry.citation;
  }
}

/** Where a reader can follow the reference, if anywhere. */
export function referenceHref(entry: ReferenceEntry): string | undefined {
  switch (entry.kind) {
    case 'glossary':
      return undefined;
    case 'tool':
      return entry.url;
    case 'literature':
      return entry.doi ? `https://doi.org/${entry.doi}` : entry.url;
  }
}

/** Anchor of an entry on the References page: `a1`, `g10`. */
export function referenceAnchor(id: string): string {
  return id.toLowerCase();
}

/** Sort A before L before T before G, then numerically. */
export function compareReferenceIds(a: string, b: string): number {
  const order = 'ALTG';
  const byKind = order.indexOf(a[0] ?? '') - order.indexOf(b[0] ?? '');
  return byKind !== 0 ? byKind : Number(a.slice(1)) - Number(b.slice(1));
}
