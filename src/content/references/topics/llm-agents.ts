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
  {
    id: 'L144',
    kind: 'literature',
    citation:
      'Chen, M., Tworek, J., Jun, H., Yuan, Q., Pinto, H. P. de O., Kaplan, J., Edwards, H., Burda, Y., Joseph, N., Brockman, G., et al. (2021). Evaluating large language models trained on code. arXiv.',
    url: 'https://arxiv.org/abs/2107.03374',
    note: 'HumanEval and the unbiased pass@k estimator, 1 - C(n-c, k) / C(n, k), computed from n samples with c correct.',
  },
  {
    id: 'L145',
    kind: 'literature',
    citation: 'Yao, S., Shinn, N., Razavi, P., & Narasimhan, K. (2024). τ-bench: A benchmark for tool-agent-user interaction in real-world domains. arXiv.',
    url: 'https://arxiv.org/abs/2406.12045',
    note: 'Introduces pass^k, the chance that all k trials of a task succeed; gpt-4o solved under 50 % of tasks and its pass^8 in retail was under 25 %.',
  },
];
