import { describe, expect, it } from 'vitest';
import { ankiDeck, ankiField } from './anki';
import { buildDeck } from './deck';
import { QUESTIONS, QUICK_HITS } from './fixtures';

describe('the Anki deck', () => {
  const deck = buildDeck(QUESTIONS, QUICK_HITS);
  const tsv = ankiDeck(deck, 'https://example.org/handbook/');
  const lines = tsv.trimEnd().split('\n');
  const notes = lines.filter((l) => !l.startsWith('#'));

  it('starts with the header lines Anki reads: tab separator, HTML fields, Basic notes, tags column', () => {
    expect(lines.slice(0, 5)).toEqual(['#separator:tab', '#html:true', '#notetype:Basic', '#deck:AI Architecture Interview Handbook', '#tags column:3']);
  });

  it('has one note per card, each with exactly three tab-separated fields', () => {
    expect(notes).toHaveLength(deck.length);
    for (const note of notes) expect(note.split('\t')).toHaveLength(3);
  });

  it('puts the question in front, and the key insight, the short answer and a link to the page on the back', () => {
    const [front, back, tags] = notes.find((n) => n.startsWith('Question arch-07?'))!.split('\t');
    expect(front).toBe('Question arch-07?');
    expect(back).toBe(
      '<b>Key insight:</b> Insight of arch-07.<br><br>Short answer of arch-07.<br><br><a href="https://example.org/handbook/architecture/behavioral/q07-slug">Q7: read the full answer</a>',
    );
    expect(tags).toBe('ai-architecture-handbook architecture behavioral-design intermediate');
  });

  it('links quick hits to their heading on the quick-hits page', () => {
    expect(notes.at(-1)).toContain('href="https://example.org/handbook/architect-interview/quick-hits#what-is-a-model-registry"');
  });

  it('escapes HTML, quotes, tabs and line breaks so no field can break the line or the markup', () => {
    expect(ankiField('a\tb\nc <d> & "e"')).toBe('a b<br>c &lt;d&gt; &amp; &quot;e&quot;');
  });
});
