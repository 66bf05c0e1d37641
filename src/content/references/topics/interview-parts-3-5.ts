/**
 * References first cited by the interview parts 3 5 questions. Any page may cite any entry.
 * A new entry takes the next free number of its kind (L, T or G) across the
 * whole catalog; the validator rejects a reused id and a tool, term or work
 * that is already listed under another id.
 */
import type { ReferenceEntry } from '../schema';

export const interviewParts35References: ReferenceEntry[] = [
  {
    id: 'L90',
    kind: 'literature',
    citation:
      'Lundberg, S. M., & Lee, S.-I. (2017). A unified approach to interpreting model predictions. In Advances in Neural Information Processing Systems 30 (pp. 4765–4774).',
    url: 'https://arxiv.org/abs/1705.07874',
    note: 'SHAP: additive feature attributions from Shapley values, the usual source of "top three reasons".',
  },
  {
    id: 'L91',
    kind: 'literature',
    citation:
      'Ribeiro, M. T., Singh, S., & Guestrin, C. (2016). “Why should I trust you?”: Explaining the predictions of any classifier. In Proceedings of the 22nd ACM SIGKDD International Conference on Knowledge Discovery and Data Mining (pp. 1135–1144).',
    url: 'https://arxiv.org/abs/1602.04938',
    note: 'LIME: explains one prediction with a simple model fitted around it.',
  },
  {
    id: 'L92',
    kind: 'literature',
    citation:
      'Wachter, S., Mittelstadt, B., & Russell, C. (2018). Counterfactual explanations without opening the black box: Automated decisions and the GDPR. Harvard Journal of Law & Technology, 31(2), 841–887.',
    url: 'https://arxiv.org/abs/1711.00399',
    note: 'The smallest change that would flip a decision, as an explanation a data subject can act on.',
  },
  {
    id: 'L93',
    kind: 'literature',
    citation:
      'Mitchell, M., Wu, S., Zaldivar, A., Barnes, P., Vasserman, L., Hutchinson, B., Spitzer, E., Raji, I. D., & Gebru, T. (2019). Model cards for model reporting. In Proceedings of the Conference on Fairness, Accountability, and Transparency (pp. 220–229). ACM.',
    doi: '10.1145/3287560.3287596',
    note: 'A short document per model: intended use, data, and performance broken down by group.',
  },
  {
    id: 'L94',
    kind: 'literature',
    citation:
      'National Institute of Standards and Technology. (2023). Artificial intelligence risk management framework (AI RMF 1.0) (NIST AI 100-1). U.S. Department of Commerce.',
    doi: '10.6028/NIST.AI.100-1',
    note: 'Govern, map, measure, manage: a voluntary frame for placing responsible-AI gates in a lifecycle.',
  },
  {
    id: 'L95',
    kind: 'literature',
    citation:
      'Ainslie, J., Lee-Thorp, J., de Jong, M., Zemlyanskiy, Y., Lebrón, F., & Sanghai, S. (2023). GQA: Training generalized multi-query transformer models from multi-head checkpoints. In Proceedings of the 2023 Conference on Empirical Methods in Natural Language Processing.',
    url: 'https://arxiv.org/abs/2305.13245',
    note: 'Grouped-query attention: fewer key/value heads, a proportionally smaller KV cache, quality close to MHA.',
  },
  {
    id: 'L96',
    kind: 'literature',
    citation:
      'Kaplan, J., McCandlish, S., Henighan, T., Brown, T. B., Chess, B., Child, R., Gray, S., Radford, A., Wu, J., & Amodei, D. (2020). Scaling laws for neural language models [Preprint]. arXiv.',
    url: 'https://arxiv.org/abs/2001.08361',
    note: 'Among much else, the estimate of about 2 × parameters FLOPs per token for a forward pass.',
  },
  {
    id: 'L97',
    kind: 'literature',
    citation: 'Sutton, R. S., & Barto, A. G. (2018). Reinforcement learning: An introduction (2nd ed.). MIT Press.',
    note: 'Chapter 2: epsilon-greedy, and constant step sizes for tracking non-stationary bandits.',
  },
  {
    id: 'L98',
    kind: 'literature',
    citation: 'Chapelle, O., & Li, L. (2011). An empirical evaluation of Thompson sampling. In Advances in Neural Information Processing Systems 24 (pp. 2249–2257).',
    url: 'https://proceedings.neurips.cc/paper/2011/hash/e53a0a2978c28872a4505bdb51db06dc-Abstract.html',
    note: 'Thompson sampling is simple to implement and competitive with UCB on simulated and real advertising and news data.',
  },
  {
    id: 'T90',
    kind: 'tool',
    name: 'OpenVINO',
    purpose: 'Intel toolkit that converts models and runs optimized inference on Intel CPUs, GPUs and NPUs.',
    url: 'https://docs.openvino.ai/',
  },
  {
    id: 'T91',
    kind: 'tool',
    name: 'KServe',
    purpose: 'Kubernetes model serving: InferenceService resources, autoscaling, canary rollout and ModelMesh for many models.',
    url: 'https://kserve.github.io/website/',
  },
  {
    id: 'T92',
    kind: 'tool',
    name: 'Volcano',
    purpose: 'Kubernetes batch scheduler with gang scheduling, queues and fair share for training jobs.',
    url: 'https://volcano.sh/',
  },
  {
    id: 'G90',
    kind: 'glossary',
    term: 'Four-fifths rule',
    definition: 'A screening test for adverse impact: a group selected at less than 80% of the most-selected group’s rate is flagged for review.',
  },
  {
    id: 'G91',
    kind: 'glossary',
    term: 'KV cache',
    definition: 'The keys and values of past tokens kept in GPU memory during generation, so each new token attends to them without recomputing.',
  },
  {
    id: 'G92',
    kind: 'glossary',
    term: 'Post-training quantization (PTQ) and quantization-aware training (QAT)',
    definition:
      'PTQ converts a trained model to lower precision without retraining, with a small calibration set when activations are quantized statically; QAT simulates the rounding during training so the weights adapt to it.',
  },
  {
    id: 'G93',
    kind: 'glossary',
    term: 'Calibrated score',
    definition: 'A score is calibrated when, among cases that receive score p, a fraction close to p turn out to be positive.',
  },
  {
    id: 'G94',
    kind: 'glossary',
    term: 'Counterfactual explanation',
    definition: 'The smallest change to an input that would have changed the decision, such as "approved if the debt-to-income ratio were under 45%".',
  },
  {
    id: 'G95',
    kind: 'glossary',
    term: 'Gang scheduling',
    definition: 'Scheduling a group of pods all at once or not at all, so a distributed job never holds GPUs while waiting for its missing workers.',
  },
  {
    id: 'G96',
    kind: 'glossary',
    term: 'Policy collapse',
    definition: 'A feedback-loop failure in which a learning policy narrows to a few actions and stops collecting the data that could correct it.',
  },
  {
    id: 'G97',
    kind: 'glossary',
    term: 'Last known good model',
    definition: 'The most recent model version that passed its gates in production, kept loadable locally so serving survives a registry outage.',
  },
  {
    id: 'T163',
    kind: 'tool',
    name: 'Seldon licensing FAQs',
    purpose:
      'Since 22 January 2024 Seldon Core 1 and 2 are under the Business Source License 1.1: free for non-production use, production use under other (commercial) terms; MLServer stays Apache 2.0.',
    url: 'https://www.seldon.io/resources/licensing-faqs',
  },
  {
    id: 'L189',
    kind: 'literature',
    citation: 'Weiss, B., & Furr, M. (n.d.). Static stability using Availability Zones [Web article]. Amazon Builders’ Library.',
    url: 'https://aws.amazon.com/builders-library/static-stability-using-availability-zones/',
    note: 'Static stability: the data plane keeps doing what it did before when the control plane it depends on is impaired, with EC2 as the worked example.',
  },
  {
    id: 'L190',
    kind: 'literature',
    citation:
      'Cawley, G. C., & Talbot, N. L. C. (2010). On over-fitting in model selection and subsequent selection bias in performance evaluation. Journal of Machine Learning Research, 11, 2079–2107.',
    url: 'https://jmlr.org/papers/v11/cawley10a.html',
    note: 'Choosing among many models on one validation estimate over-fits that estimate; the winner’s score is optimistic unless it is assessed outside the selection loop (nested cross-validation).',
  },
  {
    id: 'T164',
    kind: 'tool',
    name: 'H2O AutoML: max_models',
    purpose:
      'H2O’s documentation: set max_models when an AutoML run must be reproducible, so every model trains to convergence and none is cut by a time budget; models constrained by time are not guaranteed reproducible.',
    url: 'https://docs.h2o.ai/h2o/latest-stable/h2o-docs/data-science/algo-params/max_models.html',
  },
  {
    id: 'T165',
    kind: 'tool',
    name: 'FLAML Task Oriented AutoML',
    purpose: 'FLAML’s documentation of flaml.AutoML: with a time_budget the result can vary between runs because of runtime variance.',
    url: 'https://microsoft.github.io/FLAML/docs/Use-Cases/Task-Oriented-AutoML',
  },
  {
    id: 'T166',
    kind: 'tool',
    name: 'Amazon S3 replication',
    purpose:
      'Asynchronous copying of objects between buckets and regions: new objects only unless Batch Replication copies existing ones; Replication Time Control targets 99.99% of objects within 15 minutes.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html',
  },
  {
    id: 'T167',
    kind: 'tool',
    name: 'Cloud Storage availability and durability',
    purpose: 'Google Cloud Storage’s location types: regional buckets keep data in at least two zones of the region, dual- and multi-region buckets across regions.',
    url: 'https://cloud.google.com/storage/docs/availability-durability',
  },
  {
    id: 'T168',
    kind: 'tool',
    name: 'Azure Storage redundancy',
    purpose:
      'Azure’s redundancy options: LRS keeps three copies in one data centre, ZRS across three zones, GRS and GZRS add an asynchronous copy in a second region (GRS’s primary copy is LRS).',
    url: 'https://learn.microsoft.com/en-us/azure/storage/common/storage-redundancy',
  },
];
