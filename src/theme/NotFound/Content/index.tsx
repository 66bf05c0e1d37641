/**
 * The "page not found" page: what was asked for, the pages with the closest
 * addresses, and where to go from here (the footer lists the tracks). The
 * docs' root component shows it for any address it has no doc for, 404.html
 * included, so it names the page itself.
 */
import type { ReactNode } from 'react';
import clsx from 'clsx';
import { PageMetadata } from '@docusaurus/theme-common';
import Heading from '@theme/Heading';
import CanonicalAddress from '@site/src/components/CanonicalAddress';
import NotFoundSuggestions from '@site/src/components/NotFoundSuggestions';

export default function NotFoundContent({ className }: { className?: string }): ReactNode {
  return (
    <main className={clsx('container margin-vert--xl', className)}>
      <PageMetadata title="Page not found" />
      <CanonicalAddress />
      <div className="row">
        <div className="col col--6 col--offset-3">
          <Heading as="h1" className="hero__title">
            Page not found
          </Heading>
          <NotFoundSuggestions />
          <p>
            The tracks, the cheat sheet and the calculators are linked at the foot of this page, and the search box at the top finds a question by any phrase from it. If a link
            brought you here, the page it pointed to may have moved: tell whoever keeps that link.
          </p>
        </div>
      </div>
    </main>
  );
}
