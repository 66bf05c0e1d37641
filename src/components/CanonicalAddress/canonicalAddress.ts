/**
 * GitHub Pages answers an address that differs from a page's only in letter
 * case or a trailing slash (/Architecture, /tools/) with 404.html, while the
 * client router, which compares addresses that way, would render the page
 * over it: the reader saw "Page not found" flash, then the page under an
 * address that is not its own, and React reported the mismatch as an error.
 * The script made here runs in 404.html's head, before the stylesheets and
 * the page's scripts, and sends such an address to the page's own.
 *
 * It is sent as source text, compiled as the server bundle compiles it: its
 * functions use nothing from outside themselves and no syntax newer than the
 * browsers the site supports (ES2019), so no compiler helper is needed.
 */

/**
 * How react-router 5, as Docusaurus sets it up, compares an address with a
 * page's: decoded (as history 4 decodes it), ASCII letters in any case (the
 * route's pattern is case-insensitive without Unicode folding), and one
 * trailing slash or none. The home page's key is the empty string.
 */
export function addressKey(pathname: string): string {
  let path = pathname;
  try {
    path = decodeURI(path);
  } catch {
    // A malformed escape (a stray "%") is compared as typed.
  }
  return path.replace(/[A-Z]+/g, (letters) => letters.toLowerCase()).replace(/\/$/, '');
}

/**
 * While 404.html is being read, replaces it with the page whose address
 * `key` makes equal to this one, unless that is this very address; says
 * where it went. Once the page has loaded, and wherever the app renders its
 * "page not found" content (the router found no page), it does nothing.
 */
export function openCanonicalAddress(paths: readonly string[], key: (pathname: string) => string, win: Pick<Window, 'location' | 'stop' | 'document'>): string | undefined {
  if (win.document.readyState !== 'loading') return undefined;
  const { pathname, search, hash, href } = win.location;
  const wanted = key(pathname);
  const target = paths.find((path) => key(path) === wanted);
  // Compared as the browser writes addresses, so a page is never sent to itself.
  if (target === undefined || new URL(target, href).pathname === pathname) return undefined;
  // Stopping first ends the reading of this page, so its scripts never start the app on the wrong page.
  win.stop();
  win.location.replace(target + search + hash);
  return target;
}

/** The script for 404.html's head: `paths` are the site's page addresses (`<` escaped, so no address can close the tag). */
export function canonicalAddressScript(paths: readonly string[]): string {
  const list = JSON.stringify(paths).replace(/</g, '\\u003c');
  return `(${openCanonicalAddress.toString()})(${list}, ${addressKey.toString()}, window);`;
}
