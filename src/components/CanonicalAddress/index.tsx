/**
 * Rendered by the "page not found" page: in 404.html, a script that sends an
 * address differing from a page's only in case or a trailing slash to that
 * page (see ./canonicalAddress). The app renders it too, when the router
 * found no page for an address; the script then does nothing.
 */
import type { ReactNode } from 'react';
import Head from '@docusaurus/Head';
import routes from '@generated/routes';
import { routePaths } from '@site/src/lib/routePaths';
import { canonicalAddressScript } from './canonicalAddress';

export default function CanonicalAddress(): ReactNode {
  return (
    <Head>
      <script>{canonicalAddressScript(routePaths(routes))}</script>
    </Head>
  );
}
