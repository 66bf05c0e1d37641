/**
 * References first cited by the structural questions. Any page may cite any entry.
 * A new entry takes the next free number of its kind (L, T or G) across the
 * whole catalog; the validator rejects a reused id and a tool, term or work
 * that is already listed under another id.
 */
import type { ReferenceEntry } from '../schema';

export const structuralReferences: ReferenceEntry[] = [
  {
    id: 'L20',
    kind: 'literature',
    citation: 'Fowler, M. (2015). Monolith first [Web article]. martinfowler.com.',
    url: 'https://martinfowler.com/bliki/MonolithFirst.html',
    note: 'Why most successful microservice systems began as a monolith that was split once its boundaries were known.',
  },
  {
    id: 'L21',
    kind: 'literature',
    citation: 'Meszaros, G. (2007). xUnit test patterns: Refactoring test code. Addison-Wesley.',
    url: 'https://www.informit.com/store/xunit-test-patterns-refactoring-test-code-9780131495050',
    note: 'The vocabulary of test doubles (dummy, stub, spy, mock, fake) and when each one fits.',
  },
  {
    id: 'L22',
    kind: 'literature',
    citation: 'Kahn, A. B. (1962). Topological sorting of large networks. Communications of the ACM, 5(11), 558–562.',
    doi: '10.1145/368996.369025',
    note: 'The in-degree algorithm that orders a dependency graph and exposes cycles as nodes left unordered.',
  },
  {
    id: 'T20',
    kind: 'tool',
    name: 'TensorFlow Transform',
    purpose: 'Computes full-pass statistics (mean, variance, vocabularies) on training data and exports one transform graph for training and serving.',
    url: 'https://www.tensorflow.org/tfx/transform/get_started',
  },
  {
    id: 'T21',
    kind: 'tool',
    name: 'Web Crypto API: SubtleCrypto.digest()',
    purpose: 'Standard SHA-256 (and SHA-384/512) digests in browsers, Node.js and other runtimes, without extra dependencies.',
    url: 'https://developer.mozilla.org/en-US/docs/Web/API/SubtleCrypto/digest',
  },
  {
    id: 'T244',
    kind: 'tool',
    name: 'Feast on demand feature views',
    purpose:
      'Feast’s beta transformation layer: one transformation runs in both historical and online retrieval, at read time by default or at write time with write_to_online_store=True.',
    url: 'https://docs.feast.dev/reference/beta-on-demand-feature-view',
  },
  {
    id: 'G20',
    kind: 'glossary',
    term: 'Test double (fake)',
    definition: 'A stand-in for a real dependency in a test; a fake is a small working implementation, such as an in-memory store, rather than a script of expected calls.',
  },
  {
    id: 'G21',
    kind: 'glossary',
    term: 'Content hash',
    definition: 'A cryptographic digest (for example SHA-256) of an artefact’s bytes: identical bytes give the identical hash on every machine and in every process.',
  },
  {
    id: 'G22',
    kind: 'glossary',
    term: 'Topological order',
    definition: 'An order of a directed graph’s nodes in which every node comes after all the nodes it depends on; it exists only if the graph has no cycle.',
  },
  {
    id: 'G23',
    kind: 'glossary',
    term: 'Modular monolith',
    definition: 'One deployable unit whose code is split into modules along bounded contexts with enforced interfaces, so a module can later become a service.',
  },
  {
    id: 'L252',
    kind: 'literature',
    citation: 'GitLab. (n.d.). Using the GitLab Webservice chart: Deployments settings [Documentation]. GitLab Helm chart documentation.',
    url: 'https://docs.gitlab.com/charts/charts/gitlab/webservice/',
    note: 'One Rails build run as several Kubernetes Deployments, each with its own replica range, with the Ingress routing requests by path (such as /api): pools by route without splitting the code. Proposed in chart issue 2334 (2020) and implemented in merge request 1642.',
  },
  {
    id: 'L253',
    kind: 'literature',
    citation: 'Newman, S. (2019). Monolith to microservices: Evolutionary patterns to transform your monolith. O’Reilly Media.',
    url: 'https://www.oreilly.com/library/view/monolith-to-microservices/9781492047834/',
    note: 'Extracting services from a running monolith step by step: strangler fig, branch by abstraction, parallel run, and splitting the database.',
  },
  {
    id: 'T214',
    kind: 'tool',
    name: 'Istio',
    purpose:
      'Service mesh that puts a proxy on each hop for mTLS, routing and telemetry; its documentation for version 1.24 measures a sidecar at about 0.2 vCPU per 1,000 requests per second.',
    url: 'https://istio.io/latest/docs/ops/deployment/performance-and-scalability/',
  },
  {
    id: 'L201',
    kind: 'literature',
    citation: 'Python Software Foundation. (n.d.). Data model: object.__hash__ [Documentation]. The Python language reference.',
    url: 'https://docs.python.org/3/reference/datamodel.html#object.__hash__',
    note: 'String and bytes hashes are salted per process (PYTHONHASHSEED), so hash() differs between runs and must not fingerprint data that crosses processes.',
  },
  {
    id: 'L254',
    kind: 'literature',
    citation: 'Micco, J. (2016). Flaky tests at Google and how we mitigate them [Blog post]. Google Testing Blog.',
    url: 'https://testing.googleblog.com/2016/05/flaky-tests-at-google-and-how-we.html',
    note: 'A flaky result is a pass and a fail on the same code; at Google about 1.5 % of all test runs were flaky, and almost 16 % of tests were flaky at least sometimes.',
  },
  {
    id: 'L255',
    kind: 'literature',
    citation: 'Wacker, M. (2015). Just say no to more end-to-end tests [Blog post]. Google Testing Blog.',
    url: 'https://testing.googleblog.com/2015/04/just-say-no-to-more-end-to-end-tests.html',
    note: 'Google’s case for fewer end-to-end tests, with a 70/20/10 unit, integration and end-to-end split offered as a good first guess for the test pyramid.',
  },
  {
    id: 'T216',
    kind: 'tool',
    name: 'FastAPI',
    purpose:
      'Python web framework whose Depends() injects a handler’s dependencies; tests swap them through app.dependency_overrides, a plain dict on the app that must be cleared after each test.',
    url: 'https://fastapi.tiangolo.com/advanced/testing-dependencies/',
  },
  {
    id: 'G173',
    kind: 'glossary',
    term: 'Seam',
    definition:
      'A place where a program’s behaviour can be changed without editing the code there, such as a constructor parameter a test fills with a fake (Feathers, Working Effectively with Legacy Code).',
  },
];
