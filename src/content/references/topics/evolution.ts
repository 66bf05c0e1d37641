/**
 * References added for the evolution questions. Ids in this file use the range
 * L70-L89, T70-T89 and G70-G89, so that files never collide.
 */
import type { ReferenceEntry } from '../schema';

export const evolutionReferences: ReferenceEntry[] = [];
