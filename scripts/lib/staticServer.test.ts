// cspell:ignore handbookx extensionless
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseBlindDisk, serveDirectory, spelledAsOnDisk, type StaticServer } from './staticServer';

/** A raw GET (fetch would normalise "..", which the traversal check must see). */
function get(
  server: StaticServer,
  urlPath: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; location?: string; type?: string; cacheControl?: string; etag?: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: urlPath, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          location: res.headers.location,
          type: res.headers['content-type'],
          cacheControl: res.headers['cache-control'],
          etag: res.headers.etag,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

let parent: string;
let root: string;
const servers: StaticServer[] = [];

beforeAll(() => {
  parent = mkdtempSync(path.join(tmpdir(), 'handbook-serve-'));
  root = path.join(parent, 'build');
  mkdirSync(path.join(root, 'practice'), { recursive: true });
  mkdirSync(path.join(root, 'downloads'));
  writeFileSync(path.join(root, 'index.html'), 'home');
  writeFileSync(path.join(root, '404.html'), 'not found page');
  writeFileSync(path.join(root, 'cheat-sheet.html'), 'sheet');
  writeFileSync(path.join(root, 'practice/index.html'), 'practice');
  writeFileSync(path.join(root, 'downloads/sheet.pdf'), '%PDF');
  // A sibling folder whose name starts like the root's: it must stay out of reach.
  mkdirSync(path.join(parent, 'build-secret'));
  writeFileSync(path.join(parent, 'build-secret/key.txt'), 'secret');
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function serve(basePath?: string): Promise<StaticServer> {
  const server = await serveDirectory(root, basePath);
  servers.push(server);
  return server;
}

describe('the static server of the built site', () => {
  it('serves the build at the root, mapping extensionless URLs to .html and index.html', async () => {
    const server = await serve();
    expect(await get(server, '/')).toMatchObject({ status: 200, body: 'home' });
    expect(await get(server, '/cheat-sheet')).toMatchObject({ status: 200, body: 'sheet', type: 'text/html; charset=utf-8' });
    expect(await get(server, '/practice')).toMatchObject({ status: 200, body: 'practice' });
    expect(await get(server, '/downloads/sheet.pdf?x=1')).toMatchObject({ status: 200, type: 'application/pdf' });
  });

  it("answers a missing page with 404 and the site's 404 page", async () => {
    const server = await serve();
    expect(await get(server, '/nowhere')).toMatchObject({ status: 404, body: 'not found page' });
    expect(await get(server, '/cheat-sheet.html/more')).toMatchObject({ status: 404, body: 'not found page' });
  });

  it('serves the build under a sub-path, as a GitHub Pages project site does', async () => {
    const server = await serve('/handbook/');
    expect(await get(server, '/handbook/')).toMatchObject({ status: 200, body: 'home' });
    expect(await get(server, '/handbook/practice')).toMatchObject({ status: 200, body: 'practice' });
    expect(await get(server, '/handbook/downloads/sheet.pdf')).toMatchObject({ status: 200 });
  });

  it('has nothing outside the sub-path, and redirects the sub-path without its slash', async () => {
    const server = await serve('/handbook/');
    expect((await get(server, '/practice')).status).toBe(404);
    expect((await get(server, '/handbookx/practice')).status).toBe(404);
    expect(await get(server, '/handbook')).toMatchObject({ status: 301, location: '/handbook/' });
    expect(await get(server, '/handbook?q=1')).toMatchObject({ status: 301, location: '/handbook/?q=1' });
  });

  it('tags each file, makes the browser ask before reusing it, and answers 304 only while it is the same file', async () => {
    const server = await serve();
    const file = path.join(root, 'cheat-sheet.html');
    const at = (iso: string): void => utimesSync(file, new Date(iso), new Date(iso));
    at('2026-12-01T10:00:00.250Z');
    const first = await get(server, '/cheat-sheet');
    expect(first).toMatchObject({ status: 200, body: 'sheet', cacheControl: 'no-cache' });
    expect(first.etag).toMatch(/^"[0-9a-f-]+"$/);
    expect(await get(server, '/cheat-sheet', { 'if-none-match': first.etag! })).toMatchObject({ status: 304, body: '' });
    expect(await get(server, '/cheat-sheet', { 'if-none-match': `"other", ${first.etag!}` })).toMatchObject({ status: 304 });
    // Written again within the same second (a build step patching a page), then put back to an older time.
    at('2026-12-01T10:00:00.750Z');
    expect(await get(server, '/cheat-sheet', { 'if-none-match': first.etag! })).toMatchObject({ status: 200, body: 'sheet' });
    at('2026-11-30T10:00:00.000Z');
    expect(await get(server, '/cheat-sheet', { 'if-none-match': first.etag! })).toMatchObject({ status: 200, body: 'sheet' });
    at('2026-12-01T10:00:00.250Z');
    expect(await get(server, '/cheat-sheet', { 'if-none-match': first.etag! })).toMatchObject({ status: 304 });
  });

  it('serves a file only in its own letter case, as GitHub Pages does (the 404 page answers any other)', async () => {
    const server = await serve();
    expect(await get(server, '/Cheat-Sheet')).toMatchObject({ status: 404, body: 'not found page' });
    expect(await get(server, '/PRACTICE')).toMatchObject({ status: 404, body: 'not found page' });
    expect(await get(server, '/practice')).toMatchObject({ status: 200, body: 'practice' });
  });

  it('on a disk that finds names in any case (macOS, Windows), compares the spelling with what the disk lists', () => {
    expect(caseBlindDisk(root), 'the disk is told apart as it is').toBe(existsSync(path.join(parent, 'BUILD')));
    expect(spelledAsOnDisk(root, path.join(root, 'practice/index.html'))).toBe(true);
    expect(spelledAsOnDisk(root, path.join(root, 'Practice/index.html'))).toBe(false);
    expect(spelledAsOnDisk(root, path.join(root, 'cheat-sheet.HTML'))).toBe(false);
  });

  it('never serves a file outside the build folder', async () => {
    const server = await serve();
    expect((await get(server, '/../build-secret/key.txt')).status).toBe(404);
    expect((await get(server, '/%2e%2e/build-secret/key.txt')).status).toBe(404);
  });
});
