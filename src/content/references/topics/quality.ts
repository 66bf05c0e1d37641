/**
 * References added for the quality questions. Ids in this file use the range
 * L40-L59, T40-T59 and G40-G59, so that files never collide.
 */
import type { ReferenceEntry } from '../schema';

export const qualityReferences: ReferenceEntry[] = [];
