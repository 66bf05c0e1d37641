/**
 * References first cited by part "Agents and tool use" of the LLM and agent systems
 * track. Any page may cite any entry. A new entry takes the next free number
 * of its kind (L, T or G) across the whole catalog; the validator rejects a
 * reused id and a tool, term or work that is already listed under another id.
 */
import type { ReferenceEntry } from '../schema';

export const llmAgentsReferences: ReferenceEntry[] = [
  {
    id: 'L142',
    kind: 'literature',
    citation:
      'Yao, S., Zhao, J., Yu, D., Du, N., Shafran, I., Narasimhan, K., & Cao, Y. (2023). ReAct: Synergizing reasoning and acting in language models. In International Conference on Learning Representations (ICLR 2023).',
    url: 'https://arxiv.org/abs/2210.03629',
    note: 'The loop most agents run: the model alternates a reasoning step, a tool call and the observation it returns.',
  },
  {
    id: 'L143',
    kind: 'literature',
    citation: 'Schluntz, E., & Zhang, B. (2024, December 19). Building effective agents [Blog post]. Anthropic.',
    note: 'Workflows (fixed code paths) against agents (the model picks the next step), and why agents trade latency and cost for flexibility.',
  },
  {
    id: 'G127',
    kind: 'glossary',
    term: 'Agent loop',
    definition: 'The cycle in which a model reads the history, picks a tool call or a final answer, and sees the tool result, until a stop condition or a budget ends it.',
  },
];
