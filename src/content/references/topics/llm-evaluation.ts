/**
 * References first cited by part "Evaluation, safety and governance" of the LLM and agent systems
 * track. Any page may cite any entry. A new entry takes the next free number
 * of its kind (L, T or G) across the whole catalog; the validator rejects a
 * reused id and a tool, term or work that is already listed under another id.
 */
import type { ReferenceEntry } from '../schema';

export const llmEvaluationReferences: ReferenceEntry[] = [
  {
    id: 'L170',
    kind: 'literature',
    citation:
      'Inan, H., Upasani, K., Chi, J., Rungta, R., Iyer, K., Mao, Y., Tontchev, M., Hu, Q., Fuller, B., Testuggine, D., & Khabsa, M. (2023). Llama Guard: LLM-based input-output safeguard for human-AI conversations. arXiv.',
    url: 'https://arxiv.org/abs/2312.06674',
    note: 'One instruction-tuned Llama 2 7B model classifies both prompts and responses against a taxonomy that can be changed in the prompt.',
  },
  {
    id: 'L171',
    kind: 'literature',
    citation: 'NVIDIA. (n.d.). Output rail streaming. In NeMo Guardrails library documentation (latest). Retrieved December 3, 2026.',
    url: 'https://docs.nvidia.com/nemo/guardrails/latest/configure-rails/yaml-schema/streaming/output-rail-streaming.html',
    note: 'Output rails on a stream run on chunks (200 tokens by default, 50 carried over), and stream_first decides whether the user sees a chunk before it is checked.',
  },
  {
    id: 'L172',
    kind: 'literature',
    citation: 'NVIDIA. (n.d.). Parallel execution of input and output rails. In NeMo Guardrails library documentation (latest). Retrieved December 3, 2026.',
    url: 'https://docs.nvidia.com/nemo/guardrails/latest/configure-rails/yaml-schema/guardrails-configuration/parallel-rails.html',
    note: 'Independent input or output rails can run in parallel; worth it for I/O-bound rails, not for CPU-bound ones or rails that change the input.',
  },
  {
    id: 'T160',
    kind: 'tool',
    name: 'NeMo Guardrails',
    purpose: 'NVIDIA library of programmable rails around an LLM: input, retrieval, dialog, execution and output rails, configured in a config.yml file.',
    url: 'https://docs.nvidia.com/nemo/guardrails/latest/configure-rails/yaml-schema/guardrails-configuration/index.html',
  },
  {
    id: 'T161',
    kind: 'tool',
    name: 'Guardrails AI',
    purpose: 'Python framework of validators (many from its Hub) with a per-validator on_fail action: exception, fix, filter, refrain, reask or noop.',
    url: 'https://www.guardrailsai.com/docs/concepts/error_remediation',
  },
  {
    id: 'G145',
    kind: 'glossary',
    term: 'Fail open / fail closed',
    definition: 'What a check does when it cannot answer in time or at all: let the request through (open, availability first) or stop it (closed, safety first).',
  },
];
