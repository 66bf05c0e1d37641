/**
 * References added for the architect-interview questions of parts 1 and 2. Ids in this file use the range
 * L80-L89, T80-T89 and G80-G89, so that files never collide.
 */
import type { ReferenceEntry } from '../schema';

export const interviewParts12References: ReferenceEntry[] = [];
