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
    id: 'L181',
    kind: 'literature',
    citation: 'Stripe. (n.d.). Idempotent requests. In Stripe documentation. Retrieved December 5, 2026.',
    url: 'https://docs.stripe.com/idempotency',
    note: 'The server saves the first result for a key, replays it (500 errors included), refuses a key reused with other parameters, and may prune keys once they are 24 hours old.',
  },
  {
    id: 'L157',
    kind: 'literature',
    citation: 'Yan, W. (2025, June 12). Don’t build multi-agents. Cognition.',
    url: 'https://cognition.ai/blog/dont-build-multi-agents',
    note: 'The case against splitting work across agents: sub-agents that do not share the full context make conflicting decisions.',
  },
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
    url: 'https://www.anthropic.com/engineering/building-effective-agents',
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
  {
    id: 'L146',
    kind: 'literature',
    citation:
      'Greshake, K., Abdelnabi, S., Mishra, S., Endres, C., Holz, T., & Fritz, M. (2023). Not what you’ve signed up for: Compromising real-world LLM-integrated applications with indirect prompt injection. In Proceedings of the 16th ACM Workshop on Artificial Intelligence and Security (AISec ’23).',
    url: 'https://arxiv.org/abs/2302.12173',
    note: 'Indirect prompt injection: instructions planted in pages, emails and documents that an application later retrieves take control of it.',
  },
  {
    id: 'L147',
    kind: 'literature',
    citation:
      'Debenedetti, E., Shumailov, I., Fan, T., Hayes, J., Carlini, N., Fabian, D., Kern, C., Shi, C., Terzis, A., & Tramèr, F. (2025). Defeating prompt injections by design. arXiv.',
    url: 'https://arxiv.org/abs/2503.18813',
    note: 'CaMeL: a privileged model writes the plan from the trusted query, a quarantined model parses untrusted data, and an interpreter tracks data flow and checks policies before each tool call.',
  },
  {
    id: 'L148',
    kind: 'literature',
    citation: 'Willison, S. (2023, April 25). The dual LLM pattern for building AI assistants that can resist prompt injection [Blog post]. Simon Willison’s Weblog.',
    url: 'https://simonwillison.net/2023/Apr/25/dual-llm-pattern/',
    note: 'A privileged model with tools never sees untrusted text; a quarantined model reads it without tools; plain code passes results between them by reference.',
  },
  {
    id: 'L149',
    kind: 'literature',
    citation: 'Invariant Labs. (2025, April 1). MCP security notification: Tool poisoning attacks [Blog post].',
    url: 'https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks',
    note: 'Hidden instructions in MCP tool descriptions steer the agent, and a server can change a description after the user approved it (a rug pull).',
  },
  {
    id: 'T133',
    kind: 'tool',
    name: 'Model Context Protocol: tools (revision 2026-07-28)',
    purpose:
      'The protocol’s tool listing and calling; a server may send notifications/tools/list_changed when its tools are added, removed or modified (since this revision, only on a subscriptions/listen stream the client opens).',
    url: 'https://modelcontextprotocol.io/specification/2026-07-28/server/tools',
  },
  {
    id: 'G128',
    kind: 'glossary',
    term: 'Taint tracking',
    definition: 'Labelling every value with the untrusted sources it was derived from, so a policy can stop labelled data from reaching sensitive operations.',
  },
  {
    id: 'G129',
    kind: 'glossary',
    term: 'Indirect prompt injection',
    definition: 'Instructions hidden in content a model reads on the user’s behalf (a web page, an email, a tool result) rather than typed by the user.',
  },
];
