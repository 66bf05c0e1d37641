import { describe, expect, it } from 'vitest';
import { questionsByTag, TAG_LABELS } from './tagLabels';

describe('questionsByTag (the one count of who shares a tag, for the pages and the validator)', () => {
  const questions = [
    { id: 'q1', tags: ['rag', 'caching'] },
    { id: 'q2', tags: ['rag', 'rag'] },
    { id: 'q3', tags: [] },
  ];

  it('lists each tag with the questions that carry it, in their order', () => {
    const byTag = questionsByTag(questions, (q) => q.tags);
    expect([...byTag.keys()]).toEqual(['rag', 'caching']);
    expect(byTag.get('rag')!.map((q) => q.id)).toEqual(['q1', 'q2']);
    expect(byTag.get('caching')!.map((q) => q.id)).toEqual(['q1']);
  });

  it('counts a question that repeats a tag once', () => {
    expect(questionsByTag([questions[1]!], (q) => q.tags).get('rag')).toHaveLength(1);
  });
});

describe('TAG_LABELS', () => {
  it('labels slugs with text a reader can read, never the slug itself', () => {
    for (const [slug, label] of Object.entries(TAG_LABELS)) {
      expect(label.trim()).toBe(label);
      expect(label, slug).not.toBe(slug);
    }
  });
});
