// @ts-check
/* global self, caches, fetch, URL, Response */
/**
 * Added to the service worker that @docusaurus/plugin-pwa builds (its
 * `swCustom` option), before the plugin's own fetch handler. The site is built
 * with `trailingSlash: false`, so a page such as /architecture/structural/q01-x
 * is the file q01-x.html; the plugin's handler looks only for the URL itself
 * and for <url>/index.html, and would send a page opened by its address (a
 * link from outside, a bookmark, a reload) to the network, which offline
 * fails. This handler answers every navigation to an address without a file
 * extension from the saved copy: a page's .html, or the index.html of the
 * home page and of a short link or old address (a redirect stub). Answering
 * ends the event, so the plugin's handler never sees these. With no saved
 * file and no network, it answers with the saved 404 page.
 *
 * It also takes control of the open pages once the first worker is active, so
 * the page where a reader turned offline reading on keeps working when the
 * network drops, without a reload. A later worker (a new build) still waits
 * until every tab of the site is closed, so no open page mixes two builds.
 */

/**
 * The saved copy's entries by address, read once per worker start. Workbox
 * keys each with ?__WB_REVISION__=; looking one up by its exact key reads
 * one entry, where a search that ignores the query reads all of them (about
 * 650: tens of milliseconds on every page opened). Where a later build's
 * worker is saving its files beside these, the first key of an address is
 * this build's (entries keep the order they were saved in).
 * @type {Promise<{ cache: Cache, keys: Map<string, Request> } | undefined> | undefined}
 */
let saved;

async function readSavedCopy() {
  const scope = /** @type {any} */ (self).registration.scope;
  // Workbox names its precache `workbox-precache-v2-<scope>` (see src/offline/status.ts).
  const name = (await caches.keys()).find((n) => n.startsWith('workbox-precache') && n.endsWith(scope));
  if (!name) return undefined;
  const cache = await caches.open(name);
  /** @type {Map<string, Request>} */
  const keys = new Map();
  for (const request of await cache.keys()) {
    const url = new URL(request.url);
    url.search = '';
    if (!keys.has(url.href)) keys.set(url.href, request);
  }
  return { cache, keys };
}

function savedCopy() {
  saved ??= readSavedCopy().catch(() => undefined);
  // Not kept when there is no copy (or it could not be read): the next navigation looks again.
  return saved.then((copy) => {
    if (!copy) saved = undefined;
    return copy;
  });
}

/** @param {string} address without query or fragment */
async function savedFile(address) {
  const copy = await savedCopy();
  const key = copy?.keys.get(address);
  return key ? copy?.cache.match(key) : undefined;
}

export default function offlinePages() {
  self.addEventListener('activate', (event) => {
    /** @type {any} */ (event).waitUntil(/** @type {any} */ (self).clients.claim());
  });
  self.addEventListener('fetch', (event) => {
    const { request } = /** @type {any} */ (event);
    if (request.mode !== 'navigate' || request.method !== 'GET') return;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) return;
    const file = url.pathname.split('/').pop() ?? '';
    // An address with an extension (/tools.html; the PDFs, left out of the saved copy on purpose) is the plugin's to answer.
    if (file.includes('.')) return;
    const base = `${url.origin}${url.pathname}`;
    const candidates = file === '' ? [`${base}index.html`] : [`${base}.html`, `${base}/index.html`];
    /** @type {any} */ (event).respondWith(
      (async () => {
        for (const candidate of candidates) {
          const cached = await savedFile(candidate);
          if (cached) return cached;
        }
        try {
          return await fetch(request);
        } catch (error) {
          // No saved file and no network: the saved 404 page, which sends an address that differs from a page's only in
          // case or a trailing slash on to the page, and shows "Page not found" for any other (saying the page may be
          // newer than the saved copy). Without it the browser would show its own offline error.
          const notFound = await savedFile(new URL('404.html', /** @type {any} */ (self).registration.scope).href);
          if (!notFound) throw error;
          return new Response(notFound.body, { status: 404, statusText: 'Not Found', headers: notFound.headers });
        }
      })(),
    );
  });
}
