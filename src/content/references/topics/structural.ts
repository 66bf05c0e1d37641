/**
 * References added for the structural questions. Ids in this file use the range
 * L20-L39, T20-T39 and G20-G39, so that files never collide.
 */
import type { ReferenceEntry } from '../schema';

export const structuralReferences: ReferenceEntry[] = [];
