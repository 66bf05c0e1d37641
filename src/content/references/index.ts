/**
 * The reference catalog, assembled from its parts. The validator checks every
 * entry against the schema, that ids are unique, that every cited id exists,
 * and (once the Q&A is complete) that every entry is cited.
 */
import { glossary } from './glossary';
import { literature } from './literature';
import { compareReferenceIds, type ReferenceEntry } from './schema';
import { tools } from './tools';
import { behavioralReferences } from './topics/behavioral';
import { dataReferences } from './topics/data';
import { evolutionReferences } from './topics/evolution';
import { integrationReferences } from './topics/integration';
import { interviewParts12References } from './topics/interview-parts-1-2';
import { interviewParts35References } from './topics/interview-parts-3-5';
import { llmAgentsReferences } from './topics/llm-agents';
import { llmEvaluationReferences } from './topics/llm-evaluation';
import { llmRetrievalReferences } from './topics/llm-retrieval';
import { llmServingReferences } from './topics/llm-serving';
import { qualityReferences } from './topics/quality';
import { structuralReferences } from './topics/structural';

export const referenceCatalog: readonly ReferenceEntry[] = [
  ...literature,
  ...tools,
  ...glossary,
  ...structuralReferences,
  ...behavioralReferences,
  ...qualityReferences,
  ...dataReferences,
  ...integrationReferences,
  ...evolutionReferences,
  ...interviewParts12References,
  ...interviewParts35References,
  ...llmServingReferences,
  ...llmRetrievalReferences,
  ...llmAgentsReferences,
  ...llmEvaluationReferences,
].sort((a, b) => compareReferenceIds(a.id, b.id));

export function findReference(id: string): ReferenceEntry | undefined {
  return referenceCatalog.find((entry) => entry.id === id);
}

export * from './schema';
