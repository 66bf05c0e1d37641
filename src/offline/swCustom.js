// @ts-check
/* global self, caches, fetch, URL */
/**
 * Added to the service worker that @docusaurus/plugin-pwa builds (its
 * `swCustom` option), before the plugin's own fetch handler. The site is built
 * with `trailingSlash: false`, so a page such as /architecture/structural/q01-x
 * is the file q01-x.html; the plugin's handler looks only for the URL itself
 * and for <url>/index.html, and would send a page opened by its address (a
 * link from outside, a bookmark, a reload) to the network, which offline
 * fails. This handler answers those with the precached .html.
 *
 * It also takes control of the open pages once the first worker is active, so
 * the page where a reader turned offline reading on keeps working when the
 * network drops, without a reload. A later worker (a new build) still waits
 * until every tab of the site is closed, so no open page mixes two builds.
 */
export default function offlinePages() {
  self.addEventListener('activate', (event) => {
    /** @type {any} */ (event).waitUntil(/** @type {any} */ (self).clients.claim());
  });
  self.addEventListener('fetch', (event) => {
    const { request } = /** @type {any} */ (event);
    if (request.mode !== 'navigate') return;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) return;
    const file = url.pathname.split('/').pop() ?? '';
    // The root and paths with an extension are the plugin's to answer.
    if (file === '' || file.includes('.')) return;
    const html = `${url.origin}${url.pathname}.html`;
    // Precached entries carry a ?__WB_REVISION__= key, hence ignoreSearch.
    /** @type {any} */ (event).respondWith(caches.match(html, { ignoreSearch: true }).then((cached) => cached ?? fetch(request)));
  });
}
