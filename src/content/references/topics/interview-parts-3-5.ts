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
    url: 'https://mitpress.mit.edu/9780262039246/reinforcement-learning/',
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
    id: 'L224',
    kind: 'literature',
    citation: 'Raj, V., & Kalyani, S. (2017). Taming non-stationary bandits: A Bayesian approach [Preprint]. arXiv.',
    url: 'https://arxiv.org/abs/1707.09727',
    note: 'Discounted Thompson sampling: every step discounts the Beta success and failure counts, so old observations fade and the posterior stays ready for drift.',
  },
  {
    id: 'L225',
    kind: 'literature',
    citation:
      'Garivier, A., & Moulines, E. (2011). On upper-confidence bound policies for switching bandit problems. In Algorithmic Learning Theory: 22nd International Conference, ALT 2011 (pp. 174–188). Springer.',
    doi: '10.1007/978-3-642-24412-4_16',
    note: 'Discounted UCB and sliding-window UCB for rewards that change abruptly; both match the regret lower bound up to a logarithmic factor.',
  },
  {
    id: 'L226',
    kind: 'literature',
    citation:
      'Dudík, M., Langford, J., & Li, L. (2011). Doubly robust policy evaluation and learning. In Proceedings of the 28th International Conference on Machine Learning (pp. 1097–1104).',
    url: 'https://arxiv.org/abs/1103.4601',
    note: 'Evaluating a policy from logged bandit data: inverse propensity weights are unbiased but high-variance, a reward model is biased, and the doubly robust estimator combines the two.',
  },
  {
    id: 'T90',
    kind: 'tool',
    name: 'OpenVINO',
    purpose: 'Intel toolkit that converts models and runs optimized inference on Intel CPUs, GPUs and NPUs.',
    url: 'https://docs.openvino.ai/',
  },
  {
    id: 'L212',
    kind: 'literature',
    citation:
      'Xiao, G., Lin, J., Seznec, M., Wu, H., Demouth, J., & Han, S. (2023). SmoothQuant: Accurate and efficient post-training quantization for large language models. In Proceedings of the 40th International Conference on Machine Learning. PMLR.',
    url: 'https://arxiv.org/abs/2211.10438',
    note: 'Outlier activations make LLMs hard to quantize to INT8; a per-channel rescaling moves the difficulty into the weights, for W8A8 with negligible accuracy loss.',
  },
  {
    id: 'T173',
    kind: 'tool',
    name: 'NVIDIA Model Optimizer (ModelOpt)',
    purpose:
      'NVIDIA library for post-training quantization (FP8, NVFP4 and others), quantization-aware training and distillation of Hugging Face, PyTorch or ONNX models; TensorRT-LLM and vLLM load its checkpoints.',
    url: 'https://github.com/NVIDIA/Model-Optimizer',
  },
  {
    id: 'T174',
    kind: 'tool',
    name: 'llama.cpp',
    purpose: 'LLM inference in C/C++ on CPUs and GPUs, with its own block-quantized weight formats such as Q4_K and Q6_K.',
    url: 'https://github.com/ggml-org/llama.cpp',
  },
  {
    id: 'T205',
    kind: 'tool',
    name: 'ONNX (Open Neural Network Exchange)',
    purpose:
      'Open file format for deep-learning and classic ML models: an extensible computation graph with built-in operators and standard data types, exported from the training framework and run by many runtimes and compilers.',
    url: 'https://onnx.ai/',
  },
  {
    id: 'T206',
    kind: 'tool',
    name: 'ONNX Runtime GenAI',
    purpose:
      'Microsoft library that runs generative models in ONNX format on ONNX Runtime, adding the generate loop: logits processing, search and sampling, and KV cache management.',
    url: 'https://onnxruntime.ai/docs/genai/',
  },
  {
    id: 'T207',
    kind: 'tool',
    name: 'OpenVINO GenAI',
    purpose:
      'Intel library of generative-AI pipelines (LLMs, vision-language models, Whisper, image generation) on the OpenVINO runtime, with continuous batching, speculative decoding and KV cache handling.',
    url: 'https://github.com/openvinotoolkit/openvino.genai',
  },
  {
    id: 'L244',
    kind: 'literature',
    citation: 'NVIDIA. (n.d.). Support matrix. In NVIDIA TensorRT 11.4.1 documentation [Documentation].',
    url: 'https://docs.nvidia.com/deeplearning/tensorrt/11.4.1/getting-started/support-matrix.html',
    note: 'Engine portability: version-compatible engines run on newer runtimes, but across major versions only TensorRT 10 to 11 and 8 to 10, so a TensorRT 8 engine cannot run on TensorRT 11; hardware-compatible engines span GPU architectures.',
  },
  {
    id: 'L245',
    kind: 'literature',
    citation: 'Intel. (n.d.). System requirements. In OpenVINO documentation [Documentation].',
    url: 'https://docs.openvino.ai/systemrequirements',
    note: 'Supported hardware for OpenVINO: Intel CPUs plus ARM, ARM64 and Apple-silicon CPUs, Intel GPUs and NPUs; AMD CPUs are not on the list.',
  },
  {
    id: 'G169',
    kind: 'glossary',
    term: 'Q/DQ nodes (explicit quantization)',
    definition:
      'QuantizeLinear and DequantizeLinear node pairs placed around tensors in an ONNX graph, carrying their scales; a runtime fuses them with the neighbouring operator into a low-precision kernel, and TensorRT 11 takes INT8, INT4, FP8 and FP4 precision only from them.',
  },
  {
    id: 'T91',
    kind: 'tool',
    name: 'KServe',
    purpose: 'Kubernetes model serving: InferenceService resources, autoscaling, canary rollout and ModelMesh for many models (ModelMesh repositories archived April 2026).',
    url: 'https://kserve.github.io/website/',
  },
  {
    id: 'T240',
    kind: 'tool',
    name: 'KServe ModelMesh',
    purpose:
      "Model serving management and routing layer that acts as a distributed LRU cache of models across serving-runtime pods; each runtime reports its capacity and each loaded model's size. Repository archived April 2026 in favour of the main KServe project.",
    url: 'https://github.com/kserve/modelmesh',
  },
  {
    id: 'T241',
    kind: 'tool',
    name: 'Ray Serve model multiplexing (serve.multiplexed)',
    purpose:
      'Serves many models from one pool of replicas: requests carry a model id, a replica loads a model on demand and unloads the least recently used once it holds more than max_num_models_per_replica (default 3).',
    url: 'https://docs.ray.io/en/latest/serve/api/doc/ray.serve.multiplexed.html',
  },
  {
    id: 'T242',
    kind: 'tool',
    name: 'NVIDIA Triton model management',
    purpose:
      'Triton model control modes: NONE loads the whole repository at startup; EXPLICIT loads the models named with --load-model, then loads and unloads only on model-control API calls; POLL follows changes to the repository.',
    url: 'https://docs.nvidia.com/deeplearning/triton-inference-server/archives/triton-inference-server-2670/user-guide/docs/user_guide/model_management.html',
  },
  {
    id: 'T92',
    kind: 'tool',
    name: 'Volcano',
    purpose: 'Kubernetes batch scheduler with gang scheduling, queues and fair share for training jobs.',
    url: 'https://volcano.sh/',
  },
  {
    id: 'T185',
    kind: 'tool',
    name: 'Open Bandit Pipeline',
    purpose: 'Python library for bandit policies and off-policy evaluation (IPW, self-normalised IPW, doubly robust), with a logged dataset from a fashion e-commerce site.',
    url: 'https://github.com/st-tech/zr-obp',
  },
  {
    id: 'T186',
    kind: 'tool',
    name: 'Vowpal Wabbit',
    purpose: 'Online learning library with contextual bandits: exploration strategies such as epsilon-greedy, and learning from logged context, action, cost and probability.',
    url: 'https://github.com/VowpalWabbit/vowpal_wabbit',
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
    id: 'G157',
    kind: 'glossary',
    term: 'Inverse propensity scoring (IPS)',
    definition:
      "Estimating a policy's value from another policy's logs by weighting each logged reward by the new policy's probability of the logged action over the logging policy's.",
  },
  {
    id: 'G158',
    kind: 'glossary',
    term: 'Probability matching',
    definition: 'Choosing each action with the probability that it is the best one under current beliefs; Thompson sampling does it by acting on a single posterior draw.',
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
    id: 'L191',
    kind: 'literature',
    citation:
      'Equal Employment Opportunity Commission, Civil Service Commission, Department of Labor, & Department of Justice. (1978). Uniform guidelines on employee selection procedures, 29 CFR part 1607.',
    url: 'https://www.ecfr.gov/current/title-29/subtitle-B/chapter-XIV/part-1607',
    note: 'The four-fifths rule of thumb for adverse impact (§ 1607.4(D)), which itself allows for small samples and statistical significance. The EEOC’s Fall 2025 regulatory agenda lists rescinding the guidelines (RIN 3046-AB43) at the final-rule stage.',
  },
  {
    id: 'L192',
    kind: 'literature',
    citation:
      'Kleinberg, J., Mullainathan, S., & Raghavan, M. (2017). Inherent trade-offs in the fair determination of risk scores. In 8th Innovations in Theoretical Computer Science Conference (ITCS 2017), LIPIcs 67, 43:1–43:23.',
    doi: '10.4230/LIPIcs.ITCS.2017.43',
    note: 'Calibration within groups and balance of error rates across groups cannot all hold at once unless base rates are equal or prediction is perfect.',
  },
  {
    id: 'L193',
    kind: 'literature',
    citation: 'Consumer Financial Protection Bureau. (2026, April 22). Equal Credit Opportunity Act (Regulation B) [Final rule]. Federal Register, 91, 21620.',
    url: 'https://www.federalregister.gov/documents/2026/04/22/2026-07804/equal-credit-opportunity-act-regulation-b',
    note: 'In effect since 21 July 2026: removes the disparate-impact “effects test” from Regulation B, following Executive Order 14281 of 23 April 2025; adverse-action notice duties are unchanged.',
  },
  {
    id: 'L194',
    kind: 'literature',
    citation: 'Consumer Financial Protection Bureau. Equal Credit Opportunity Act (Regulation B), 12 CFR part 1002.',
    url: 'https://www.ecfr.gov/current/title-12/chapter-X/part-1002',
    note: 'Adverse-action notices must state the specific principal reasons for a denial (§ 1002.9); creditors keep application records for 25 months (§ 1002.12(b)).',
  },
  {
    id: 'L195',
    kind: 'literature',
    citation:
      'Lakkaraju, H., Kleinberg, J., Leskovec, J., Ludwig, J., & Mullainathan, S. (2017). The selective labels problem: Evaluating algorithmic predictions in the presence of unobservables. In Proceedings of the 23rd ACM SIGKDD International Conference on Knowledge Discovery and Data Mining (pp. 275–284). ACM.',
    doi: '10.1145/3097983.3098066',
    note: 'When past decisions decide which outcomes are observed (only approved loans can default), a model cannot be evaluated on the cases it would have decided differently without extra care.',
  },
  {
    id: 'L196',
    kind: 'literature',
    citation: 'Court of Justice of the European Union. (2023, December 7). OQ v Land Hessen (SCHUFA Holding, Scoring), Case C-634/21, ECLI:EU:C:2023:957.',
    url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62021CJ0634',
    note: 'A credit agency’s automated score is itself an automated decision under GDPR Article 22 when the lender it is sent to draws strongly on it to enter into, carry out or end a contract.',
  },
  {
    id: 'L197',
    kind: 'literature',
    citation: 'Court of Justice of the European Union. (2025, February 27). CK v Magistrat der Stadt Wien (Dun & Bradstreet Austria), Case C-203/22, ECLI:EU:C:2025:117.',
    url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62022CJ0203',
    note: 'Under GDPR Article 15(1)(h) a person subject to automated scoring is owed an intelligible account of the procedure and principles actually applied to their data; handing over the algorithm is not enough.',
  },
  {
    id: 'L198',
    kind: 'literature',
    citation:
      'Saito, T., & Rehmsmeier, M. (2015). The precision-recall plot is more informative than the ROC plot when evaluating binary classifiers on imbalanced datasets. PLOS ONE, 10(3), e0118432.',
    doi: '10.1371/journal.pone.0118432',
    note: 'With rare positives, ROC curves look good while precision is poor; precision-recall curves show it.',
  },
  {
    id: 'L199',
    kind: 'literature',
    citation:
      'Elkan, C. (2001). The foundations of cost-sensitive learning. In Proceedings of the 17th International Joint Conference on Artificial Intelligence (IJCAI 2001) (pp. 973–978).',
    note: 'With calibrated probabilities, the cost-minimising decision threshold follows from the costs alone: flag when p > C_FP / (C_FP + C_FN), where each C is what that error costs beyond the right decision for the same case.',
  },
  {
    id: 'L200',
    kind: 'literature',
    citation:
      'New York City. (2021). Local Law 144 of 2021 on automated employment decision tools (NYC Administrative Code §§ 20-870 to 20-874), with the Department of Consumer and Worker Protection’s rules, 6 RCNY § 5-300.',
    url: 'https://www.nyc.gov/site/dca/about/automated-employment-decision-tools.page',
    note: 'Enforced since 5 July 2023: a yearly independent bias audit of hiring and promotion tools, publishing selection rates and impact ratios by sex and race or ethnicity.',
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
  {
    id: 'L203',
    kind: 'literature',
    citation: 'Civil Rights Act of 1964, Title VII, § 703(l), 42 U.S.C. § 2000e-2(l) (prohibition of discriminatory use of test scores).',
    url: 'https://www.law.cornell.edu/uscode/text/42/2000e-2',
    note: 'An employer may not adjust scores, use different cut-off scores or otherwise alter test results on the basis of race, colour, religion, sex or national origin.',
  },
  {
    id: 'L204',
    kind: 'literature',
    citation:
      'European Parliament & Council of the European Union. (2023). Directive (EU) 2023/2225 of 18 October 2023 on credit agreements for consumers and repealing Directive 2008/48/EC. Official Journal of the European Union, L, 2023/2225.',
    url: 'https://eur-lex.europa.eu/eli/dir/2023/2225/oj/eng',
    note: 'The second Consumer Credit Directive, applying from 20 November 2026: credit only where the creditworthiness assessment says the obligations are likely to be met (Art. 18(6)), and a right to human review of automated assessments (Art. 18(8)).',
  },
  {
    id: 'L205',
    kind: 'literature',
    citation:
      'Consumer Financial Protection Bureau. (2014). Using publicly available information to proxy for unidentified race and ethnicity: A methodology and assessment [Report].',
    url: 'https://files.consumerfinance.gov/f/201409_cfpb_report_proxy-methodology.pdf',
    note: 'Bayesian Improved Surname Geocoding (BISG): estimating an applicant’s race and ethnicity from surname and address when the data may not be collected, as used in fair-lending analysis.',
  },
  {
    id: 'L258',
    kind: 'literature',
    citation: 'DeepSeek-AI. (2024). DeepSeek-V3 technical report (arXiv:2412.19437) [Preprint]. arXiv.',
    url: 'https://arxiv.org/abs/2412.19437',
    note: 'A 671B-parameter mixture-of-experts model trained on 14.8T tokens in 2.788M H800 GPU-hours; at the report’s assumed $2 per GPU-hour that is about $5.6M for the final run, excluding earlier research and ablations.',
  },
  {
    id: 'L259',
    kind: 'literature',
    citation: 'Maslej, N., et al. (2024). The AI Index 2024 annual report [Report]. Stanford Institute for Human-Centered Artificial Intelligence.',
    url: 'https://arxiv.org/abs/2405.19522',
    note: 'With Epoch AI, estimates the compute cost of training frontier models from cloud rental prices: about $78M for GPT-4 and $191M for Gemini Ultra.',
  },
  {
    id: 'T219',
    kind: 'tool',
    name: 'Google Cloud Vision API',
    purpose:
      'Image analysis including OCR (TEXT_DETECTION, DOCUMENT_TEXT_DETECTION), billed per feature per image with each PDF page an image; list price $1.50 per 1,000 units after 1,000 free a month (checked December 2026).',
    url: 'https://cloud.google.com/vision/pricing',
  },
];
