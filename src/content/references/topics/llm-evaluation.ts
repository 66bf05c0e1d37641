/**
 * References first cited by part "Evaluation, safety and governance" of the LLM and agent systems
 * track. Any page may cite any entry. A new entry takes the next free number
 * of its kind (L, T or G) across the whole catalog; the validator rejects a
 * reused id and a tool, term or work that is already listed under another id.
 */
import type { ReferenceEntry } from '../schema';

export const llmEvaluationReferences: ReferenceEntry[] = [
  {
    id: 'G138',
    kind: 'glossary',
    term: 'Cohen’s kappa',
    definition: 'Agreement between two raters corrected for chance: (observed agreement − chance agreement) / (1 − chance agreement); 1 is perfect, 0 is chance.',
  },
  {
    id: 'G139',
    kind: 'glossary',
    term: 'Position bias',
    definition: 'A judge’s tendency to prefer an answer because of where it appears in the prompt (first or second), not because of what it says.',
  },
  {
    id: 'L158',
    kind: 'literature',
    citation:
      'Zheng, L., Chiang, W.-L., Sheng, Y., Zhuang, S., Wu, Z., Zhuang, Y., Lin, Z., Li, Z., Li, D., Xing, E. P., Zhang, H., Gonzalez, J. E., & Stoica, I. (2023). Judging LLM-as-a-judge with MT-Bench and Chatbot Arena. Advances in Neural Information Processing Systems 36, Datasets and Benchmarks Track.',
    url: 'https://arxiv.org/abs/2306.05685',
    note: 'A strong LLM judge agrees with people over 80 % of the time, as often as people agree with each other; documents position, verbosity and self-enhancement bias and the swap-order check.',
  },
  {
    id: 'L159',
    kind: 'literature',
    citation: 'Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological Measurement, 20(1), 37–46.',
    note: 'Defines kappa, the share of agreement beyond what chance predicts from each rater’s label frequencies.',
  },
];
