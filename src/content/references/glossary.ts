/** Glossary terms the answers rely on, one line each. */
import type { GlossaryEntry } from './schema';

type Term = Omit<GlossaryEntry, 'kind'>;

const entries: Term[] = [
  {
    id: 'G1',
    term: 'Port and adapter',
    definition: 'A port is an interface the core domain owns; an adapter implements it for one technology, so the core never imports infrastructure.',
  },
  {
    id: 'G2',
    term: 'Training-serving skew',
    definition: 'A difference between the features or preprocessing a model saw in training and what it receives in production.',
  },
  {
    id: 'G3',
    term: 'Model registry',
    definition: 'A versioned store of model artefacts with metadata and movable aliases (such as production) that the release pipeline resolves to a pinned, immutable version.',
  },
  {
    id: 'G4',
    term: 'Dependency injection',
    definition: 'Passing a component its collaborators (usually through the constructor) instead of letting it create or look them up.',
  },
  {
    id: 'G5',
    term: 'Bounded context',
    definition: 'A part of a domain inside which a model and its terms have one meaning; a natural boundary for a service.',
  },
  {
    id: 'G6',
    term: 'Feature store',
    definition: 'A system that defines features once and serves them consistently: historical values for training, fresh values online.',
  },
  {
    id: 'G10',
    term: 'Circuit breaker',
    definition: 'A guard that stops calling a failing dependency after too many errors, fails fast while open, and probes before closing again.',
  },
];

export const glossary: GlossaryEntry[] = entries.map((entry) => ({ ...entry, kind: 'glossary' }));
