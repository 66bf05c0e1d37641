import useBaseUrl from '@docusaurus/useBaseUrl';
import type { ReactNode } from 'react';
import { ANKI_DECK_FILE, ANKI_DECK_NAME } from '@site/src/practice/anki';

/** Where to get the Anki deck and how to import it. */
export default function PracticeAnki({ cards }: { cards: number }): ReactNode {
  const href = useBaseUrl(`/${ANKI_DECK_FILE}`);
  return (
    <section aria-labelledby="practice-anki">
      <h2 id="practice-anki">Practise in Anki</h2>
      <p>
        The same {cards} cards as a deck for <a href="https://apps.ankiweb.net/">Anki</a>, rebuilt from the pages on every build of the handbook: the question on the front; the key
        insight, a short answer and a link to the page on the back.
      </p>
      <p>
        <a className="button button--primary" href={href} download={ANKI_DECK_FILE}>
          Download the Anki deck (.tsv)
        </a>
      </p>
      <ol>
        <li>Download the deck file above.</li>
        <li>
          In Anki (2.1.55 or newer), choose <strong>File › Import</strong> and select the file.
        </li>
        <li>
          Anki reads the settings from the file: fields separated by tabs, HTML allowed, note type <strong>Basic</strong>, deck <strong>{ANKI_DECK_NAME}</strong>, tags from the
          third column. Check that <em>Front</em> maps to column 1 and <em>Back</em> to column 2, then press <strong>Import</strong>.
        </li>
        <li>
          To update later, import a newly downloaded file with <strong>Existing notes: Update</strong>: notes whose question is unchanged are updated in place, and your review
          history is kept.
        </li>
      </ol>
    </section>
  );
}
