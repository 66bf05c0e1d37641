/**
 * On the "page not found" page, the handbook's pages whose address is close
 * to the one asked for. The static 404.html is rendered once, for no address
 * in particular, so the address and the suggestions appear once the page runs
 * in the browser. The addresses come from the router's own route table, which
 * every page already loads. The docs' root component imports this one for
 * every doc page (it shows it for an address it has no doc for), so the
 * matching code is fetched only when a reader meets it.
 */
import { useEffect, useId, useState, useSyncExternalStore, type ReactNode } from 'react';
import Link from '@docusaurus/Link';
import { useLocation } from '@docusaurus/router';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import useIsBrowser from '@docusaurus/useIsBrowser';
import routes from '@generated/routes';
import { routePaths } from '@site/src/lib/routePaths';
import styles from './styles.module.css';

/** Whether the browser says it is offline, kept current as the network comes and goes (online while the page is made). */
function useOffline(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      window.addEventListener('online', onChange);
      window.addEventListener('offline', onChange);
      return () => {
        window.removeEventListener('online', onChange);
        window.removeEventListener('offline', onChange);
      };
    },
    () => !navigator.onLine,
    () => false,
  );
}

export default function NotFoundSuggestions(): ReactNode {
  const { pathname } = useLocation();
  const isBrowser = useIsBrowser();
  const { baseUrl } = useDocusaurusContext().siteConfig;
  const headingId = useId();
  // Offline with the saved copy answering (not merely a page left open when the network went).
  const fromSavedCopy = useOffline() && isBrowser && navigator.serviceWorker?.controller != null;
  const [closest, setClosest] = useState<{ for: string; pages: string[] }>();
  useEffect(() => {
    let current = true;
    // Named, so the tests can tell that no other page loads it.
    void import(/* webpackChunkName: "closest-pages" */ './closestPages').then(({ closestPages }) => {
      if (current) setClosest({ for: pathname, pages: closestPages(pathname, routePaths(routes), { baseUrl }) });
    });
    return () => {
      current = false;
    };
  }, [pathname, baseUrl]);
  if (!isBrowser) return <p>No page of the handbook has this address.</p>;
  const pages = closest?.for === pathname ? closest.pages : [];
  return (
    <>
      {/* Offline, the pages are those saved on this device, which a page published since may be missing from. */}
      <p>
        No page of the handbook {fromSavedCopy && 'saved on this device '}has the address <code className={styles.address}>{pathname}</code>.
        {fromSavedCopy && ' You are offline, and the page may be newer than the saved copy: try again once you are online.'}
      </p>
      {pages.length > 0 && (
        <>
          <h2 id={headingId}>{pages.length === 1 ? 'The page with the closest address' : 'The pages with the closest addresses'}</h2>
          <ul aria-labelledby={headingId}>
            {pages.map((page) => (
              <li key={page}>
                <Link to={page}>{page}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
