/**
 * References first cited by the integration questions. Any page may cite any entry.
 * A new entry takes the next free number of its kind (L, T or G) across the
 * whole catalog; the validator rejects a reused id and a tool, term or work
 * that is already listed under another id.
 */
import type { ReferenceEntry } from '../schema';

export const integrationReferences: ReferenceEntry[] = [
  {
    id: 'L60',
    kind: 'literature',
    citation: 'Fielding, R., Nottingham, M., & Reschke, J. (Eds.). (2022). HTTP semantics (RFC 9110). Internet Engineering Task Force.',
    doi: '10.17487/RFC9110',
    note: 'The definitions of safe and idempotent methods, status codes and content negotiation that REST APIs rely on.',
  },
  {
    id: 'L61',
    kind: 'literature',
    citation:
      'Jena, J., & Dalal, S. (2025). The Idempotency-Key HTTP header field (Internet-Draft draft-ietf-httpapi-idempotency-key-header-07). Internet Engineering Task Force. Expired 18 April 2026.',
    url: 'https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/',
    note: 'The header, the payload fingerprint, and the 409 (in progress) and 422 (key reused with another payload) answers. Revision 07 (15 October 2025) expired on 18 April 2026 without becoming an RFC (IETF Datatracker, checked 5 December 2026): the header is a convention that APIs such as Stripe’s follow, not a standard.',
  },
  {
    id: 'L62',
    kind: 'literature',
    citation: 'Leach, B. (2017, February 22). Designing robust and predictable APIs with idempotency [Blog post]. Stripe.',
    url: 'https://stripe.com/blog/idempotency',
    note: 'Why retries need client-chosen keys, and how a payments API stores and replays results safely.',
  },
  {
    id: 'L63',
    kind: 'literature',
    citation:
      'Lewis, P., Perez, E., Piktus, A., Petroni, F., Karpukhin, V., Goyal, N., Küttler, H., Lewis, M., Yih, W.-t., Rocktäschel, T., Riedel, S., & Kiela, D. (2020). Retrieval-augmented generation for knowledge-intensive NLP tasks. In Advances in Neural Information Processing Systems 33.',
    url: 'https://proceedings.neurips.cc/paper/2020/hash/6b493230205f780e1bc26945df7481e5-Abstract.html',
    note: 'The paper that named RAG: a generator conditioned on passages fetched from a dense index, with provenance.',
  },
  {
    id: 'L64',
    kind: 'literature',
    citation:
      'Liu, N. F., Lin, K., Hewitt, J., Paranjape, A., Bevilacqua, M., Petroni, F., & Liang, P. (2024). Lost in the middle: How language models use long contexts. Transactions of the Association for Computational Linguistics, 12, 157–173.',
    doi: '10.1162/tacl_a_00638',
    note: 'Models use facts at the start and end of a long prompt best and miss more of those in the middle.',
  },
  {
    id: 'L65',
    kind: 'literature',
    citation: 'OWASP Foundation. (2024). OWASP Top 10 for LLM applications 2025. OWASP GenAI Security Project.',
    url: 'https://genai.owasp.org/resource/owasp-top-10-for-llm-applications-2025/',
    note: 'Prompt injection, sensitive information disclosure, vector and embedding weaknesses and unbounded consumption.',
  },
  {
    id: 'L66',
    kind: 'literature',
    citation:
      'Kreps, J., Narkhede, N., & Rao, J. (2011). Kafka: A distributed messaging system for log processing. In Proceedings of the 6th International Workshop on Networking Meets Databases (NetDB).',
    url: 'https://www.microsoft.com/en-us/research/wp-content/uploads/2017/09/Kafka.pdf',
    note: 'The original design: partitioned append-only logs, consumer-held offsets and ordering within a partition.',
  },
  {
    id: 'L67',
    kind: 'literature',
    citation: 'Hohpe, G., & Woolf, B. (2003). Enterprise integration patterns: Designing, building, and deploying messaging solutions. Addison-Wesley.',
    url: 'https://www.enterpriseintegrationpatterns.com/',
    note: 'The vocabulary of messaging: dead letter channel, idempotent receiver, message translator, guaranteed delivery.',
  },
  {
    id: 'L68',
    kind: 'literature',
    citation: 'Richardson, C. (n.d.). Pattern: Transactional outbox [Web article]. microservices.io.',
    url: 'https://microservices.io/patterns/data/transactional-outbox.html',
    note: 'How to update a database and publish an event without a distributed transaction.',
  },
  {
    id: 'L69',
    kind: 'literature',
    citation: 'Fowler, M. (2004). Strangler fig application [Web article]. martinfowler.com.',
    url: 'https://martinfowler.com/bliki/StranglerFigApplication.html',
    note: 'Replacing a legacy system gradually behind an interception point instead of in one rewrite.',
  },
  {
    id: 'L233',
    kind: 'literature',
    citation: 'Apache Software Foundation. (n.d.). Basic Kafka operations: Modifying topics. In Apache Kafka 4.3 documentation (Operations). Retrieved December 6, 2026.',
    url: 'https://kafka.apache.org/43/operations/basic-kafka-operations/',
    note: 'Adding partitions changes where the default partitioner sends a key, so many keys map to a different partition from then on and a key’s unread events can sit in two partitions; Kafka does not redistribute existing data.',
  },
  {
    id: 'L234',
    kind: 'literature',
    citation: 'Apache Software Foundation. (n.d.). KafkaConsumer (Kafka 4.2 API) [Javadoc], section Offsets and consumer position. Retrieved December 6, 2026.',
    url: 'https://kafka.apache.org/42/javadoc/org/apache/kafka/clients/consumer/KafkaConsumer.html',
    note: 'The position (the next offset poll returns) advances with every poll and is separate from the committed offset a restarted consumer recovers to; seek(partition, offset) overrides the offset the next poll fetches from.',
  },
  {
    id: 'T60',
    kind: 'tool',
    name: 'gRPC',
    purpose: 'RPC framework over HTTP/2 with generated clients, deadlines, cancellation and streaming calls.',
    url: 'https://grpc.io/',
  },
  {
    id: 'T61',
    kind: 'tool',
    name: 'Protocol Buffers',
    purpose: 'Language-neutral schema and binary encoding; numbered fields let messages evolve compatibly.',
    url: 'https://protobuf.dev/',
  },
  {
    id: 'T62',
    kind: 'tool',
    name: 'Envoy Proxy',
    purpose: 'L7 proxy with weighted routing, request mirroring, retries, rate limiting and circuit breaking.',
    url: 'https://www.envoyproxy.io/',
  },
  {
    id: 'T63',
    kind: 'tool',
    name: 'LiteLLM',
    purpose: 'Open-source LLM gateway: one API over many providers, fallbacks, per-key budgets, rate limits and caching.',
    url: 'https://docs.litellm.ai/',
  },
  {
    id: 'T182',
    kind: 'tool',
    name: 'Envoy AI Gateway',
    purpose:
      'Open-source LLM gateway on Envoy Gateway: one OpenAI-compatible API over many providers, provider fallback, token-based rate limits and token quotas; no response cache as of v1.1 (August 2026).',
    url: 'https://aigateway.envoyproxy.io/',
  },
  {
    id: 'L221',
    kind: 'literature',
    citation: 'OpenAI. (2024, July 18). GPT-4o mini: Advancing cost-efficient intelligence [Announcement].',
    url: 'https://openai.com/index/gpt-4o-mini-advancing-cost-efficient-intelligence/',
    note: 'GPT-4o mini launched at $0.15 per million input tokens and $0.60 per million output tokens.',
  },
  {
    id: 'L222',
    kind: 'literature',
    citation: 'OpenAI. (2024, August 6). Introducing Structured Outputs [Announcement]. OpenAI Developer Community.',
    url: 'https://community.openai.com/t/introducing-structured-outputs/896022',
    note: 'Released gpt-4o-2024-08-06 at $2.50 per million input tokens and $10.00 per million output tokens, half the input and two thirds the output price of gpt-4o-2024-05-13.',
  },
  {
    id: 'L223',
    kind: 'literature',
    citation: 'TrueFoundry. (n.d.). Cost accounting for disconnected streams [AI Gateway documentation]. Retrieved December 6, 2026.',
    url: 'https://www.truefoundry.com/docs/ai-gateway/stream-disconnect-cost-accounting',
    note: 'When a client cancels a stream part-way, most providers have already generated, and charged for, tokens; a gateway that drops the request leaves that spend out of its dashboards and budgets.',
  },
  {
    id: 'G60',
    kind: 'glossary',
    term: 'Idempotency key',
    definition: 'A client-chosen identifier sent with a request so that the server runs it at most once and answers retries with the stored result.',
  },
  {
    id: 'G61',
    kind: 'glossary',
    term: 'Retrieval-augmented generation (RAG)',
    definition: 'Answering with a language model whose prompt includes passages retrieved for the question, so answers can cite current sources.',
  },
  {
    id: 'G62',
    kind: 'glossary',
    term: 'Dead-letter queue',
    definition: 'A separate queue or topic for messages that failed processing after the allowed retries, kept for inspection and replay.',
  },
  {
    id: 'G63',
    kind: 'glossary',
    term: 'Transactional outbox',
    definition: 'Writing an event to an outbox table in the same transaction as the state change; a relay publishes it to the broker afterwards.',
  },
  {
    id: 'G64',
    kind: 'glossary',
    term: 'Strangler fig',
    definition: 'Migrating a legacy system by routing one capability at a time to new code behind a facade until the old system can be removed.',
  },
  {
    id: 'G65',
    kind: 'glossary',
    term: 'Anti-corruption layer',
    definition: 'A translation layer that converts a legacy or foreign model into your own domain model, so its concepts do not leak in.',
  },
];
