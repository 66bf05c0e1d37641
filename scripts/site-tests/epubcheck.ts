/**
 * EPUBCheck, the reference validator for EPUB (Debian: epubcheck, a Java
 * program). A missing tool fails the test with the command to install it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const EPUBCHECK_HINT =
  'Install EPUBCheck (Debian/Ubuntu: sudo apt-get install epubcheck, which brings Java; or set EPUBCHECK_JAR to the official epubcheck.jar); .ci/run installs it.';

/** Debian installs the jar here; /usr/bin/epubcheck is a link to it that only runs where the kernel executes jars. */
const DEBIAN_JAR = '/usr/share/java/epubcheck.jar';

export interface EpubCheckResult {
  ok: boolean;
  /** The ERROR and FATAL lines, or the tool's complaint when it could not run. */
  problems: string[];
  output: string;
}

export function epubcheck(file: string, env: NodeJS.ProcessEnv = process.env): EpubCheckResult {
  const jar = env.EPUBCHECK_JAR || (existsSync(DEBIAN_JAR) ? DEBIAN_JAR : undefined);
  if (!jar) throw new Error(`EPUBCheck is not installed, so the EPUB cannot be checked. ${EPUBCHECK_HINT}`);
  const run = spawnSync('java', ['-jar', jar, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`Could not run EPUBCheck (${run.error.message}). ${EPUBCHECK_HINT}`);
  const output = `${run.stdout}\n${run.stderr}`;
  const problems = output.split('\n').filter((line) => /^(ERROR|FATAL)/.test(line));
  return { ok: run.status === 0 && problems.length === 0, problems, output };
}
