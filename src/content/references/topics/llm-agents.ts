/**
 * References first cited by part "Agents and tool use" of the LLM and agent systems
 * track. Any page may cite any entry. A new entry takes the next free number
 * of its kind (L, T or G) across the whole catalog; the validator rejects a
 * reused id and a tool, term or work that is already listed under another id.
 */
import type { ReferenceEntry } from '../schema';

export const llmAgentsReferences: ReferenceEntry[] = [
  {
    id: 'G135',
    kind: 'glossary',
    term: 'Excessive agency',
    definition: 'OWASP LLM06:2025: an LLM application can take damaging actions because it has more functionality, permissions or autonomy than its task needs.',
  },
  {
    id: 'G136',
    kind: 'glossary',
    term: 'Least privilege',
    definition: 'Give a process only the rights its current task needs, for only as long as it needs them, so a mistake or a hijack can do only that much harm.',
  },
  {
    id: 'L155',
    kind: 'literature',
    citation: 'Jones, M., Nadalin, A., Campbell, B. (Ed.), Bradley, J., & Mortimore, C. (2020). OAuth 2.0 token exchange (RFC 8693). Internet Engineering Task Force.',
    url: 'https://datatracker.ietf.org/doc/html/rfc8693',
    note: 'Standard way to swap a user’s token for a narrower, short-lived one for a downstream service, with delegation recorded in the act claim.',
  },
];
