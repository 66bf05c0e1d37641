/**
 * How a free-form tag reads on the question pages and as the title of its tag
 * page. Only tags that two or more questions share get a page, and the
 * validator asks for a label for each of them here (and for none that no
 * question uses), so a slug such as "kv-cache" never reaches a reader.
 * Topic and difficulty tags are labelled from tracks.ts (see tags.ts).
 */
/** A free-form tag gets a page only when this many questions share it: a page listing one question repeats that question. */
export const MIN_QUESTIONS_PER_TAG = 2;

/** Each tag with the questions that carry it; a question that repeats a tag counts once. */
export function questionsByTag<Q>(questions: readonly Q[], tagsOf: (question: Q) => readonly string[]): Map<string, Q[]> {
  const byTag = new Map<string, Q[]>();
  for (const q of questions) for (const tag of new Set(tagsOf(q))) byTag.set(tag, [...(byTag.get(tag) ?? []), q]);
  return byTag;
}

export const TAG_LABELS: Readonly<Record<string, string>> = {
  'ab-testing': 'A/B testing',
  agents: 'Agents',
  ann: 'ANN search',
  availability: 'Availability',
  'batch-inference': 'Batch inference',
  caching: 'Caching',
  'capacity-planning': 'Capacity planning',
  chunking: 'Chunking',
  compliance: 'Compliance',
  'continuous-batching': 'Continuous batching',
  'continuous-training': 'Continuous training',
  cost: 'Cost',
  dag: 'DAGs',
  'data-drift': 'Data drift',
  'data-leakage': 'Data leakage',
  'disaster-recovery': 'Disaster recovery',
  'dynamic-batching': 'Dynamic batching',
  evaluation: 'Evaluation',
  fallback: 'Fallbacks',
  'feature-flags': 'Feature flags',
  'feature-store': 'Feature stores',
  governance: 'Governance',
  'human-in-the-loop': 'Human in the loop',
  idempotency: 'Idempotency',
  'inference-optimization': 'Inference optimization',
  kafka: 'Kafka',
  kubernetes: 'Kubernetes',
  'kv-cache': 'KV cache',
  latency: 'Latency',
  lineage: 'Lineage',
  'llm-serving': 'LLM serving',
  mlops: 'MLOps',
  'model-registry': 'Model registry',
  'model-versioning': 'Model versioning',
  'multi-model-serving': 'Multi-model serving',
  'multi-region': 'Multi-region',
  'multi-tenancy': 'Multi-tenancy',
  orchestration: 'Orchestration',
  'point-in-time-join': 'Point-in-time joins',
  'prompt-injection': 'Prompt injection',
  psi: 'Population stability index',
  quantization: 'Quantization',
  rag: 'RAG',
  'rate-limiting': 'Rate limiting',
  reliability: 'Reliability',
  reproducibility: 'Reproducibility',
  retries: 'Retries',
  retrieval: 'Retrieval',
  rollback: 'Rollback',
  'sample-size': 'Sample size',
  'schema-evolution': 'Schema evolution',
  security: 'Security',
  'shadow-deployment': 'Shadow deployment',
  'speculative-decoding': 'Speculative decoding',
  'stakeholder-management': 'Stakeholder management',
  streaming: 'Streaming',
  timeouts: 'Timeouts',
  'training-serving-skew': 'Training-serving skew',
  'vector-search': 'Vector search',
  'vendor-selection': 'Vendor selection',
};
