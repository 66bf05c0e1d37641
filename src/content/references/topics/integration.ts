/**
 * References added for the integration questions. Ids in this file use the range
 * L60-L79, T60-T79 and G60-G79, so that files never collide.
 */
import type { ReferenceEntry } from '../schema';

export const integrationReferences: ReferenceEntry[] = [];
