/**
 * References added for the data questions. Ids in this file use the range
 * L50-L69, T50-T69 and G50-G69, so that files never collide.
 */
import type { ReferenceEntry } from '../schema';

export const dataReferences: ReferenceEntry[] = [];
