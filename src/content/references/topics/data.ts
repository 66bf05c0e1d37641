/**
 * References first cited by the data questions. Any page may cite any entry.
 * A new entry takes the next free number of its kind (L, T or G) across the
 * whole catalog; the validator rejects a reused id and a tool, term or work
 * that is already listed under another id.
 */
import type { ReferenceEntry } from '../schema';

export const dataReferences: ReferenceEntry[] = [
  // Literature
  {
    id: 'L51',
    kind: 'literature',
    citation:
      'Polyzotis, N., Zinkevich, M., Roy, S., Breck, E., & Whang, S. (2019). Data validation for machine learning. In Proceedings of Machine Learning and Systems 1 (MLSys 2019) (pp. 334–347).',
    url: 'https://proceedings.mlsys.org/paper_files/paper/2019/hash/928f1160e52192e3e0017fb63ab65391-Abstract.html',
    note: 'Schema-based validation of training and serving data in TFX, including skew detection between the two.',
  },
  {
    id: 'L52',
    kind: 'literature',
    citation:
      'Schelter, S., Lange, D., Schmidt, P., Celikel, M., Biessmann, F., & Grafberger, A. (2018). Automating large-scale data quality verification. Proceedings of the VLDB Endowment, 11(12), 1781–1794.',
    doi: '10.14778/3229863.3229867',
    note: 'Declarative "unit tests for data" (Deequ): constraints compiled into aggregation queries, checked incrementally.',
  },
  {
    id: 'L53',
    kind: 'literature',
    citation:
      'Akidau, T., Bradshaw, R., Chambers, C., Chernyak, S., Fernández-Moctezuma, R. J., Lax, R., McVeety, S., Mills, D., Perry, F., Schmidt, E., & Whittle, S. (2015). The Dataflow Model: A practical approach to balancing correctness, latency, and cost in massive-scale, unbounded, out-of-order data processing. Proceedings of the VLDB Endowment, 8(12), 1792–1803.',
    doi: '10.14778/2824032.2824076',
    note: 'Event time versus processing time, windows, watermarks, triggers and how late data refine earlier results (discarding, accumulating or retracting), as one model.',
  },
  {
    id: 'L54',
    kind: 'literature',
    citation:
      'Malkov, Y. A., & Yashunin, D. A. (2020). Efficient and robust approximate nearest neighbor search using hierarchical navigable small world graphs. IEEE Transactions on Pattern Analysis and Machine Intelligence, 42(4), 824–836.',
    doi: '10.1109/TPAMI.2018.2889473',
    note: 'HNSW, the layered proximity graph behind most vector databases; preprint arXiv:1603.09320.',
  },
  {
    id: 'L55',
    kind: 'literature',
    citation: 'Johnson, J., Douze, M., & Jégou, H. (2021). Billion-scale similarity search with GPUs. IEEE Transactions on Big Data, 7(3), 535–547.',
    doi: '10.1109/TBDATA.2019.2921572',
    note: 'The design of FAISS on GPUs: exact, IVF and product-quantised search at billion scale.',
  },
  {
    id: 'L56',
    kind: 'literature',
    citation:
      'Jégou, H., Douze, M., & Schmid, C. (2011). Product quantization for nearest neighbor search. IEEE Transactions on Pattern Analysis and Machine Intelligence, 33(1), 117–128.',
    doi: '10.1109/TPAMI.2010.57',
    note: 'Product quantisation and the inverted-file (IVFADC) index that compresses vectors to a few bytes each.',
  },
  {
    id: 'L57',
    kind: 'literature',
    citation:
      'Kaufman, S., Rosset, S., Perlich, C., & Stitelman, O. (2012). Leakage in data mining: Formulation, detection, and avoidance. ACM Transactions on Knowledge Discovery from Data, 6(4), Article 15.',
    doi: '10.1145/2382577.2382579',
    note: 'What leakage is, why it inflates offline results, and the learn-predict separation that avoids it.',
  },
  {
    id: 'L250',
    kind: 'literature',
    citation: 'pedgar. (2026, September 7). Feature view ttl is not applied on the standard online retrieval path (Issue #6821) [GitHub issue]. feast-dev/feast.',
    url: 'https://github.com/feast-dev/feast/issues/6821',
    note: 'Reproduces on Feast 0.66.0 that online reads return a value older than the feature view’s ttl, marked PRESENT, while historical retrieval honours ttl; an earlier request (#1802) was closed as wontfix.',
  },
  {
    id: 'L251',
    kind: 'literature',
    citation: 'breno-costa. (2024, April 23). Feature View’s ttl is misleading (Issue #4133) [GitHub issue]. feast-dev/feast.',
    url: 'https://github.com/feast-dev/feast/issues/4133',
    note: 'Quotes the FeatureView docstring (a ttl of 0 means the features live forever) and explains that ttl sets where materialisation starts reading, not when online values expire; Redis expiry is a separate key_ttl_seconds setting.',
  },
  {
    id: 'L261',
    kind: 'literature',
    citation: 'The Data Exec. (n.d.). Databricks bought Tecton [Newsletter post].',
    url: 'https://thedataexec.io/p/databricks-bought-tecton',
    note: 'Trade-press report that Databricks bought Tecton, the managed feature platform, and what that means for teams running Tecton on Snowflake.',
  },

  // Tools
  {
    id: 'T50',
    kind: 'tool',
    name: 'DVC (Data Version Control)',
    purpose: 'Versions datasets and models next to Git: files are stored in a content-addressed cache keyed by hash.',
    url: 'https://dvc.org/',
  },
  {
    id: 'T51',
    kind: 'tool',
    name: 'Delta Lake',
    purpose: 'Table format with an ACID transaction log and time travel to earlier table versions, until VACUUM removes old files.',
    url: 'https://delta.io/',
  },
  {
    id: 'T52',
    kind: 'tool',
    name: 'OpenLineage',
    purpose: 'Open standard for lineage events: runs, jobs and input/output datasets, emitted by Spark, Airflow, dbt and Flink.',
    url: 'https://openlineage.io/',
  },
  {
    id: 'T53',
    kind: 'tool',
    name: 'Great Expectations',
    purpose: 'Declarative data validation: expectations on columns (types, ranges, null shares) checked against each batch.',
    url: 'https://greatexpectations.io/',
  },
  {
    id: 'T54',
    kind: 'tool',
    name: 'Apache Flink',
    purpose: 'Stateful stream processor with event-time windows, watermarks, allowed lateness and side outputs for late data.',
    url: 'https://flink.apache.org/',
  },
  {
    id: 'T55',
    kind: 'tool',
    name: 'FAISS',
    purpose: 'Library for exact and approximate vector search (flat, IVF, PQ, HNSW) on CPU and GPU.',
    url: 'https://github.com/facebookresearch/faiss',
  },
  {
    id: 'T56',
    kind: 'tool',
    name: 'pgvector',
    purpose: 'PostgreSQL extension for vector columns with exact search and IVFFlat and HNSW indexes.',
    url: 'https://github.com/pgvector/pgvector',
  },
  {
    id: 'T57',
    kind: 'tool',
    name: 'Confluent Schema Registry',
    purpose: 'Stores versioned Avro, JSON Schema and Protobuf schemas and rejects changes that break the chosen compatibility mode.',
    url: 'https://docs.confluent.io/platform/current/schema-registry/fundamentals/schema-evolution.html',
  },
  {
    id: 'T212',
    kind: 'tool',
    name: 'Snowflake ASOF JOIN',
    purpose:
      'SQL join that pairs each left row with the one right row whose timestamp is closest on the side its MATCH_CONDITION allows, optionally within equal keys: a point-in-time join in one clause.',
    url: 'https://docs.snowflake.com/en/sql-reference/constructs/asof-join',
  },
  {
    id: 'T221',
    kind: 'tool',
    name: 'Databricks Online Feature Store',
    purpose:
      'Online store powered by Lakebase (managed Postgres) that syncs Unity Catalog feature tables for real-time serving; it replaces the legacy online tables, which Databricks no longer supports.',
    url: 'https://docs.databricks.com/aws/machine-learning/feature-store/migrate-from-online-tables',
  },
  {
    id: 'T222',
    kind: 'tool',
    name: 'Amazon SageMaker Feature Store',
    purpose:
      'Managed feature store with an offline store for training and an online store in Standard, Standard_V2 or InMemory tiers; the InMemory tier runs on Amazon ElastiCache (Redis OSS).',
    url: 'https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-storage-configurations-online-store.html',
  },
  {
    id: 'T223',
    kind: 'tool',
    name: 'Vertex AI Feature Store',
    purpose:
      'Google Cloud feature store that keeps offline data in BigQuery and serves it online through Bigtable or optimized online serving; the deprecated Legacy service is fully sunset on 17 February 2027.',
    url: 'https://docs.cloud.google.com/vertex-ai/docs/featurestore/latest/overview',
  },

  // Glossary
  {
    id: 'G50',
    kind: 'glossary',
    term: 'Point-in-time join',
    definition: 'A join that gives each training row the latest feature value known at the time of its prediction (stamped and landed by then), never a later one.',
  },
  {
    id: 'G51',
    kind: 'glossary',
    term: 'Data leakage',
    definition: 'Information in the training data that would not be available at prediction time, which inflates offline metrics.',
  },
  {
    id: 'G52',
    kind: 'glossary',
    term: 'Data lineage',
    definition: 'The recorded graph of which sources, jobs and dataset versions produced a dataset or model, walkable both ways.',
  },
  {
    id: 'G53',
    kind: 'glossary',
    term: 'Content addressing',
    definition: 'Naming data by a cryptographic hash of its bytes, so equal content shares one id and any change yields a new one.',
  },
  {
    id: 'G54',
    kind: 'glossary',
    term: 'Data contract',
    definition: 'A versioned, machine-checked promise from a data producer to its consumers about schema, value ranges and quality.',
  },
  {
    id: 'G55',
    kind: 'glossary',
    term: 'Forward and backward compatibility',
    definition: 'Forward: old readers handle data written under the new schema. Backward: new readers handle data written under the old one.',
  },
  {
    id: 'G56',
    kind: 'glossary',
    term: 'Watermark',
    definition: 'A stream processor’s estimate that no more events older than a given event time will arrive; it decides when windows fire.',
  },
  {
    id: 'G57',
    kind: 'glossary',
    term: 'Allowed lateness',
    definition: 'How long after its watermark-triggered firing a window still accepts late events and emits corrected results.',
  },
  {
    id: 'G58',
    kind: 'glossary',
    term: 'Recall@k',
    definition: 'The share of the true k nearest neighbours (from exact search) that an approximate search returns in its top k.',
  },
  {
    id: 'G59',
    kind: 'glossary',
    term: 'Approximate nearest neighbour (ANN) search',
    definition: 'Vector search that scans a fraction of the data (IVF lists, HNSW graph walks) and trades some recall for speed.',
  },
  {
    id: 'G171',
    kind: 'glossary',
    term: 'Materialisation (feature store)',
    definition: 'The scheduled job that writes the offline store’s latest values into the online store; between runs the online store lags.',
  },
];
