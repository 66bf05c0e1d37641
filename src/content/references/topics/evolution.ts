/**
 * References first cited by the evolution questions. Any page may cite any entry.
 * A new entry takes the next free number of its kind (L, T or G) across the
 * whole catalog; the validator rejects a reused id and a tool, term or work
 * that is already listed under another id.
 */
import type { ReferenceEntry } from '../schema';

export const evolutionReferences: ReferenceEntry[] = [
  {
    id: 'L70',
    kind: 'literature',
    citation: 'Sato, D. (2014, June 25). Canary release [Web article]. martinfowler.com.',
    url: 'https://martinfowler.com/bliki/CanaryRelease.html',
    note: 'The canary pattern: a small share of users first, widen or roll back, and why a canary is not an A/B test.',
  },
  {
    id: 'L71',
    kind: 'literature',
    citation: 'Sato, D. (2014, May 13). Parallel change [Web article]. martinfowler.com.',
    url: 'https://martinfowler.com/bliki/ParallelChange.html',
    note: 'Expand, migrate, contract: making a breaking interface change in three safe steps.',
  },
  {
    id: 'L72',
    kind: 'literature',
    citation: 'Preston-Werner, T. (2013). Semantic versioning 2.0.0 [Specification].',
    url: 'https://semver.org/spec/v2.0.0.html',
    note: 'MAJOR for incompatible API changes, MINOR for compatible additions, PATCH for compatible fixes.',
  },
  {
    id: 'L73',
    kind: 'literature',
    citation: 'Kohavi, R., Tang, D., & Xu, Y. (2020). Trustworthy online controlled experiments: A practical guide to A/B testing. Cambridge University Press.',
    doi: '10.1017/9781108653985',
    note: 'Randomisation units, sample size (the 16σ²/δ² rule), guardrail metrics and ramping exposure safely.',
  },
  {
    id: 'L74',
    kind: 'literature',
    citation: 'Gama, J., Žliobaitė, I., Bifet, A., Pechenizkiy, M., & Bouchachia, A. (2014). A survey on concept drift adaptation. ACM Computing Surveys, 46(4), Article 44.',
    doi: '10.1145/2523813',
    note: 'Kinds of drift, how to detect them and the strategies for adapting models: the ground under retraining triggers.',
  },
  {
    id: 'L75',
    kind: 'literature',
    citation: 'The Apache Software Foundation. (2022). Apache Avro 1.11.1 specification.',
    url: 'https://avro.apache.org/docs/1.11.1/specification/',
    note: 'Schema resolution between a writer and a reader schema: defaults, ignored fields and type promotions.',
  },
  {
    id: 'L76',
    kind: 'literature',
    citation: 'Shankar, S., Garcia, R., Hellerstein, J. M., & Parameswaran, A. G. (2022). Operationalizing machine learning: An interview study (arXiv:2209.09125). arXiv.',
    url: 'https://arxiv.org/abs/2209.09125',
    note: 'Interviews with 18 ML engineers: velocity, validation and versioning decide whether production ML succeeds.',
  },
  {
    id: 'L77',
    kind: 'literature',
    citation: 'Paleyes, A., Urma, R.-G., & Lawrence, N. D. (2022). Challenges in deploying machine learning: A survey of case studies. ACM Computing Surveys, 55(6), Article 114.',
    doi: '10.1145/3533378',
    note: 'Published deployment reports mapped to the stages of the ML workflow, including model updating and monitoring.',
  },
  {
    id: 'L78',
    kind: 'literature',
    citation: 'Yurdakul, B. (2018). Statistical properties of population stability index [Doctoral dissertation, Western Michigan University].',
    url: 'https://scholarworks.wmich.edu/dissertations/3208',
    note: 'Shows that the usual PSI cut-offs (0.1 and 0.25) are conventions without stated error rates, and measures how often they raise false alarms.',
  },
  {
    id: 'L79',
    kind: 'literature',
    citation:
      'Beyer, B., Murphy, N. R., Rensin, D. K., Kawahara, K., & Thorne, S. (Eds.). (2018). The site reliability workbook: Practical ways to implement SRE. O’Reilly Media. Chapter “Canarying releases”.',
    url: 'https://sre.google/workbook/canarying-releases/',
    note: 'Canarying as a partial, time-limited deployment evaluated against a control population, with metric selection.',
  },
  {
    id: 'L236',
    kind: 'literature',
    citation:
      'Fleiss, J. L., Tytun, A., & Ury, H. K. (1980). A simple approximation for calculating sample sizes for comparing independent proportions. Biometrics, 36(2), 343–346.',
    doi: '10.2307/2529990',
    note: 'The normal-approximation sample size for comparing two proportions when the groups differ in size, as a 1% canary and its 99% baseline do. Q27’s 3,580 uses its formula without the continuity correction; with the correction it is 3,779.',
  },
  {
    id: 'L237',
    kind: 'literature',
    citation: 'Rao, J. N. K., & Scott, A. J. (1992). A simple method for the analysis of clustered binary data. Biometrics, 48(2), 577–585.',
    doi: '10.2307/2532311',
    note: 'Divide counts by the design effect, the observed variance over the binomial one, so that ordinary tests on proportions stay valid when observations come in correlated clusters.',
  },
  {
    id: 'L238',
    kind: 'literature',
    citation: 'Spinnaker. (n.d.). Best practices for configuring canary. In Spinnaker documentation: Using Spinnaker for automated canary analysis. Retrieved December 6, 2026.',
    url: 'https://spinnaker.io/guides/user/canary/best-practices',
    note: 'Compare the canary with a baseline running the production version, deployed at the same time and size with the same traffic, so that cache warm-up and heap size do not read as regressions.',
  },
  {
    id: 'L230',
    kind: 'literature',
    citation: 'Apache Software Foundation. (n.d.). Message delivery semantics. In Apache Kafka documentation (Design). Retrieved December 6, 2026.',
    url: 'https://kafka.apache.org/documentation/#semantics',
    note: 'At-most-once, at-least-once and exactly-once delivery; Kafka gives at-least-once by default, so a consumer that restarts sees records again.',
  },
  {
    id: 'L231',
    kind: 'literature',
    citation: 'Apache Software Foundation. (n.d.). Working with state: State time-to-live (TTL). In Apache Flink documentation (DataStream API). Retrieved December 6, 2026.',
    url: 'https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/fault-tolerance/state/#state-time-to-live-ttl',
    note: 'Keyed state that expires a configured time after it was created or last written, in processing time only; list elements and map entries expire independently. It forgets idle keys and caps storage; retention by event time needs timers.',
  },
  {
    id: 'T70',
    kind: 'tool',
    name: 'Argo Rollouts',
    purpose: 'Kubernetes controller for canary and blue-green releases with weighted steps, metric analysis and automatic abort.',
    url: 'https://argoproj.github.io/argo-rollouts/',
  },
  {
    id: 'T191',
    kind: 'tool',
    name: 'Apache Spark Structured Streaming',
    purpose:
      'Stream processing on the Spark SQL engine: the same DataFrame or SQL query runs as a batch job on a table or incrementally on a stream, for the operations streaming supports (time-bucket windows, not per-row window functions).',
    url: 'https://spark.apache.org/docs/latest/streaming',
  },
  {
    id: 'G70',
    kind: 'glossary',
    term: 'Canary release',
    definition: 'Routing a small, growing share of real traffic to a new version and comparing it with the current version before widening or rolling back.',
  },
  {
    id: 'G71',
    kind: 'glossary',
    term: 'Shadow deployment',
    definition: 'Sending a copy of live requests to a new model whose answers are logged and compared but never returned to users.',
  },
  {
    id: 'G167',
    kind: 'glossary',
    term: 'Design effect',
    definition:
      'The variance of an estimate under the actual sampling design divided by its variance under simple random sampling of the same size; requests clustered within users usually have one above 1.',
  },
  {
    id: 'G168',
    kind: 'glossary',
    term: 'Peeking',
    definition:
      'Running a significance test again and again as data arrive and acting on the first significant result, which raises the false-positive rate well above the nominal level.',
  },
  {
    id: 'G72',
    kind: 'glossary',
    term: 'Backward compatibility (schemas)',
    definition: 'Readers on the new schema can read data written with the old one, so consumers can upgrade before producers.',
  },
  {
    id: 'G73',
    kind: 'glossary',
    term: 'Forward compatibility (schemas)',
    definition: 'Readers on the old schema can read data written with the new one, so producers can upgrade before consumers.',
  },
  {
    id: 'G74',
    kind: 'glossary',
    term: 'Population stability index (PSI)',
    definition: 'Sum over fixed bins of (actual share − expected share) × ln(actual share / expected share); a symmetric measure of distribution shift.',
  },
  {
    id: 'G75',
    kind: 'glossary',
    term: 'Dual run',
    definition: 'Running the old and the new path on the same inputs and comparing their outputs record by record before consumers are switched.',
  },
  {
    id: 'G76',
    kind: 'glossary',
    term: 'Model lineage',
    definition: 'The recorded links from a model version to its training run, code commit and data snapshot: enough to rebuild and audit it.',
  },
  {
    id: 'G77',
    kind: 'glossary',
    term: 'Continuous training',
    definition: 'Automated retraining of a production model on fresh data, triggered by a schedule, drift or staleness and gated by evaluation.',
  },
];
