/**
 * An empty folder for the system's temporary files, as a new machine has.
 * Docusaurus loads its config and the site's plugins (TypeScript, and the ES
 * modules they import) through jiti, which keeps what it transpiled in the
 * temporary folder (`node-jiti`), not in node_modules/.cache: a cold build or a
 * first `npm start` run with the machine's own folder borrows that work from
 * every earlier build, and on a new machine it is about 5 s of a first build.
 */
import { mkdtempSync } from 'node:fs';
import path from 'node:path';

/** The environment for a command that must find no temporary files: TMPDIR (POSIX) and TEMP and TMP (Windows) in a new folder under `parent`. */
export function newMachineTemp(parent: string, name: string): NodeJS.ProcessEnv {
  const dir = mkdtempSync(path.join(parent, `${name}-tmp-`));
  return { TMPDIR: dir, TMP: dir, TEMP: dir };
}
