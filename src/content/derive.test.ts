import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveFrontMatter } from './derive';
import { collectRedirects } from './redirects';

describe('deriveFrontMatter', () => {
  it('gives a question its description from the key insight, and its sidebar label and order from number and label', () => {
    const fm = deriveFrontMatter('/site/docs/architecture/behavioral/q07-error-handling.mdx', {
      questionId: 'arch-07',
      number: 7,
      label: 'Error handling',
      keyInsight: 'Fallback layers trade accuracy for availability.',
    });
    expect(fm).toMatchObject({ description: 'Fallback layers trade accuracy for availability.', sidebar_label: 'Q7. Error handling', sidebar_position: 7 });
  });

  it('tags a question with its topic and difficulty, after its own tags', () => {
    const fm = deriveFrontMatter('/site/docs/architecture/behavioral/q07-error-handling.mdx', {
      questionId: 'arch-07',
      number: 7,
      label: 'Error handling',
      keyInsight: 'Fallback layers trade accuracy for availability.',
      topic: 'behavioral',
      difficulty: 'intermediate',
      tags: ['retries'],
    });
    expect(fm.tags).toEqual(['retries', 'topic-behavioral', 'difficulty-intermediate']);
  });

  it('orders topic overviews as tracks.ts lists the topics', () => {
    expect(deriveFrontMatter('/site/docs/architecture/quality/index.mdx', { title: 'Topic 3' })).toMatchObject({ sidebar_label: 'Quality attributes', sidebar_position: 3 });
  });

  it('leaves other pages alone', () => {
    expect(deriveFrontMatter('/site/docs/references.mdx', { title: 'References' })).toEqual({ title: 'References' });
  });
});

describe('collectRedirects', () => {
  it('maps each page to the old paths listed in its redirectFrom', () => {
    const docs = mkdtempSync(path.join(tmpdir(), 'handbook-redirects-'));
    mkdirSync(path.join(docs, 'architecture/structural'), { recursive: true });
    writeFileSync(path.join(docs, 'architecture/structural/q01-new-name.mdx'), '---\nredirectFrom: [/architecture/structural/q01-old-name]\n---\n');
    writeFileSync(path.join(docs, 'architecture/structural/q02-other.mdx'), '---\ntitle: x\n---\n');
    writeFileSync(path.join(docs, 'broken.mdx'), '---\ntitle: a: b\n---\n');
    const redirects = collectRedirects(docs);
    expect(Object.fromEntries(redirects)).toEqual({ '/architecture/structural/q01-new-name': ['/architecture/structural/q01-old-name'] });
  });
});
