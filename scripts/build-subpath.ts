/**
 * `npm run build:subpath`: the production build as a GitHub Pages project
 * site serves it, under a sub-path (BASE_URL=/handbook/), written to
 * build-subpath/ with its cheat-sheet PDFs and the book, so `npm run test:subpath` can
 * check that the site, its short links and its downloads work there.
 * build/ is left alone.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUBPATH_BASE_URL, SUBPATH_OUT_DIR } from './lib/subpath';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string): string => path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const env = { ...process.env, BASE_URL: SUBPATH_BASE_URL };

// The site as `npm run build` makes it (package.json's build:site), then its PDFs and book.
for (const [command, args] of [
  ['npm', ['run', '--silent', 'build:site', '--', '--out-dir', SUBPATH_OUT_DIR]],
  [bin('tsx'), ['scripts/pdf.ts', '--dir', SUBPATH_OUT_DIR]],
  [bin('tsx'), ['scripts/book.ts', '--dir', SUBPATH_OUT_DIR]],
] as const) {
  console.log(`BASE_URL=${SUBPATH_BASE_URL} ${path.basename(command)} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`The sub-path build stopped: "${path.basename(command)} ${args.join(' ')}" exited with ${result.status ?? result.signal ?? result.error?.message}.`);
    process.exit(1);
  }
}
