/**
 * A minimal static server for the production build, bound to 127.0.0.1 on a
 * free port. URLs without an extension map to `<path>.html` or
 * `<path>/index.html`, as on the static hosts the site is published to, and
 * in the letter case of the files only, as on GitHub Pages.
 */
import { createReadStream, existsSync, readdirSync, statSync, type Stats } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.xml': 'application/xml',
  '.md': 'text/markdown; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.pdf': 'application/pdf',
  '.epub': 'application/epub+zip',
};

export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

/**
 * Whether the disk that holds `root` finds a name in any letter case (macOS and Windows by default). There
 * /Tools would find tools.html, which GitHub Pages, where the site is published, answers with its 404 page.
 */
export function caseBlindDisk(root: string): boolean {
  const name = path.basename(root);
  const swapped = [...name].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
  // A name with no letters tells nothing: spellings are then checked, which is right on either kind of disk.
  if (swapped === name) return true;
  try {
    return statSync(path.join(path.dirname(root), swapped)).ino === statSync(root).ino;
  } catch {
    return false;
  }
}

/** Whether each name on the way from `root` to `file` is spelt as the disk lists it. */
export function spelledAsOnDisk(root: string, file: string): boolean {
  let dir = root;
  for (const name of path.relative(root, file).split(path.sep)) {
    if (!readdirSync(dir).includes(name)) return false;
    dir = path.join(dir, name);
  }
  return true;
}

/** The file a URL path names, with its stats (for its tag), or undefined. */
function resolveFile(root: string, urlPath: string, caseBlind: boolean): { file: string; stats: Stats } | undefined {
  const clean = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  const full = path.join(root, clean);
  // Nothing outside the root, not even a sibling folder whose name starts the same (build vs build-subpath).
  if (full !== root && !full.startsWith(`${root}${path.sep}`)) return undefined;
  const candidates = [full, `${full}.html`, path.join(full, 'index.html')];
  for (const file of candidates) {
    let stats: Stats | undefined;
    try {
      stats = statSync(file);
    } catch {
      // Missing, or a path through a file (ENOTDIR): not served.
      continue;
    }
    if (stats.isFile() && (!caseBlind || spelledAsOnDisk(root, file))) return { file, stats };
  }
  return undefined;
}

/**
 * Serves `root` at `basePath` ("/" or a sub-path such as "/handbook/", as a
 * GitHub Pages project site does): /handbook/x is root/x, anything outside the
 * base path is a 404, and the base path without its trailing slash redirects.
 */
export async function serveDirectory(root: string, basePath = '/'): Promise<StaticServer> {
  root = path.resolve(root);
  const caseBlind = caseBlindDisk(root);
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (basePath !== '/' && url.split(/[?#]/)[0] === basePath.slice(0, -1)) {
      res.writeHead(301, { location: `${basePath}${url.slice(basePath.length - 1)}` });
      res.end();
      return;
    }
    const inBase = url.startsWith(basePath) ? `/${url.slice(basePath.length)}` : undefined;
    const found = inBase !== undefined ? resolveFile(root, inBase, caseBlind) : undefined;
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      const notFound = path.join(root, '404.html');
      if (existsSync(notFound)) createReadStream(notFound).pipe(res);
      else res.end('Not found');
      return;
    }
    // As a static host does, the file's tag lets the browser keep it and ask again whether it changed: an
    // unchanged script then comes from the browser's cache with the code Chromium compiled for it last time,
    // which spares the browser tests about a sixth of the CPU time of each page load. `no-cache` makes the
    // browser ask every time, so nothing is used without the server (the offline tests rely on that). The tag
    // holds the file's size, time to the microsecond and inode, so a file written again within the same second,
    // or replaced by an older copy, is sent again.
    const { file, stats } = found;
    const { size, mtimeMs, ino } = stats;
    const tag = `"${size.toString(16)}-${Math.round(mtimeMs * 1000).toString(16)}-${ino.toString(16)}"`;
    const headers = { 'cache-control': 'no-cache', etag: tag };
    if ((req.headers['if-none-match'] ?? '').split(/\s*,\s*/).includes(tag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
