// cspell:ignore handbookx extensionless
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDirectory, type StaticServer } from './staticServer';

/** A raw GET (fetch would normalise "..", which the traversal check must see). */
function get(
  server: StaticServer,
  urlPath: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; location?: string; type?: string; cacheControl?: string; lastModified?: string }> {
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
          lastModified: res.headers['last-modified'],
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

  it('gives each file its time, makes the browser ask before reusing it, and answers 304 while it is unchanged', async () => {
    const server = await serve();
    const file = path.join(root, 'cheat-sheet.html');
    utimesSync(file, new Date('2026-12-01T10:00:00.750Z'), new Date('2026-12-01T10:00:00.750Z'));
    const first = await get(server, '/cheat-sheet');
    expect(first).toMatchObject({ status: 200, body: 'sheet', cacheControl: 'no-cache', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' });
    expect(await get(server, '/cheat-sheet', { 'if-modified-since': first.lastModified! })).toMatchObject({ status: 304, body: '' });
    // Saved again a second later (a new build): the file itself, with its new time.
    utimesSync(file, new Date('2026-12-01T10:00:01.200Z'), new Date('2026-12-01T10:00:01.200Z'));
    expect(await get(server, '/cheat-sheet', { 'if-modified-since': first.lastModified! })).toMatchObject({
      status: 200,
      body: 'sheet',
      lastModified: 'Tue, 01 Dec 2026 10:00:01 GMT',
    });
    expect(await get(server, '/cheat-sheet', { 'if-modified-since': 'not a date' })).toMatchObject({ status: 200, body: 'sheet' });
  });

  it('never serves a file outside the build folder', async () => {
    const server = await serve();
    expect((await get(server, '/../build-secret/key.txt')).status).toBe(404);
    expect((await get(server, '/%2e%2e/build-secret/key.txt')).status).toBe(404);
  });
});
