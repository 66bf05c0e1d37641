/**
 * EPUBCheck, the reference validator for EPUB (Debian: epubcheck, a Java
 * program). A missing tool fails the test with the command to install it.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

export const EPUBCHECK_HINT =
  'Install EPUBCheck (Debian/Ubuntu: sudo apt-get install epubcheck, which brings Java; or set EPUBCHECK_JAR to the official epubcheck.jar); .ci/run installs it.';

/** Debian installs the jar here; /usr/bin/epubcheck is a link to it that only runs where the kernel executes jars. */
const DEBIAN_JAR = '/usr/share/java/epubcheck.jar';

/**
 * A check is a short run, where the JVM's optimising compiler and parallel garbage collector cost more than they
 * save: the quick compiler alone (C1) and one collector give the same report for well under half the CPU (the
 * book's EPUB on 2 cores: 8 s instead of 18 to 20 s). A JVM that does not know an option ignores it.
 */
const JVM_OPTIONS = ['-XX:+IgnoreUnrecognizedVMOptions', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

export interface EpubCheckResult {
  ok: boolean;
  /** The ERROR and FATAL lines, or the tool's complaint when it could not run. */
  problems: string[];
  output: string;
}

/**
 * Runs EPUBCheck on `file` without blocking, so the book's tests start it first and read the PDFs while
 * Java checks the EPUB.
 */
export function epubcheck(file: string, env: NodeJS.ProcessEnv = process.env): Promise<EpubCheckResult> {
  const jar = env.EPUBCHECK_JAR || (existsSync(DEBIAN_JAR) ? DEBIAN_JAR : undefined);
  if (!jar) return Promise.reject(new Error(`EPUBCheck is not installed, so the EPUB cannot be checked. ${EPUBCHECK_HINT}`));
  return new Promise((resolve, reject) => {
    execFile('java', [...JVM_OPTIONS, '-jar', jar, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      // An exit code or a signal is EPUBCheck's verdict (reported below); a string code (ENOENT...) means it did not run.
      if (error && typeof error.code === 'string') {
        reject(new Error(`Could not run EPUBCheck (${error.message}). ${EPUBCHECK_HINT}`));
        return;
      }
      const output = `${stdout}\n${stderr}`;
      const problems = output.split('\n').filter((line) => /^(ERROR|FATAL)/.test(line));
      resolve({ ok: !error && problems.length === 0, problems, output });
    });
  });
}
