/**
 * References first cited by part "Serving and inference" of the LLM and agent systems
 * track. Any page may cite any entry. A new entry takes the next free number
 * of its kind (L, T or G) across the whole catalog; the validator rejects a
 * reused id and a tool, term or work that is already listed under another id.
 */
import type { ReferenceEntry } from '../schema';

export const llmServingReferences: ReferenceEntry[] = [
  {
    id: 'L104',
    kind: 'literature',
    citation:
      'Williams, S., Waterman, A., & Patterson, D. (2009). Roofline: An insightful visual performance model for multicore architectures. Communications of the ACM, 52(4), 65–76.',
    doi: '10.1145/1498765.1498785',
    note: 'The roofline model: attainable FLOP/s is the lower of peak compute and peak memory bandwidth × operational intensity (FLOPs per byte of DRAM traffic, often called arithmetic intensity), with the ridge point between them.',
  },
  {
    id: 'L105',
    kind: 'literature',
    citation:
      'Zhong, Y., Liu, S., Chen, J., Hu, J., Zhu, Y., Liu, X., Jin, X., & Zhang, H. (2024). DistServe: Disaggregating prefill and decoding for goodput-optimized large language model serving. In 18th USENIX Symposium on Operating Systems Design and Implementation (OSDI 24) (pp. 193–210). USENIX Association.',
    url: 'https://www.usenix.org/conference/osdi24/presentation/zhong-yinmin',
    note: 'Prefill and decode have different bottlenecks and latency targets (TTFT, time per output token); running both on the same GPUs makes them interfere.',
  },
  {
    id: 'L107',
    kind: 'literature',
    citation: 'NVIDIA. (n.d.). NVIDIA A100 Tensor Core GPU [Datasheet].',
    url: 'https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf',
    note: 'A100 80GB SXM: 2,039 GB/s and 312 TFLOP/s dense BF16 (624 with sparsity), as of December 2026.',
  },
  {
    id: 'G98',
    kind: 'glossary',
    term: 'Arithmetic intensity',
    definition: 'FLOP done per byte moved to or from memory; below the GPU ridge point (peak FLOP/s divided by bandwidth) a kernel waits on memory, above it on arithmetic.',
  },
  {
    id: 'G99',
    kind: 'glossary',
    term: 'Time to first token (TTFT)',
    definition: 'Time from a request arriving to its first output token: queueing plus prefill of the prompt; the time per output token after it is set by decode steps.',
  },
  {
    id: 'L110',
    kind: 'literature',
    citation:
      'Yu, G.-I., Jeong, J. S., Kim, G.-W., Kim, S., & Chun, B.-G. (2022). Orca: A distributed serving system for transformer-based generative models. In 16th USENIX Symposium on Operating Systems Design and Implementation (OSDI 22). USENIX Association.',
    url: 'https://www.usenix.org/conference/osdi22/presentation/yu',
    note: 'Iteration-level scheduling: finished requests leave and new ones join the batch after every model iteration.',
  },
  {
    id: 'L111',
    kind: 'literature',
    citation:
      'Chen, C., Borgeaud, S., Irving, G., Lespiau, J.-B., Sifre, L., & Jumper, J. (2023). Accelerating large language model decoding with speculative sampling [Preprint]. arXiv.',
    url: 'https://arxiv.org/abs/2302.01318',
    note: 'Speculative sampling with a modified rejection step that keeps the target distribution; 2-2.5x on Chinchilla 70B.',
  },
  {
    id: 'L112',
    kind: 'literature',
    citation:
      'Agrawal, A., Kedia, N., Panwar, A., Mohan, J., Kwatra, N., Gulavani, B. S., Tumanov, A., & Ramjee, R. (2024). Taming throughput-latency tradeoff in LLM inference with Sarathi-Serve. In 18th USENIX Symposium on Operating Systems Design and Implementation (OSDI 24). USENIX Association.',
    url: 'https://arxiv.org/abs/2403.02310',
    note: 'Chunked prefill and stall-free batching: decodes are not paused while a long prompt is processed.',
  },
  {
    id: 'L114',
    kind: 'literature',
    citation:
      'Patel, P., Choukse, E., Zhang, C., Shah, A., Goiri, Í., Maleki, S., & Bianchini, R. (2024). Splitwise: Efficient generative LLM inference using phase splitting. In 2024 ACM/IEEE 51st Annual International Symposium on Computer Architecture (ISCA) (pp. 118–132). IEEE.',
    url: 'https://arxiv.org/abs/2311.18677',
    note: 'Prompt and token phases on separate machines, with the KV cache sent over the cluster interconnect between them.',
  },
  {
    id: 'L115',
    kind: 'literature',
    citation: 'vLLM Team. (n.d.). Automatic prefix caching [Documentation]. vLLM.',
    url: 'https://docs.vllm.ai/en/latest/design/prefix_caching/',
    note: "vLLM's design: each KV block is keyed by a hash of its parent block's hash and its own tokens, and free blocks are evicted LRU.",
  },
  {
    id: 'L116',
    kind: 'literature',
    citation: 'vLLM Team. (n.d.). Optimization and tuning (v0.17.1) [Documentation]. vLLM.',
    url: 'https://docs.vllm.ai/en/v0.17.1/configuration/optimization/',
    note: 'Preemption when KV blocks run out (recomputed later in the V1 engine), and the settings that make it rarer.',
  },
  {
    id: 'L117',
    kind: 'literature',
    citation: 'vLLM Team. (n.d.). Speculative decoding (v0.14.0) [Documentation]. vLLM.',
    url: 'https://docs.vllm.ai/en/v0.14.0/features/spec_decode/',
    note: 'Speculation in vLLM with a draft model, n-gram matching on the prompt or EAGLE; it targets latency in memory-bound decoding, and the guide warns it does not cut latency for every dataset or sampling setting.',
  },
  {
    id: 'L182',
    kind: 'literature',
    citation: 'NVIDIA. (n.d.). NVIDIA Hopper architecture. Retrieved December 5, 2026.',
    url: 'https://www.nvidia.com/en-sg/technologies/hopper-architecture/',
    note: 'Fourth-generation NVLink: 900 GB/s per GPU, counting both directions, over 7 times the bandwidth of PCIe Gen5.',
  },
  {
    id: 'L118',
    kind: 'literature',
    citation: 'NVIDIA. (2024). H200-SXM-141GBx8 TRT MaxQ system description [Data set]. MLPerf Inference v4.1 results, MLCommons.',
    url: 'https://raw.githubusercontent.com/mlcommons/inference_results_v4.1/main/closed/NVIDIA/systems/H200-SXM-141GBx8_TRT_MaxQ.json',
    note: "NVIDIA's own description of an 8-GPU H200 server: 18 fourth-generation NVLinks at 900 GB/s per GPU, and 400 Gb/s InfiniBand network cards.",
  },
  {
    id: 'T224',
    kind: 'tool',
    name: 'vLLM CacheConfig',
    purpose:
      "vLLM's KV-cache settings in its API reference (December 2026): block size in tokens, whose class default DEFAULT_BLOCK_SIZE is 16 while the platform or attention backend may choose another, the share of GPU memory to use, and prefix caching.",
    url: 'https://docs.vllm.ai/en/stable/api/vllm/config/cache/',
  },
  {
    id: 'T225',
    kind: 'tool',
    name: 'TensorRT-LLM KvCacheConfig',
    purpose:
      "TensorRT-LLM's LLM API settings for its paged KV cache (December 2026): tokens_per_block, 32 by default, block reuse across requests, offloading to host memory and the fraction of free GPU memory to use.",
    url: 'https://nvidia.github.io/TensorRT-LLM/llm-api/reference/KvCacheConfig.html',
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
  {
    id: 'G106',
    kind: 'glossary',
    term: 'Chunked prefill',
    definition: 'Processing a long prompt a bounded number of tokens per scheduler step, alongside running decodes, so no single step stalls token streaming for long.',
  },
  {
    id: 'G107',
    kind: 'glossary',
    term: 'Acceptance rate (speculative decoding)',
    definition: 'The chance that the target model keeps a draft token; for one token it equals the overlap of the two distributions, the sum of min(p, q).',
  },
  {
    id: 'G108',
    kind: 'glossary',
    term: 'Prefix caching',
    definition: 'Keeping the KV blocks of processed prompts so a later prompt that starts with the same tokens skips their prefill.',
  },
  {
    id: 'G109',
    kind: 'glossary',
    term: 'Prefill-decode disaggregation',
    definition: "Running prompt processing and token generation on separate GPU pools and sending each prompt's KV cache from one to the other.",
  },
];
