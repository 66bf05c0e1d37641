/** Writes the Anki deck into the build output, from the same deck the Practice page shows. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { QuestionSummary, QuickHitSummary } from '../../content/report';
import { ankiDeck, ANKI_DECK_FILE } from '../../practice/anki';
import { buildDeck } from '../../practice/deck';

/** `siteUrl` is the public address of the site root: config url plus baseUrl. */
export async function writeAnkiDeck(outDir: string, siteUrl: string, questions: readonly QuestionSummary[], quickHits: readonly QuickHitSummary[]): Promise<string> {
  const file = path.join(outDir, ANKI_DECK_FILE);
  await writeFile(file, ankiDeck(buildDeck(questions, quickHits), siteUrl));
  return file;
}
