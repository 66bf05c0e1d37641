/**
 * Literature. A-ids keep the numbering of the original Q&A's citations; L-ids
 * are further works. A DOI or URL is given only where it is known to be right.
 */
import type { LiteratureEntry } from './schema';

type Lit = Omit<LiteratureEntry, 'kind'>;

const entries: Lit[] = [
  {
    id: 'A1',
    citation: 'Martin, R. C. (2017). Clean architecture: A craftsman’s guide to software structure and design. Prentice Hall.',
    url: 'https://www.informit.com/store/clean-architecture-a-craftsmans-guide-to-software-structure-9780134494166',
    note: 'Boundaries, the dependency rule and dependency inversion: the basis of ports and adapters.',
  },
  {
    id: 'A2',
    citation: 'Huyen, C. (2022). Designing machine learning systems. O’Reilly Media.',
    url: 'https://www.oreilly.com/library/view/designing-machine-learning/9781098107956/',
    note: 'End-to-end ML system design: data, features, deployment, monitoring and continual learning.',
  },
  {
    id: 'A5',
    citation: 'van Deursen, S., & Seemann, M. (2019). Dependency injection principles, practices, and patterns. Manning.',
    url: 'https://www.manning.com/books/dependency-injection-principles-practices-patterns',
    note: 'Constructor injection, composition roots and why service locators hide dependencies.',
  },
  {
    id: 'A6',
    citation: 'Newman, S. (2021). Building microservices: Designing fine-grained systems (2nd ed.). O’Reilly Media.',
    url: 'https://www.oreilly.com/library/view/building-microservices-2nd/9781492034018/',
    note: 'When and how to split a system into services, and what it costs to run them.',
  },
  {
    id: 'A7',
    citation: 'Lakshmanan, V., Robinson, S., & Munn, M. (2020). Machine learning design patterns. O’Reilly Media.',
    url: 'https://www.oreilly.com/library/view/machine-learning-design/9781098115777/',
    note: 'Named ML patterns, among them Transform, Feature Store, Checkpoints and Model Versioning.',
  },
  {
    id: 'A8',
    citation: 'Kleppmann, M. (2017). Designing data-intensive applications. O’Reilly Media.',
    url: 'https://www.oreilly.com/library/view/designing-data-intensive-applications/9781491903063/',
    note: 'Replication, partitioning, logs and stream processing: the data-systems ground under ML platforms.',
  },
  {
    id: 'A11',
    citation:
      'Breck, E., Cai, S., Nielsen, E., Salib, M., & Sculley, D. (2017). The ML test score: A rubric for ML production readiness and technical debt reduction. In 2017 IEEE International Conference on Big Data (pp. 1123–1132). IEEE.',
    doi: '10.1109/BigData.2017.8258038',
    note: 'Twenty-eight concrete tests for data, models, infrastructure and monitoring of production ML.',
  },
  {
    id: 'A12',
    citation: 'Nygard, M. T. (2018). Release it! Design and deploy production-ready software (2nd ed.). Pragmatic Bookshelf.',
    url: 'https://pragprog.com/titles/mnee2/release-it-second-edition/',
    note: 'Stability patterns: timeouts, circuit breakers, bulkheads, load shedding and back-pressure.',
  },
  {
    id: 'A13',
    citation:
      'Sculley, D., Holt, G., Golovin, D., Davydov, E., Phillips, T., Ebner, D., Chaudhary, V., Young, M., Crespo, J.-F., & Dennison, D. (2015). Hidden technical debt in machine learning systems. In Advances in Neural Information Processing Systems 28 (pp. 2503–2511).',
    url: 'https://proceedings.neurips.cc/paper/2015/hash/86df7dcfd896fcaf2674f757a2463eba-Abstract.html',
    note: 'Glue code, pipeline jungles, entanglement and feedback loops: why ML code is the small part.',
  },
  {
    id: 'A14',
    citation: 'Beyer, B., Jones, C., Petoff, J., & Murphy, N. R. (Eds.). (2016). Site reliability engineering: How Google runs production systems. O’Reilly Media.',
    url: 'https://sre.google/sre-book/table-of-contents/',
    note: 'SLOs, error budgets, load balancing, overload handling and the arithmetic of availability.',
  },
  {
    id: 'L1',
    citation: 'Cockburn, A. (2005). Hexagonal architecture [Web article].',
    url: 'https://alistair.cockburn.us/hexagonal-architecture/',
    note: 'The original description of ports and adapters.',
  },
  {
    id: 'L2',
    citation: 'Evans, E. (2003). Domain-driven design: Tackling complexity in the heart of software. Addison-Wesley.',
    url: 'https://www.informit.com/store/domain-driven-design-tackling-complexity-in-the-heart-9780321125217',
    note: 'Bounded contexts and ubiquitous language, the usual tools for drawing service boundaries.',
  },
  {
    id: 'L3',
    citation: 'Fowler, M. (2014). Circuit breaker [Web article]. martinfowler.com.',
    url: 'https://martinfowler.com/bliki/CircuitBreaker.html',
    note: 'A short, precise description of the circuit breaker states and transitions.',
  },
  {
    id: 'L4',
    citation: 'Dean, J., & Barroso, L. A. (2013). The tail at scale. Communications of the ACM, 56(2), 74–80.',
    doi: '10.1145/2408776.2408794',
    note: 'Why p99 latency dominates fan-out systems, and hedged and tied requests as remedies.',
  },
  {
    id: 'L5',
    citation: 'Little, J. D. C. (1961). A proof for the queuing formula: L = λW. Operations Research, 9(3), 383–387.',
    doi: '10.1287/opre.9.3.383',
    note: 'Little’s law: concurrency equals arrival rate times time in system.',
  },
  {
    id: 'L6',
    citation: 'Kreuzberger, D., Kühl, N., & Hirschl, S. (2023). Machine learning operations (MLOps): Overview, definition, and architecture. IEEE Access, 11, 31866–31879.',
    doi: '10.1109/ACCESS.2023.3262138',
    note: 'A reference architecture and vocabulary for MLOps components and roles.',
  },
  {
    id: 'L7',
    citation:
      'Zaharia, M., Chen, A., Davidson, A., Ghodsi, A., Hong, S. A., Konwinski, A., Murching, S., Nykodym, T., Ogilvie, P., Parkhe, M., Xie, F., & Zumar, C. (2018). Accelerating the machine learning lifecycle with MLflow. IEEE Data Engineering Bulletin, 41(4), 39–45.',
    url: 'https://sites.computer.org/debull/A18dec/p39.pdf',
    note: 'The design of MLflow tracking, projects and models, the components its later model registry builds on.',
  },
  {
    id: 'L8',
    citation: 'Fowler, M. (2004). Inversion of control containers and the dependency injection pattern [Web article]. martinfowler.com.',
    url: 'https://martinfowler.com/articles/injection.html',
    note: 'The article that named dependency injection and contrasted it with the service locator.',
  },
  {
    id: 'L9',
    citation: 'Fowler, M. (2012). Test pyramid [Web article]. martinfowler.com.',
    url: 'https://martinfowler.com/bliki/TestPyramid.html',
    note: 'Many fast unit tests, fewer service tests, very few end-to-end tests.',
  },
  {
    id: 'L10',
    citation:
      'Amershi, S., Begel, A., Bird, C., DeLine, R., Gall, H., Kamar, E., Nagappan, N., Nushi, B., & Zimmermann, T. (2019). Software engineering for machine learning: A case study. In 2019 IEEE/ACM 41st International Conference on Software Engineering: Software Engineering in Practice (pp. 291–300). IEEE.',
    doi: '10.1109/ICSE-SEIP.2019.00042',
    note: 'Nine-stage ML workflow at Microsoft and where ML differs from other software engineering.',
  },
];

export const literature: LiteratureEntry[] = entries.map((entry) => ({ ...entry, kind: 'literature' }));
