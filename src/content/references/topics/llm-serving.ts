/**
 * References first cited by part "Serving and inference" of the LLM and agent systems
 * track. Any page may cite any entry. A new entry takes the next free number
 * of its kind (L, T or G) across the whole catalog; the validator rejects a
 * reused id and a tool, term or work that is already listed under another id.
 */
import type { ReferenceEntry } from '../schema';

export const llmServingReferences: ReferenceEntry[] = [
  {
    id: 'L116',
    kind: 'literature',
    citation: 'vLLM Team. (n.d.). Optimization and tuning [Documentation]. vLLM.',
    url: 'https://docs.vllm.ai/en/v0.17.1/configuration/optimization/',
    note: 'Preemption when KV blocks run out (recomputed later in the V1 engine), and the settings that make it rarer.',
  },
  {
    id: 'G104',
    kind: 'glossary',
    term: 'Block table',
    definition: 'Per-sequence map from logical KV-cache blocks to physical blocks in GPU memory, so a sequence need not occupy one contiguous region.',
  },
  {
    id: 'G105',
    kind: 'glossary',
    term: 'Copy-on-write',
    definition: 'Sharing a block between owners until one of them writes to it; only then is a private copy made for the writer.',
  },
];
