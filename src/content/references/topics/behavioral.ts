/**
 * References added for the behavioral questions. Ids in this file use the range
 * L30-L49, T30-T49 and G30-G49, so that files never collide.
 */
import type { ReferenceEntry } from '../schema';

export const behavioralReferences: ReferenceEntry[] = [];
