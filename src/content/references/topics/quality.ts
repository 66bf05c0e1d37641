/**
 * References first cited by the quality questions. Any page may cite any entry.
 * A new entry takes the next free number of its kind (L, T or G) across the
 * whole catalog; the validator rejects a reused id and a tool, term or work
 * that is already listed under another id.
 */
import type { ReferenceEntry } from '../schema';

export const qualityReferences: ReferenceEntry[] = [
  {
    id: 'L40',
    kind: 'literature',
    citation:
      'Jacob, B., Kligys, S., Chen, B., Zhu, M., Tang, M., Howard, A., Adam, H., & Kalenichenko, D. (2018). Quantization and training of neural networks for efficient integer-arithmetic-only inference. In Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition (CVPR). IEEE.',
    url: 'https://arxiv.org/abs/1712.05877',
    note: 'The INT8 quantization scheme most inference engines follow, and quantization-aware training to keep accuracy.',
  },
  {
    id: 'L41',
    kind: 'literature',
    citation: 'Hinton, G., Vinyals, O., & Dean, J. (2015). Distilling the knowledge in a neural network [Preprint]. arXiv:1503.02531.',
    url: 'https://arxiv.org/abs/1503.02531',
    note: 'Knowledge distillation: training a small student model on a large teacher’s soft outputs.',
  },
  {
    id: 'L42',
    kind: 'literature',
    citation:
      'Micikevicius, P., Narang, S., Alben, J., Diamos, G., Elsen, E., Garcia, D., Ginsburg, B., Houston, M., Kuchaiev, O., Venkatesh, G., & Wu, H. (2018). Mixed precision training. In International Conference on Learning Representations (ICLR).',
    url: 'https://arxiv.org/abs/1710.03740',
    note: 'FP16 arithmetic with FP32 master weights, FP32 accumulation and loss scaling: why some operations stay in FP32.',
  },
  {
    id: 'L43',
    kind: 'literature',
    citation:
      'Tramèr, F., Zhang, F., Juels, A., Reiter, M. K., & Ristenpart, T. (2016). Stealing machine learning models via prediction APIs. In 25th USENIX Security Symposium (pp. 601–618). USENIX Association.',
    url: 'https://www.usenix.org/conference/usenixsecurity16/technical-sessions/presentation/tramer',
    note: 'Model extraction through the prediction APIs of BigML and Amazon Machine Learning, and extraction that still works when confidence scores are left out.',
  },
  {
    id: 'L44',
    kind: 'literature',
    citation:
      'Crankshaw, D., Wang, X., Zhou, G., Franklin, M. J., Gonzalez, J. E., & Stoica, I. (2017). Clipper: A low-latency online prediction serving system. In 14th USENIX Symposium on Networked Systems Design and Implementation (NSDI 17). USENIX Association.',
    url: 'https://www.usenix.org/conference/nsdi17/technical-sessions/presentation/crankshaw',
    note: 'Adaptive batching under a latency objective, caching and model selection in a serving layer.',
  },
  {
    id: 'L45',
    kind: 'literature',
    citation: 'NVIDIA. (n.d.). NVIDIA Multi-Instance GPU user guide [Technical documentation].',
    url: 'https://docs.nvidia.com/datacenter/tesla/mig-user-guide/',
    note: 'MIG profiles per GPU (1g.5gb to 7g.40gb on an A100 40 GB), instance limits and valid placements.',
  },
  {
    id: 'L46',
    kind: 'literature',
    citation: 'The Kubernetes Authors. (n.d.). Horizontal Pod Autoscaling [Documentation]. Kubernetes.',
    url: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
    note: 'The replica formula, its tolerance, scaling policies and the scale-down stabilisation window.',
  },
  {
    id: 'L47',
    kind: 'literature',
    citation: 'OWASP Foundation. (2023). API4:2023 Unrestricted resource consumption. In OWASP API Security Top 10 2023.',
    url: 'https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/',
    note: 'Why APIs need rate limits, quotas and cost limits per client, and how missing ones are exploited.',
  },
  {
    id: 'L48',
    kind: 'literature',
    citation: 'OWASP Foundation. (2023). ML05:2023 Model theft [Draft]. In OWASP Machine Learning Security Top Ten.',
    url: 'https://owasp.org/www-project-machine-learning-security-top-10/docs/ML05_2023-Model_Theft.html',
    note: 'A draft list (still marked as in draft in the project repository, December 2025 snapshot). Covers theft of model parameters, with access control, encryption and watermarking as defences; it does not cover extraction by querying an API.',
  },
  {
    id: 'L49',
    kind: 'literature',
    citation: 'IBM, & Ponemon Institute. (2025). Cost of a data breach report 2025. IBM.',
    url: 'https://www.ibm.com/reports/data-breach',
    note: 'Yearly survey of breach costs: a global average of USD 4.44 million across 600 organisations breached between March 2024 and February 2025, down 9% from USD 4.88 million in the 2024 report. Latest edition confirmed as of December 2026.',
  },
  {
    id: 'L227',
    kind: 'literature',
    citation: 'OWASP GenAI Security Project. (2026). LLM06:2026 Unbounded consumption. In OWASP Top 10 for LLM applications 2026.',
    url: 'https://github.com/GenAI-Security-Project/GenAI-LLM-Top10/blob/main/2026/final/LLM06_UnboundedConsumption.md',
    note: 'Released 4 August 2026 according to the project repository (checked December 2026); the same risk was LLM10 in the 2025 list. Request-rate limits alone no longer suffice: limit tokens and estimated cost, set hard spending caps per key, user and account, and expect extraction and distillation, which exposed logits and log-probabilities speed up.',
  },
  {
    id: 'L228',
    kind: 'literature',
    citation:
      'Carlini, N., Paleka, D., Dvijotham, K., Steinke, T., Hayase, J., Cooper, A. F., Lee, K., Jagielski, M., Nasr, M., Conmy, A., Yona, I., Wallace, E., Rolnick, D., & Tramèr, F. (2024). Stealing part of a production language model (arXiv:2403.06634). arXiv.',
    url: 'https://arxiv.org/abs/2403.06634',
    note: "Recovers the final projection layer of black-box production LLMs through their APIs' log-probabilities and logit bias: the whole matrix of OpenAI's ada and babbage for under USD 20. Also presented at the International Conference on Machine Learning 2024.",
  },
  {
    id: 'L229',
    kind: 'literature',
    citation: 'OWASP Foundation. (2023). API2:2023 Broken authentication. In OWASP API Security Top 10 2023.',
    url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/',
    note: 'APIs that let attackers brute-force credentials without lockout are vulnerable; anti-brute-force limits on authentication should be stricter than the regular rate limits.',
  },
  {
    id: 'T188',
    kind: 'tool',
    name: 'MITRE ATLAS: Extract AI Model (AML.T0024.002)',
    purpose:
      'Knowledge base of attacks on AI systems: model extraction through an inference API, with mitigations that restrict the number and rate of queries per user (AML.M0004) and lower the fidelity of outputs (AML.M0002). Entry last modified 23 December 2025.',
    url: 'https://atlas.mitre.org/techniques/AML.T0024.002',
  },
  {
    id: 'L50',
    kind: 'literature',
    citation: 'NVIDIA. (n.d.). Batchers: Dynamic batcher. In NVIDIA Triton Inference Server user guide [Documentation].',
    url: 'https://docs.nvidia.com/deeplearning/triton-inference-server/user-guide/docs/user_guide/batcher.html',
    note: 'Maximum batch size, preferred batch sizes and the maximum queue delay that bounds batching latency.',
  },
  {
    id: 'T40',
    kind: 'tool',
    name: 'NVIDIA DCGM',
    purpose: 'Data Center GPU Manager: GPU health and profiling metrics such as SM activity, exported to Prometheus.',
    url: 'https://docs.nvidia.com/datacenter/dcgm/latest/user-guide/feature-overview.html',
  },
  {
    id: 'G40',
    kind: 'glossary',
    term: 'Dynamic batching',
    definition: 'Grouping requests that arrive close together into one model call, flushed when the batch is full or the oldest request has waited a set maximum.',
  },
  {
    id: 'G41',
    kind: 'glossary',
    term: 'Tail latency (p95, p99)',
    definition: 'The latency that 95 % or 99 % of requests stay under; it is set by the slowest requests, so an average says nothing about it.',
  },
  {
    id: 'G42',
    kind: 'glossary',
    term: 'MTBF and MTTR',
    definition: 'Mean time between failures and mean time to repair; steady-state availability is MTBF / (MTBF + MTTR).',
  },
  {
    id: 'G43',
    kind: 'glossary',
    term: 'Error budget',
    definition: 'The unreliability an SLO allows over a window, 1 - SLO: 43.2 minutes in a 30-day month at 99.9 %.',
  },
  {
    id: 'G44',
    kind: 'glossary',
    term: 'Stabilisation window',
    definition: 'The period an autoscaler looks back over before scaling down, acting on the highest recommendation seen so short dips cause no churn.',
  },
  {
    id: 'G45',
    kind: 'glossary',
    term: 'Token bucket',
    definition: 'A rate limiter holding up to N tokens refilled at a fixed rate; each request spends one, so bursts up to N pass and the long-run rate is capped.',
  },
  {
    id: 'G46',
    kind: 'glossary',
    term: 'Model extraction',
    definition: 'Rebuilding a functional copy of a model from its prediction API by sending chosen queries and training on the answers.',
  },
  {
    id: 'G47',
    kind: 'glossary',
    term: 'Multi-Instance GPU (MIG)',
    definition:
      'Hardware partitioning of a supported data-centre GPU (NVIDIA lists the A100, A30, H100, H200 and some Blackwell parts) into up to seven instances, each with its own compute, memory and cache.',
  },
  {
    id: 'L100',
    kind: 'literature',
    citation: 'NVIDIA. (2023). NVIDIA H100 Tensor Core GPU [Datasheet].',
    url: 'https://resources.nvidia.com/en-us-tensor-core/nvidia-tensor-core-gpu-datasheet',
    note: 'H100 SXM: about 989 TFLOPS of dense FP16 Tensor Core compute (1,979 with sparsity) and 3.35 TB/s of HBM3 bandwidth.',
  },
  {
    id: 'L101',
    kind: 'literature',
    citation: 'NVIDIA. (2023). NVIDIA L4 Tensor Core GPU [Datasheet].',
    url: 'https://resources.nvidia.com/en-us-data-center-overview/l4-gpu-datasheet',
    note: 'L4: about 121 TFLOPS of dense FP16 Tensor Core compute (242 with sparsity), 24 GB of GDDR6 at 300 GB/s, 72 W.',
  },
  {
    id: 'T162',
    kind: 'tool',
    name: 'TensorRT 11.x migration guide',
    purpose:
      'NVIDIA: TensorRT 11 removed the INT8 calibrator and the precision builder flags; quantize explicitly (Q/DQ nodes, e.g. with ModelOpt) and use ModelOpt AutoCast for FP16.',
    url: 'https://docs.nvidia.com/deeplearning/tensorrt/latest/api/migration/tensorrt-10x-to-11x-python-api-reference.html',
  },
  {
    id: 'T226',
    kind: 'tool',
    name: 'torchao',
    purpose:
      "PyTorch's quantization and sparsity library. PyTorch's quantization page (2.13, updated May 2026) sends users of torch.ao.quantization's eager mode, quantize_dynamic included, to torchao's quantize_ and plans to delete torch.ao.quantization; torchao's Int8DynamicActivationInt8WeightConfig quantizes models on CUDA too (checked December 2026).",
    url: 'https://docs.pytorch.org/ao/stable/index.html',
  },
  {
    id: 'L262',
    kind: 'literature',
    citation:
      'Wu, H., Judd, P., Zhang, X., Isaev, M., & Micikevicius, P. (2020). Integer quantization for deep learning inference: Principles and empirical evaluation [Preprint]. arXiv:2004.09602.',
    url: 'https://arxiv.org/abs/2004.09602',
    note: 'An 8-bit quantization workflow that keeps every network studied, MobileNets and BERT-large included, within 1% of its floating-point accuracy.',
  },
  {
    id: 'L263',
    kind: 'literature',
    citation: 'Krishnamoorthi, R. (2018). Quantizing deep convolutional networks for efficient inference: A whitepaper [Preprint]. arXiv:1806.08342.',
    url: 'https://arxiv.org/abs/1806.08342',
    note: 'Post-training INT8, per-channel for weights, keeps a wide range of CNNs within 2% of floating-point accuracy; quantization-aware training narrows the gap to 1%.',
  },
  {
    id: 'T169',
    kind: 'tool',
    name: 'AWS Lambda API reference: AcceleratorConfig',
    purpose:
      'AWS: accelerator (GPU) memory for a Lambda function, 3 to 48 GB per execution environment, available only to functions that run on Lambda Managed Instances through a capacity provider (read on 6 December 2026).',
    url: 'https://docs.aws.amazon.com/lambda/latest/api/API_AcceleratorConfig.html',
  },
  {
    id: 'T245',
    kind: 'tool',
    name: 'AWS Lambda Developer Guide: Scaling Lambda Managed Instances',
    purpose:
      'AWS: Managed Instances run in your account, launch three instances by default for Availability Zone resiliency, and scale asynchronously on CPU utilisation and multi-concurrency saturation, not when invocations arrive (read on 6 December 2026).',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-scaling.html',
  },
];
