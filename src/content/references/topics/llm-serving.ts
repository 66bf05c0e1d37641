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
    note: 'The roofline model: attainable FLOP/s is the lower of peak compute and bandwidth × arithmetic intensity, with the ridge point between them.',
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
];
