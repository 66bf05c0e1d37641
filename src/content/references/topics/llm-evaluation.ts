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
    id: 'L180',
    kind: 'literature',
    citation: 'Fleiss, J. L., Cohen, J., & Everitt, B. S. (1969). Large sample standard errors of kappa and weighted kappa. Psychological Bulletin, 72(5), 323–327.',
    doi: '10.1037/h0028106',
    note: 'The large-sample standard errors of kappa, correcting the one in Cohen’s 1960 paper; for an interval around a judge’s agreement use the one that does not assume kappa = 0.',
  },
  {
    id: 'L171',
    kind: 'literature',
    citation: 'NVIDIA. (n.d.). Output rail streaming. In NeMo Guardrails library documentation. Retrieved December 5, 2026.',
    url: 'https://docs.nvidia.com/nemo/guardrails/configure-guardrails/yaml-schema/streaming/output-rail-streaming',
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
    url: 'https://docs.nvidia.com/nemo/guardrails/configure-guardrails/yaml-schema/guardrails-configuration',
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
  {
    id: 'L173',
    kind: 'literature',
    citation:
      'European Parliament & Council of the European Union. (2024). Regulation (EU) 2024/1689 of 13 June 2024 laying down harmonised rules on artificial intelligence (Artificial Intelligence Act). Official Journal of the European Union, L, 2024/1689, 12.7.2024.',
    url: 'https://eur-lex.europa.eu/eli/reg/2024/1689/oj/eng',
    note: 'The official text: prohibited practices (Art. 5), high-risk requirements (Art. 9-15), transparency (Art. 50), general-purpose models (Art. 53, 55) and the dates in Art. 113.',
  },
  {
    id: 'L174',
    kind: 'literature',
    citation: 'European Commission, AI Office. (2025, July 10). General-purpose AI code of practice: Transparency, copyright, and safety and security chapters.',
    url: 'https://digital-strategy.ec.europa.eu/en/policies/contents-code-gpai',
    note: 'The voluntary code by which providers of general-purpose models can show they meet Art. 53 and, for systemic-risk models, Art. 55.',
  },
  {
    id: 'L175',
    kind: 'literature',
    citation:
      'European Commission. (2025, November 19). Proposal for a regulation of the European Parliament and of the Council amending Regulations (EU) 2024/1689 and (EU) 2018/1139 as regards the simplification of the implementation of harmonised rules on artificial intelligence (Digital Omnibus on AI) (COM(2025) 836 final, 2025/0359(COD)).',
    url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52025PC0836',
    note: 'The proposal to tie the high-risk dates to the availability of standards; agreed on 7 May 2026 with fixed dates of 2 December 2027 and 2 August 2028, and adopted as Regulation (EU) 2026/1744.',
  },
  {
    id: 'L178',
    kind: 'literature',
    citation:
      'European Parliament & Council of the European Union. (2026). Regulation (EU) 2026/1744 of 8 July 2026 amending Regulations (EU) 2024/1689, (EU) 2018/1139 and (EU) 2023/1230 as regards the simplification of the implementation of harmonised rules on artificial intelligence (Digital Omnibus on AI). Official Journal of the European Union, L, 2026/1744, 24.7.2026.',
    url: 'https://eur-lex.europa.eu/eli/reg/2026/1744/oj/eng',
    note: 'The amendment in force since 27 July 2026: Annex III high-risk duties from 2 December 2027, Annex I from 2 August 2028, new prohibited practices from 2 December 2026 and a softer AI-literacy duty (Art. 4).',
  },
  {
    id: 'L179',
    kind: 'literature',
    citation: 'Council of the European Union. (2026, June 29). Artificial intelligence: Council gives final green light to simplify and streamline rules [Press release].',
    url: 'https://www.consilium.europa.eu/en/press/press-releases/2026/06/29/artificial-intelligence-council-gives-final-green-light-to-simplify-and-streamline-rules/',
    note: 'The final adoption of the Digital Omnibus on AI, with the fixed high-risk dates and the grace period for marking AI-generated content.',
  },
  {
    id: 'G146',
    kind: 'glossary',
    term: 'Provider and deployer (AI Act)',
    definition:
      'The provider develops an AI system or model and places it on the market under its name; the deployer uses it under its authority. Most duties fall on the provider.',
  },
  {
    id: 'G147',
    kind: 'glossary',
    term: 'General-purpose AI model with systemic risk',
    definition:
      'Under the AI Act, a general-purpose model presumed to have high-impact capabilities when its training used more than 10^25 floating-point operations, or designated so by the Commission.',
  },
  {
    id: 'L176',
    kind: 'literature',
    citation: 'OpenAI. (n.d.). Deprecations. In OpenAI API documentation. Retrieved December 5, 2026.',
    url: 'https://developers.openai.com/docs/deprecations',
    note: 'Minimum notice before a model is retired, unless safety or compliance require less: 6 months for generally available models, 3 months for specialised variants, about 2 weeks for previews; and a shutdown_date field to watch.',
  },
  {
    id: 'L177',
    kind: 'literature',
    citation: 'OpenAI. (2022, December 16). How to count tokens with tiktoken. OpenAI Cookbook.',
    url: 'https://developers.openai.com/cookbook/examples/how_to_count_tokens_with_tiktoken',
    note: 'Different models use different encodings, and the token count decides both whether a text fits and what a call costs.',
  },
  {
    id: 'T246',
    kind: 'tool',
    name: 'Claude API: Define tools',
    purpose:
      'Anthropic: a user-defined tool goes in the request’s tools parameter with a name, a description and input_schema, a JSON Schema object for its parameters (checked December 2026).',
    url: 'https://platform.claude.com/docs/en/agents-and-tools/tool-use/define-tools',
  },
  {
    id: 'G148',
    kind: 'glossary',
    term: 'Paired comparison (sign test)',
    definition: 'Scoring two systems on the same inputs and counting per-input wins and losses; the sign test asks whether the split could be a fair coin.',
  },
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
    note: 'A strong LLM judge agrees with people over 80 % of the time (without ties), as often as people agree with each other; documents position and verbosity bias and the swap-order check, and sees signs of self-enhancement bias it could not confirm.',
  },
  {
    id: 'L159',
    kind: 'literature',
    citation: 'Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological Measurement, 20(1), 37–46.',
    doi: '10.1177/001316446002000104',
    note: 'Defines kappa, the share of agreement beyond what chance predicts from each rater’s label frequencies.',
  },
  {
    id: 'L265',
    kind: 'literature',
    citation: 'Feinstein, A. R., & Cicchetti, D. V. (1990). High agreement but low kappa: I. The problems of two paradoxes. Journal of Clinical Epidemiology, 43(6), 543–549.',
    doi: '10.1016/0895-4356(90)90158-L',
    note: 'Kappa can be low despite high agreement when one category is rare (unbalanced marginal totals), so read it with the table and the base rate.',
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
    doi: '10.1080/01621459.1927.10502953',
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
