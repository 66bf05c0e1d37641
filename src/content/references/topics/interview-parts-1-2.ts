/**
 * References first cited by the interview parts 1 2 questions. Any page may cite any entry.
 * A new entry takes the next free number of its kind (L, T or G) across the
 * whole catalog; the validator rejects a reused id and a tool, term or work
 * that is already listed under another id.
 */
import type { ReferenceEntry } from '../schema';

export const interviewParts12References: ReferenceEntry[] = [
  {
    id: 'L80',
    kind: 'literature',
    citation: 'Siddiqi, N. (2006). Credit risk scorecards: Developing and implementing intelligent credit scoring. Wiley.',
    doi: '10.1002/9781119201731',
    note: 'The credit-scoring practice behind the Population Stability Index and its conventional bands.',
  },
  {
    id: 'L81',
    kind: 'literature',
    citation:
      'Kwon, W., Li, Z., Zhuang, S., Sheng, Y., Zheng, L., Yu, C. H., Gonzalez, J. E., Zhang, H., & Stoica, I. (2023). Efficient memory management for large language model serving with PagedAttention. In Proceedings of the 29th Symposium on Operating Systems Principles (pp. 611–626). ACM.',
    doi: '10.1145/3600006.3613165',
    note: 'PagedAttention and vLLM: paged KV-cache memory and 2-4x serving throughput over earlier systems.',
  },
  {
    id: 'L82',
    kind: 'literature',
    citation:
      'Leviathan, Y., Kalman, M., & Matias, Y. (2023). Fast inference from transformers via speculative decoding. In Proceedings of the 40th International Conference on Machine Learning. PMLR.',
    url: 'https://arxiv.org/abs/2211.17192',
    note: 'A draft model proposes tokens the large model verifies in one pass: 2-3x faster decoding, identical outputs.',
  },
  {
    id: 'L83',
    kind: 'literature',
    citation:
      'Frantar, E., Ashkboos, S., Hoefler, T., & Alistarh, D. (2023). GPTQ: Accurate post-training quantization for generative pre-trained transformers. In International Conference on Learning Representations.',
    url: 'https://arxiv.org/abs/2210.17323',
    note: 'One-shot 3-4 bit weight quantization of large GPT models with little accuracy loss.',
  },
  {
    id: 'L84',
    kind: 'literature',
    citation:
      'Lin, J., Tang, J., Tang, H., Yang, S., Chen, W.-M., Wang, W.-C., Xiao, G., Dang, X., Gan, C., & Han, S. (2024). AWQ: Activation-aware weight quantization for on-device LLM compression and acceleration. In Proceedings of Machine Learning and Systems 6.',
    url: 'https://arxiv.org/abs/2306.00978',
    note: 'Protects the few salient weight channels found from activations, for 4-bit weights without retraining.',
  },
  {
    id: 'L85',
    kind: 'literature',
    citation:
      'Covington, P., Adams, J., & Sargin, E. (2016). Deep neural networks for YouTube recommendations. In Proceedings of the 10th ACM Conference on Recommender Systems (pp. 191–198). ACM.',
    doi: '10.1145/2959100.2959190',
    note: 'The two-stage funnel: candidate generation narrows millions of items to hundreds, ranking orders them.',
  },
  {
    id: 'L86',
    kind: 'literature',
    citation:
      'Naumov, M., Mudigere, D., Shi, H.-J. M., Huang, J., Sundaraman, N., Park, J., Wang, X., Gupta, U., Wu, C.-J., Azzolini, A. G., Dzhulgakov, D., Mallevich, A., Cherniavskii, I., Lu, Y., Krishnamoorthi, R., Yu, A., Kondratenko, V., Pereira, S., Chen, X., … Smelyanskiy, M. (2019). Deep learning recommendation model for personalization and recommendation systems [Preprint]. arXiv.',
    url: 'https://arxiv.org/abs/1906.00091',
    note: 'DLRM: embedding tables for sparse features plus MLPs, the reference deep ranking model.',
  },
  {
    id: 'L209',
    kind: 'literature',
    citation: 'Harchol-Balter, M. (2013). Performance modeling and design of computer systems: Queueing theory in action. Cambridge University Press.',
    doi: '10.1017/CBO9781139226424',
    note: 'Queueing theory for systems designers, including the M/M/1 queue whose mean wait grows as ρ/(1 − ρ) service times near full utilisation.',
  },
  {
    id: 'L210',
    kind: 'literature',
    citation:
      'Ootomo, H., Naruse, A., Nolet, C., Wang, R., Feher, T., & Wang, Y. (2023). CAGRA: Highly parallel graph construction and approximate nearest neighbor search for GPUs [Preprint]. arXiv.',
    url: 'https://arxiv.org/abs/2308.15136',
    note: 'A graph ANN index built for GPUs; its authors report 33-77x HNSW’s throughput on large batches and 3.4-53x for single queries at 95% recall.',
  },
  {
    id: 'T80',
    kind: 'tool',
    name: 'vLLM',
    purpose: 'LLM inference server with PagedAttention, continuous batching, quantized models and speculative decoding.',
    url: 'https://docs.vllm.ai/',
  },
  {
    id: 'T81',
    kind: 'tool',
    name: 'River',
    purpose: 'Python library for online machine learning: models and drift detectors that learn one example at a time.',
    url: 'https://riverml.xyz/',
  },
  {
    id: 'T82',
    kind: 'tool',
    name: 'Jaeger',
    purpose: 'Distributed tracing backend: follows a request across services and shows where its time goes.',
    url: 'https://www.jaegertracing.io/',
  },
  {
    id: 'T83',
    kind: 'tool',
    name: 'OpenTelemetry',
    purpose: 'Vendor-neutral APIs and SDKs to emit traces, metrics and logs to any backend.',
    url: 'https://opentelemetry.io/',
  },
  {
    id: 'T84',
    kind: 'tool',
    name: 'Kubeflow Pipelines',
    purpose: 'Defines and runs containerised ML workflows on Kubernetes, such as a triggered retraining pipeline.',
    url: 'https://www.kubeflow.org/docs/components/pipelines/',
  },
  {
    id: 'T85',
    kind: 'tool',
    name: 'GPTCache',
    purpose: 'Semantic cache for LLM responses: matches new prompts to earlier ones by embedding similarity.',
    url: 'https://github.com/zilliztech/GPTCache',
  },
  {
    id: 'T86',
    kind: 'tool',
    name: 'TensorRT-LLM',
    purpose:
      'NVIDIA library for serving LLMs on its GPUs, with in-flight batching, paged KV cache and quantization; its documentation (December 2026) names PyTorch its only backend, the TensorRT-engine build having been removed.',
    url: 'https://github.com/NVIDIA/TensorRT-LLM',
  },
  {
    id: 'T170',
    kind: 'tool',
    name: 'TL2cgen',
    purpose: 'Compiles decision-tree ensembles loaded through Treelite into C code and a native library; split out of Treelite in its version 4.0.',
    url: 'https://github.com/dmlc/tl2cgen',
  },
  {
    id: 'T243',
    kind: 'tool',
    name: 'LaunchDarkly Java server SDK polling data source',
    purpose:
      'Configures polling in LaunchDarkly’s Java server SDK: streaming is the default; in polling mode the SDK requests flag data at a fixed interval whose default and minimum is 30 seconds.',
    url: 'https://launchdarkly.github.io/java-server-sdk/com/launchdarkly/sdk/server/integrations/PollingDataSourceBuilder.html',
  },
  {
    id: 'G80',
    kind: 'glossary',
    term: 'Data drift',
    definition: 'A change in the distribution of model inputs, P(X), between training and production; it may or may not hurt accuracy.',
  },
  {
    id: 'G81',
    kind: 'glossary',
    term: 'Concept drift',
    definition: 'A change in the relationship between inputs and target, P(Y | X), so the same input now deserves a different prediction.',
  },
  {
    id: 'G82',
    kind: 'glossary',
    term: 'Continuous batching',
    definition: 'LLM batching at the level of decoding steps: finished sequences leave and queued requests join the batch at every step.',
  },
  {
    id: 'G83',
    kind: 'glossary',
    term: 'Speculative decoding',
    definition: 'A small draft model proposes several tokens and the large model verifies them in one forward pass, keeping its own output distribution.',
  },
  {
    id: 'G84',
    kind: 'glossary',
    term: 'Two-stage recommender',
    definition: 'Candidate generation (cheap retrieval of hundreds of items from millions) followed by ranking (a richer model scoring only those).',
  },
  {
    id: 'G85',
    kind: 'glossary',
    term: 'Sample ratio mismatch (SRM)',
    definition: 'Observed arm sizes that differ significantly from the configured split; a sign of a broken experiment whose results cannot be trusted.',
  },
  {
    id: 'G86',
    kind: 'glossary',
    term: 'RTO and RPO',
    definition: 'Recovery time objective (how long a service may be down) and recovery point objective (how much recent data may be lost).',
  },
  {
    id: 'L99',
    kind: 'literature',
    citation: 'OpenAI. (n.d.). API pricing [Web page]. Prices as listed in June–July 2026.',
    url: 'https://openai.com/api/pricing/',
    note: 'Per-million-token list prices: GPT-5.5 $5 input and $30 output. Prices change often: check the live page.',
  },
  {
    id: 'L102',
    kind: 'literature',
    citation: 'OpenAI. (2026). A preview of GPT-5.6 Sol, Terra and Luna [Help Center article].',
    url: 'https://help.openai.com/en/articles/20001325-a-preview-of-gpt-56-sol-terra-and-luna',
    note: 'The GPT-5.6 family, announced 26 June 2026, opened as a limited preview for a small group of trusted partners, with no public waitlist; Terra is the balanced tier. As of June 2026 it was not generally available.',
  },
  {
    id: 'L103',
    kind: 'literature',
    citation: 'OpenAI. (n.d.). Reasoning models [API guide].',
    url: 'https://developers.openai.com/api/docs/guides/reasoning',
    note: 'Reasoning models such as GPT-5.5 spend hidden reasoning tokens before answering, set by the reasoning effort parameter; the tokens are billed as output and reported in the usage field.',
  },
  {
    id: 'L183',
    kind: 'literature',
    citation:
      'Hu, E. J., Shen, Y., Wallis, P., Allen-Zhu, Z., Li, Y., Wang, S., Wang, L., & Chen, W. (2022). LoRA: Low-rank adaptation of large language models. In International Conference on Learning Representations.',
    url: 'https://arxiv.org/abs/2106.09685',
    note: 'Freezes the pre-trained weights and trains small low-rank matrices beside them: far fewer trainable parameters than full fine-tuning, at comparable quality.',
  },
  {
    id: 'L184',
    kind: 'literature',
    citation:
      "Gururangan, S., Marasović, A., Swayamdipta, S., Lo, K., Beltagy, I., Downey, D., & Smith, N. A. (2020). Don't stop pretraining: Adapt language models to domains and tasks. In Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics (pp. 8342–8360). ACL.",
    doi: '10.18653/v1/2020.acl-main.740',
    note: "A second phase of pre-training on unlabelled in-domain text (domain-adaptive pre-training) improves a general model on that domain's tasks, in low- and high-resource settings.",
  },
  {
    id: 'L185',
    kind: 'literature',
    citation:
      'Chalkidis, I., Fergadiotis, M., Malakasiotis, P., Aletras, N., & Androutsopoulos, I. (2020). LEGAL-BERT: The Muppets straight out of law school. In Findings of the Association for Computational Linguistics: EMNLP 2020 (pp. 2898–2904). ACL.',
    doi: '10.18653/v1/2020.findings-emnlp.261',
    note: 'BERT pre-trained further, or from scratch, on 12 GB of English legal text does better on legal tasks than BERT out of the box.',
  },
  {
    id: 'L186',
    kind: 'literature',
    citation: 'Llama Team, AI @ Meta. (2024). The Llama 3 herd of models. arXiv.',
    url: 'https://arxiv.org/abs/2407.21783',
    note: 'Llama 3: dense Transformers up to 405B parameters, pre-trained on about 15 trillion tokens; its 405B run on up to 16,384 H100s had 419 unexpected interruptions in a 54-day snapshot.',
  },
  {
    id: 'L187',
    kind: 'literature',
    citation:
      'European Data Protection Board. (2024). Opinion 28/2024 on certain data protection aspects related to the processing of personal data in the context of AI models (adopted 17 December 2024).',
    note: 'AI models trained with personal data cannot, in all cases, be considered anonymous: whether a model is anonymous is assessed case by case.',
  },
  {
    id: 'L188',
    kind: 'literature',
    citation: 'Google Cloud. (2023). MLOps: Continuous delivery and automation pipelines in machine learning [Cloud Architecture Center].',
    url: 'https://cloud.google.com/architecture/mlops-continuous-delivery-and-automation-pipelines-in-machine-learning',
    note: 'MLOps levels 0-2 with CI, CD and continuous training: CD delivers the training pipeline, which then deploys the prediction service, and the pipeline runs on a schedule or a trigger.',
  },
  {
    id: 'L202',
    kind: 'literature',
    citation:
      'du Pisanie, J., Allison, J. S., Budde, C. J., & Visagie, I. J. H. (2023). A critical review of existing and new population stability testing procedures in credit risk scoring (arXiv:2303.01227) [Preprint]. arXiv.',
    url: 'https://arxiv.org/abs/2303.01227',
    note: 'Reviews the population stability index and classical goodness-of-fit tests for scorecard monitoring; with large samples the tests reject trivial shifts, so it proposes effect sizes instead.',
  },
  {
    id: 'L206',
    kind: 'literature',
    citation:
      'Touvron, H., Martin, L., Stone, K., Albert, P., Almahairi, A., Babaei, Y., Bashlykov, N., Batra, S., Bhargava, P., Bhosale, S., Bikel, D., Blecher, L., Canton Ferrer, C., Chen, M., Cucurull, G., Esiobu, D., Fernandes, J., Fu, J., Fu, W., … Scialom, T. (2023). Llama 2: Open foundation and fine-tuned chat models [Preprint]. arXiv.',
    url: 'https://arxiv.org/abs/2307.09288',
    note: 'Llama 2 models from 7B to 70B parameters with a 4k-token context; the 34B and 70B models use grouped-query attention instead of multi-head attention so that inference scales to larger batches.',
  },
  {
    id: 'L207',
    kind: 'literature',
    citation: 'OpenAI. (n.d.). GPT-6.1 Terra [API model page].',
    note: 'GPT-6.1 Terra, released on 26 October 2026, at standard API prices of $1 per million input tokens and $5 per million output tokens, with reasoning effort from none to max and medium by default (read on 6 December 2026).',
  },
  {
    id: 'L208',
    kind: 'literature',
    citation: 'OpenAI. (n.d.). GPT-6 Luna [API model page].',
    url: 'https://developers.openai.com/api/docs/models/gpt-6-luna',
    note: 'GPT-6 Luna, the small GPT-6 tier for high-volume tasks, released on 22 September 2026, at standard API prices of $0.10 per million input tokens and $0.50 per million output tokens (read on 6 December 2026).',
  },
];
