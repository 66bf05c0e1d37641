/** Tools the answers name, each with what it is for and its official site. */
import type { ToolEntry } from './schema';

type Tool = Omit<ToolEntry, 'kind'>;

const entries: Tool[] = [
  {
    id: 'T1',
    name: 'NVIDIA Triton Inference Server',
    purpose: 'Serves many models per GPU with dynamic batching, concurrent model execution and ensembles.',
    url: 'https://github.com/triton-inference-server/server',
  },
  {
    id: 'T2',
    name: 'MLflow',
    purpose: 'Experiment tracking, model packaging and a model registry with versions and aliases.',
    url: 'https://mlflow.org/',
  },
  {
    id: 'T3',
    name: 'Feast',
    purpose: 'Open-source feature store: offline store for training, online store for serving, point-in-time joins.',
    url: 'https://feast.dev/',
  },
  {
    id: 'T4',
    name: 'Kubernetes',
    purpose: 'Container orchestration: deployments, horizontal pod autoscaling, scheduling of GPU workloads.',
    url: 'https://kubernetes.io/',
  },
  {
    id: 'T5',
    name: 'OpenFeature',
    purpose: 'Vendor-neutral feature-flag API, so flag checks do not bind code to one flag service.',
    url: 'https://openfeature.dev/',
  },
  {
    id: 'T6',
    name: 'NVIDIA TensorRT',
    purpose:
      'Compiles trained networks for NVIDIA GPUs with layer fusion and reduced precision (from TensorRT 11, set in the network itself: strongly typed, with explicit quantize/dequantize nodes); since 8.6, engines can be built hardware-compatible (Ampere and newer) and version-compatible (later runtimes of the same major version and, per TensorRT 11.4’s support matrix, the major-version steps it lists: 8 to 10 and 10 to 11).',
    url: 'https://developer.nvidia.com/tensorrt',
  },
  {
    id: 'T7',
    name: 'ONNX Runtime',
    purpose: 'Cross-platform inference engine for ONNX models on CPU and GPU, with quantization tools.',
    url: 'https://onnxruntime.ai/',
  },
  {
    id: 'T8',
    name: 'Apache Kafka',
    purpose: 'Distributed, partitioned, replicated log for event streaming between services.',
    url: 'https://kafka.apache.org/',
  },
  {
    id: 'T9',
    name: 'Redis',
    purpose: 'In-memory key-value store, often the online feature store or prediction cache.',
    url: 'https://redis.io/',
  },
];

export const tools: ToolEntry[] = entries.map((entry) => ({ ...entry, kind: 'tool' }));
