/**
 * References first cited by part "Retrieval and context" of the LLM and agent systems
 * track. Any page may cite any entry. A new entry takes the next free number
 * of its kind (L, T or G) across the whole catalog; the validator rejects a
 * reused id and a tool, term or work that is already listed under another id.
 */
import type { ReferenceEntry } from '../schema';

export const llmRetrievalReferences: ReferenceEntry[] = [
  {
    id: 'L140',
    kind: 'literature',
    citation: 'McCandless, M. (2015, January 30). Lucene’s handling of deleted documents [Blog post]. Elastic.',
    url: 'https://www.elastic.co/blog/lucenes-handling-of-deleted-documents',
    note: 'A delete only sets a bit that every search checks; the bytes and term statistics are reclaimed when segments merge.',
  },
  {
    id: 'L141',
    kind: 'literature',
    citation:
      'European Parliament and Council of the European Union. (2016). Regulation (EU) 2016/679 (General Data Protection Regulation), Article 17: Right to erasure (‘right to be forgotten’). Official Journal of the European Union, L 119.',
    note: 'Personal data must be erased without undue delay when a ground applies; a controller that made the data public must take reasonable steps to tell other controllers to erase links and copies.',
  },
  {
    id: 'T130',
    kind: 'tool',
    name: 'hnswlib',
    purpose: 'Header-only HNSW library; mark_deleted hides an element from searches and replace_deleted reuses its slot for a new one.',
    url: 'https://github.com/nmslib/hnswlib',
  },
  {
    id: 'T131',
    kind: 'tool',
    name: 'Debezium',
    purpose: 'Change data capture: reads a database’s transaction log and emits an event for each committed row-level change.',
    url: 'https://github.com/debezium/debezium',
  },
  {
    id: 'T132',
    kind: 'tool',
    name: 'Elasticsearch index aliases',
    purpose: 'A second name for one or more indices; one _aliases request removes and adds an alias atomically, for reindexing with no downtime.',
    url: 'https://elastic.co/guide/en/elasticsearch/reference/8.15/aliases.html',
  },
  {
    id: 'G125',
    kind: 'glossary',
    term: 'Tombstone',
    definition: 'A marker that records a deletion (an id and a version, no content) so readers skip the old entry and a late or replayed write cannot bring it back.',
  },
  {
    id: 'G126',
    kind: 'glossary',
    term: 'Change data capture (CDC)',
    definition: 'Turning a database’s committed inserts, updates and deletes into an ordered stream of events, usually read from its transaction log.',
  },
];
