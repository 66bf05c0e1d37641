/**
 * References added for the architect-interview questions of parts 3 to 5. Ids in this file use the range
 * L90-L99, T90-T99 and G90-G99, so that files never collide.
 */
import type { ReferenceEntry } from '../schema';

export const interviewParts35References: ReferenceEntry[] = [];
