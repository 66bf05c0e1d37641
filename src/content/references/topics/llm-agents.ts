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
    url: 'https://datatracker.ietf.org/doc/rfc8693/',
    note: 'Standard way to swap a user’s token for one narrowed to a downstream service and its scopes, with delegation to another party recorded in the act claim.',
  },
  {
    id: 'G137',
    kind: 'glossary',
    term: 'Orchestrator-workers',
    definition: 'An agent pattern in which a lead agent splits a task, hands the pieces to worker agents with their own contexts, and combines what they return.',
  },
  {
    id: 'L156',
    kind: 'literature',
    citation: 'Hadfield, J., Zhang, B., Lien, K., Scholz, F., Fox, J., & Ford, D. (2025, June 13). How we built our multi-agent research system. Anthropic Engineering.',
    url: 'https://www.anthropic.com/engineering/multi-agent-research-system',
    note: 'A production orchestrator-workers system: better results on broad research queries, at about 15 times the tokens of a chat.',
  },
  {
    id: 'L157',
    kind: 'literature',
    citation: 'Yan, W. (2025, June 12). Don’t build multi-agents. Cognition.',
    note: 'The case against splitting work across agents: sub-agents that do not share the full context make conflicting decisions.',
  },
];
