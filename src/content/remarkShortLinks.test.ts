import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import type { IndexedQuestion } from './questionIndex';
import remarkShortLinks, { resolveShortLink } from './remarkShortLinks';

const q = (track: string, number: number, permalink: string): IndexedQuestion => ({
  questionId: `${track}-${number}`,
  title: 'Q?',
  track,
  topic: 't',
  number,
  difficulty: 'intermediate',
  keyInsight: 'k',
  references: [],
  related: [],
  tags: [],
  permalink,
});

const QUESTIONS = [
  q('architecture', 22, '/architecture/integration/q22-llm-gateway'),
  q('architect-interview', 7, '/architect-interview/system-design/q07-cost-effective-llm-serving'),
  q('llm-systems', 3, '/llm-systems/serving/q03-continuous-batching'),
];

describe('short links in pages', () => {
  it('resolve /q/N, /i/N and /g/N to the question page, keeping an anchor', () => {
    expect(resolveShortLink('/q/22', QUESTIONS)).toBe('/architecture/integration/q22-llm-gateway');
    expect(resolveShortLink('/i/7/', QUESTIONS)).toBe('/architect-interview/system-design/q07-cost-effective-llm-serving');
    expect(resolveShortLink('/g/3#trade-offs', QUESTIONS)).toBe('/llm-systems/serving/q03-continuous-batching#trade-offs');
  });

  it('leave a short link to a missing question, and any other link, unresolved', () => {
    expect(resolveShortLink('/q/99', QUESTIONS)).toBeUndefined();
    expect(resolveShortLink('/x/1', QUESTIONS)).toBeUndefined();
    expect(resolveShortLink('/tools#llm-serving', QUESTIONS)).toBeUndefined();
  });

  it('are rewritten in the Markdown tree, nested links included, and the index is read only when a page has one', () => {
    const tree = {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'link', url: '/q/22', children: [{ type: 'text', value: 'Q22' }] }] },
        { type: 'list', children: [{ type: 'listItem', children: [{ type: 'paragraph', children: [{ type: 'link', url: '/g/3#how', children: [] }] }] }] },
        { type: 'paragraph', children: [{ type: 'link', url: '/q/99', children: [] }] },
      ],
    } as unknown as Root;
    let reads = 0;
    remarkShortLinks({ questions: () => (reads++, QUESTIONS) })(tree);
    expect(JSON.stringify(tree)).toContain('"url":"/architecture/integration/q22-llm-gateway"');
    expect(JSON.stringify(tree)).toContain('"url":"/llm-systems/serving/q03-continuous-batching#how"');
    expect(JSON.stringify(tree)).toContain('"url":"/q/99"');
    expect(reads).toBe(1);

    const plain = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'link', url: '/references', children: [] }] }] } as unknown as Root;
    remarkShortLinks({ questions: () => (reads++, QUESTIONS) })(plain);
    expect(reads).toBe(1);
  });
});
