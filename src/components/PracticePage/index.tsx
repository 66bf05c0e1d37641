import Heading from '@theme/Heading';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';
import Practice from '@site/src/components/Practice';
import type { PracticeDeck } from '@site/src/plugins/handbook-content/routes';

/** The Practice page; the handbook-content plugin adds its route with the deck, built at build time. */
export default function PracticePage({ deck }: { deck: PracticeDeck }): ReactNode {
  return (
    <Layout
      title="Practice"
      description="Practise every question of the handbook as flash cards or against the clock in a mock interview, with progress saved in your browser and an Anki deck to download."
    >
      <main className="container margin-vert--lg">
        <div style={{ maxWidth: '52rem', margin: '0 auto' }}>
          <Heading as="h1">Practice</Heading>
          <p>
            Every question of every track and the quick hits as cards. Read the question, answer it aloud, reveal the key insight and a short answer, then grade yourself: cards you
            did not know or want to review come back before new ones. In <strong>mock interview</strong> mode a timer gives you a fixed time to answer each question before the
            answer is shown.
          </p>
        </div>
        <Practice deck={deck} />
      </main>
    </Layout>
  );
}
