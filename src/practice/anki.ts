/**
 * The Anki deck: a tab-separated text file that Anki imports as Basic notes
 * (File > Import). Its header lines tell Anki the separator, that fields are
 * HTML, the note type, the deck and which column holds tags.
 */
import { DIFFICULTY_LABELS } from '../content/tracks';
import { cardLabel, topicLabel, type PracticeCard } from './deck';

export const ANKI_DECK_FILE = 'ai-architecture-handbook-anki-deck.tsv';
export const ANKI_DECK_NAME = 'AI Architecture Interview Handbook';

/** Make text safe inside an HTML field of a tab-separated line. */
export function ankiField(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;') // a leading quote would start a quoted CSV field
    .replace(/\t/g, ' ')
    .replace(/\r?\n/g, '<br>');
}

function ankiTag(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** One note: question; key insight, short answer and link; tags. */
export function ankiNote(card: PracticeCard, siteUrl: string): string {
  const url = `${siteUrl.replace(/\/$/, '')}${card.permalink}`;
  const back = [
    card.keyInsight ? `<b>Key insight:</b> ${ankiField(card.keyInsight)}` : undefined,
    card.shortAnswer ? ankiField(card.shortAnswer) : undefined,
    `<a href="${ankiField(url)}">${ankiField(`${cardLabel(card)}: read the full answer`)}</a>`,
  ].filter(Boolean);
  const tags = ['ai-architecture-handbook', card.track, ankiTag(topicLabel(card)), card.difficulty ? ankiTag(DIFFICULTY_LABELS[card.difficulty]) : undefined].filter(Boolean);
  return [ankiField(card.question), back.join('<br><br>'), tags.join(' ')].join('\t');
}

export function ankiDeck(cards: readonly PracticeCard[], siteUrl: string): string {
  const header = ['#separator:tab', '#html:true', '#notetype:Basic', `#deck:${ANKI_DECK_NAME}`, '#tags column:3', '#columns:Front\tBack\tTags'];
  return `${[...header, ...cards.map((card) => ankiNote(card, siteUrl))].join('\n')}\n`;
}
