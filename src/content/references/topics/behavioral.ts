/**
 * References first cited by the behavioral questions. Any page may cite any entry.
 * A new entry takes the next free number of its kind (L, T or G) across the
 * whole catalog; the validator rejects a reused id and a tool, term or work
 * that is already listed under another id.
 */
import type { ReferenceEntry } from '../schema';

export const behavioralReferences: ReferenceEntry[] = [
  {
    id: 'L30',
    kind: 'literature',
    citation: 'Young, J. W. (1974). A first order approximation to the optimum checkpoint interval. Communications of the ACM, 17(9), 530–531.',
    doi: '10.1145/361147.361115',
    note: 'Derives the optimum checkpoint interval, the square root of 2 × checkpoint cost × mean time between failures.',
  },
  {
    id: 'L31',
    kind: 'literature',
    citation: 'Daly, J. T. (2006). A higher order estimate of the optimum checkpoint interval for restart dumps. Future Generation Computer Systems, 22(3), 303–312.',
    doi: '10.1016/j.future.2004.11.016',
    note: 'Refines Young’s interval with higher-order terms (the restart time drops out of the optimum); matters when the checkpoint cost is not small next to the MTBF.',
  },
  {
    id: 'L32',
    kind: 'literature',
    citation:
      'Mohan, J., Phanishayee, A., & Chidambaram, V. (2021). CheckFreq: Frequent, fine-grained DNN checkpointing. In 19th USENIX Conference on File and Storage Technologies (FAST 21). USENIX Association.',
    url: 'https://www.usenix.org/conference/fast21/presentation/mohan',
    note: 'Iteration-level checkpoints for deep learning: snapshot then persist in the background, data-loader state included.',
  },
  {
    id: 'L33',
    kind: 'literature',
    citation: 'Brooker, M. (2019). Timeouts, retries, and backoff with jitter [Web article]. Amazon Builders’ Library.',
    url: 'https://aws.amazon.com/builders-library/timeouts-retries-and-backoff-with-jitter/',
    note: 'How to pick timeouts, why retries amplify overload, and capped exponential backoff with jitter.',
  },
  {
    id: 'L34',
    kind: 'literature',
    citation: 'Fowler, M. (2017). What do you mean by “event-driven”? [Web article]. martinfowler.com.',
    url: 'https://martinfowler.com/articles/201701-event-driven.html',
    note: 'Separates event notification, event-carried state transfer, event sourcing and CQRS, which are often all called event-driven.',
  },
  {
    id: 'L218',
    kind: 'literature',
    citation: 'Sanh, V., Debut, L., Chaumond, J., & Wolf, T. (2019). DistilBERT, a distilled version of BERT: Smaller, faster, cheaper and lighter [Preprint]. arXiv:1910.01108.',
    url: 'https://arxiv.org/abs/1910.01108',
    note: 'A distilled BERT 40% smaller and 60% faster that keeps 97% of its language understanding: what distillation alone buys a cheaper tier.',
  },
  {
    id: 'L248',
    kind: 'literature',
    citation: 'Rundgren, A., Jordan, B., & Erdtman, S. (2020). JSON Canonicalization Scheme (JCS) (RFC 8785). RFC Editor.',
    doi: '10.17487/RFC8785',
    note: 'One byte-exact form of JSON for hashing and signing: ECMAScript (JSON.stringify) serialisation of numbers and strings, and recursively sorted object keys.',
  },
  {
    id: 'L249',
    kind: 'literature',
    citation: 'Oliver, K. (2016, February 8). Retry budgets [Blog post]. Finagle Blog.',
    url: 'https://finagle.github.io/blog/2016/02/08/retry-budgets',
    note: 'A retry budget as a token bucket: requests deposit credit, retries withdraw it, so retries stay a fixed share of traffic (Finagle’s default: 20%, plus 10 retries a second).',
  },
  {
    id: 'L266',
    kind: 'literature',
    citation: 'Nottingham, M., & Fielding, R. (2012). Additional HTTP status codes (RFC 6585). RFC Editor.',
    doi: '10.17487/RFC6585',
    note: 'Defines 429 Too Many Requests (section 4): the client sent too many requests in a given time, and the response MAY include a Retry-After header saying how long to wait.',
  },
  {
    id: 'T30',
    kind: 'tool',
    name: 'Apache Airflow',
    purpose: 'Schedules and monitors batch workflows written as Python DAGs of tasks; suited to minutes-to-hours pipelines, not request paths.',
    url: 'https://airflow.apache.org/',
  },
  {
    id: 'T31',
    kind: 'tool',
    name: 'Argo Workflows',
    purpose: 'Kubernetes-native workflow engine: each step is a container, dependencies form a DAG; used for batch inference and ML pipelines.',
    url: 'https://argoproj.github.io/workflows/',
  },
  {
    id: 'T32',
    kind: 'tool',
    name: 'Temporal',
    purpose: 'Durable execution: workflow code whose state survives process crashes, with per-activity timeouts and retry policies.',
    url: 'https://temporal.io/',
  },
  {
    id: 'T33',
    kind: 'tool',
    name: 'Resilience4j',
    purpose: 'Fault-tolerance library with a circuit breaker (sliding window, minimum number of calls, half-open probes), retry and bulkhead.',
    url: 'https://resilience4j.readme.io/',
  },
  {
    id: 'T34',
    kind: 'tool',
    name: 'PyTorch Distributed Checkpoint (DCP)',
    purpose: 'Saves and loads sharded model and optimizer state from all ranks in parallel, with asynchronous save and resharding on load.',
    url: 'https://pytorch.org/docs/stable/distributed.checkpoint.html',
  },
  {
    id: 'T35',
    kind: 'tool',
    name: 'torchrun (PyTorch Elastic)',
    purpose:
      'Launches distributed training; with --max-restarts above 0 (the default, 0, fails the job), a worker failure restarts all workers, and the training script reloads its last checkpoint.',
    url: 'https://pytorch.org/docs/stable/elastic/run.html',
  },
  {
    id: 'T176',
    kind: 'tool',
    name: 'torchft',
    purpose:
      'Per-step fault tolerance for PyTorch: fault-tolerant DDP and HSDP across the replicated dimension, so healthy replica groups keep training while a replacement recovers state from a live peer.',
    url: 'https://github.com/meta-pytorch/torchft',
  },
  {
    id: 'T177',
    kind: 'tool',
    name: 'torchdata StatefulDataLoader',
    purpose:
      'Drop-in DataLoader with state_dict/load_state_dict for mid-epoch resume; it gathers state across its worker processes but not across ranks, so each rank saves its own.',
    url: 'https://pytorch.org/data/0.8/torchdata.stateful_dataloader.html',
  },
  {
    id: 'T178',
    kind: 'tool',
    name: 'NVIDIA Resiliency Extension',
    purpose: 'Fault-tolerance tools for large-scale PyTorch training: hang detection and in-job restart, asynchronous checkpoints, and local checkpoints replicated across nodes.',
    url: 'https://github.com/NVIDIA/nvidia-resiliency-ext',
  },
  {
    id: 'T200',
    kind: 'tool',
    name: 'Ray Train torchft integration',
    purpose:
      'Runs torchft under Ray Train: a failed worker’s replica group alone is replaced and recovers model and optimizer state from a live peer; the docs mark the integration alpha.',
    url: 'https://docs.ray.io/en/master/train/user-guides/torchft-fault-tolerance.html',
  },
  {
    id: 'T179',
    kind: 'tool',
    name: 'Prometheus histogram_quantile()',
    purpose: 'PromQL function that estimates a quantile such as the p95 from histogram buckets; the range of the rate() inside it sets the window the quantile covers.',
    url: 'https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile',
  },
  {
    id: 'G30',
    kind: 'glossary',
    term: 'Critical path',
    definition: 'The longest chain of dependent steps in a workflow DAG; with independent steps run in parallel, it sets the end-to-end latency.',
  },
  {
    id: 'G31',
    kind: 'glossary',
    term: 'Graceful degradation',
    definition: 'Serving a cheaper, lower-quality answer (smaller model, fewer features, cached result) instead of failing when resources run short.',
  },
  {
    id: 'G32',
    kind: 'glossary',
    term: 'Hysteresis',
    definition: 'Using a different, safer threshold (and often a wait) to switch back than to switch, so a signal near the boundary does not cause flapping.',
  },
  {
    id: 'G33',
    kind: 'glossary',
    term: 'Back-pressure',
    definition: 'A consumer signalling producers to slow down (a full bounded queue, a 429 with Retry-After) instead of buffering without limit.',
  },
  {
    id: 'G34',
    kind: 'glossary',
    term: 'Idempotent consumer',
    definition: 'A message handler that gives the same result when a message is delivered twice, usually by keying work on a request id; needed with at-least-once delivery.',
  },
  {
    id: 'G35',
    kind: 'glossary',
    term: 'MTBF (mean time between failures)',
    definition: 'Average running time between failures of a system; for a job on N independent nodes it is roughly the per-node MTBF divided by N.',
  },
  {
    id: 'G36',
    kind: 'glossary',
    term: 'Commit marker',
    definition: 'A small object (such as a manifest) written after all the data it lists; readers treat the data as existing only once the marker does.',
  },
];
