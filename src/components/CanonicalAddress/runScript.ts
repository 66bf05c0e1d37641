/**
 * For the tests: runs the 404 page's script text (see ./canonicalAddress) as
 * a browser reading the page at `address` would, in a stand-in window, and
 * says what it did: whether it stopped the page, and the address it opened.
 */
export function runCanonicalAddressScript(script: string, address: string, readyState: DocumentReadyState = 'loading'): { stopped: boolean; replacedBy?: string } {
  const url = new URL(`https://handbook.example${address}`);
  const done: { stopped: boolean; replacedBy?: string } = { stopped: false };
  const window = {
    location: { pathname: url.pathname, search: url.search, hash: url.hash, href: url.href, replace: (to: string) => void (done.replacedBy = to) },
    stop: () => void (done.stopped = true),
    document: { readyState },
  };
  new Function('window', script)(window);
  return done;
}
