import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TAG_LABELS } from './tagLabels';
import { tagDefinitions, writeTagsFile } from './tags';
import { DIFFICULTIES, TRACKS } from './tracks';

const docs = path.resolve(__dirname, '../../docs');

describe('topic and difficulty tags', () => {
  const tags = tagDefinitions(docs);

  it('define a tag for every topic, part and difficulty, with a label and a permalink of its own', () => {
    const topicCount = TRACKS.reduce((n, t) => n + t.topics.length, 0);
    expect(Object.keys(tags)).toHaveLength(Object.keys(TAG_LABELS).length + topicCount + DIFFICULTIES.length);
    expect(tags['topic-structural']).toMatchObject({ label: 'Topic: Structural design', permalink: '/topic-structural' });
    expect(tags['topic-lifecycle']?.label).toBe('Part: Core AI architecture and lifecycle');
    expect(tags['difficulty-advanced']).toMatchObject({ label: 'Difficulty: Advanced', permalink: '/difficulty-advanced' });
    expect(new Set(Object.values(tags).map((t) => t.permalink)).size).toBe(Object.keys(tags).length);
  });

  it("describe a topic with its overview page's description", () => {
    expect(tags['topic-structural']?.description).toMatch(/^Component boundaries/);
  });

  it('fall back to a generic description when a topic has no overview yet', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'handbook-tags-'));
    expect(tagDefinitions(empty)['topic-structural']?.description).toBe('Architecture Q&A: Structural design.');
  });

  it('are written as a file the docs plugin finds relative to the docs folder', () => {
    const site = mkdtempSync(path.join(tmpdir(), 'handbook-site-'));
    const relative = writeTagsFile(site, path.join(site, 'docs'));
    expect(relative).toBe('../node_modules/.cache/handbook/tags.yml');
    expect(JSON.parse(readFileSync(path.join(site, 'docs', relative), 'utf8'))).toHaveProperty('difficulty-foundational');
  });
});

describe("the authors' shared tags", () => {
  const tags = tagDefinitions(docs);

  it('read as their label, keep the address a tag without a definition has, and say what their page lists', () => {
    expect(tags['kv-cache']).toEqual({ label: 'KV cache', permalink: '/kv-cache', description: 'Questions tagged “KV cache”, from every track of the handbook.' });
    expect(tags['ab-testing']?.label).toBe('A/B testing');
  });

  it('never take the place of a topic or difficulty tag', () => {
    expect(tags['topic-structural']?.label).toBe('Topic: Structural design');
    expect(new Set(Object.values(tags).map((t) => t.permalink)).size).toBe(Object.keys(tags).length);
  });
});
