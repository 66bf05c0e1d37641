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
    doi: '10.1177/001316446002000104',
    note: 'Defines kappa, the share of agreement beyond what chance predicts from each rater’s label frequencies.',
  },
  {
    id: 'G140',
    kind: 'glossary',
    term: 'Wilson score interval',
    definition: 'A confidence interval for a proportion that stays inside 0 to 1 and stays useful when the count is near 0 or n, unlike the plain normal interval.',
  },
  {
    id: 'G141',
    kind: 'glossary',
    term: 'Paired bootstrap',
    definition: 'Resampling the evaluation items with replacement, and both models’ scores on each drawn item together, to get an interval for the difference between the models.',
  },
  {
    id: 'L160',
    kind: 'literature',
    citation: 'Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference. Journal of the American Statistical Association, 22(158), 209–212.',
    note: 'The score interval for a proportion used here for an evaluation pass rate.',
  },
  {
    id: 'L161',
    kind: 'literature',
    citation: 'Efron, B. (1979). Bootstrap methods: Another look at the jackknife. The Annals of Statistics, 7(1), 1–26.',
    doi: '10.1214/aos/1176344552',
    note: 'Introduces the bootstrap: resample the observed data to estimate the sampling distribution of a statistic.',
  },
  {
    id: 'L162',
    kind: 'literature',
    citation: 'Miller, E. (2024). Adding error bars to evals: A statistical approach to language model evaluations. arXiv.',
    url: 'https://arxiv.org/abs/2411.00640',
    note: 'Treats an evaluation as an experiment: standard errors, paired comparison of two models on the same questions, resampling answers, and planning the set size.',
  },
];
