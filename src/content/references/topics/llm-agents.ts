/**
 * References first cited by part "Agents and tool use" of the LLM and agent systems
 * track. Any page may cite any entry. A new entry takes the next free number
 * of its kind (L, T or G) across the whole catalog; the validator rejects a
 * reused id and a tool, term or work that is already listed under another id.
 */
import type { ReferenceEntry } from '../schema';

export const llmAgentsReferences: ReferenceEntry[] = [];
