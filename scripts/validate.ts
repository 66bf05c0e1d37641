/**
 * `npm run validate`: check every page under docs/ and the reference catalog.
 * Prints each problem as `path:line: what is wrong. Fix: how.` and exits 1
 * when there is any; prints a summary and exits 0 otherwise. Warnings (advice
 * such as a diagram likely too wide for the column) are printed first, as
 * `warning: path:line: ...`, and never change the exit code.
 *
 *   --json <file>       also write the Validation Report data to <file>
 *   --root <dir>        check the content under <dir> instead of this project's
 *   --cache-dir <dir>   keep results between runs in <dir> (default: node_modules/.cache/handbook-validator,
 *                       or $HANDBOOK_VALIDATOR_CACHE); a page is checked again only when it or a file it uses changed
 *   --no-cache          check everything and keep nothing
 */
import { writeFile } from 'node:fs/promises';
import { formatProblem } from './validate/format';
import { createValidator } from './validate/validator';

function option(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const rootDir = option(args, '--root');
  const jsonFile = option(args, '--json');
  const cacheDir = args.includes('--no-cache') ? false : option(args, '--cache-dir');
  const validator = createValidator({ ...(rootDir ? { rootDir } : {}), ...(cacheDir !== undefined ? { cacheDir } : {}) });
  const { problems, warnings, report } = await validator.validateAll();
  if (jsonFile) {
    await writeFile(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  }
  // One write each: thousands of problems (the benchmark's content) print in one go rather than line by line.
  if (warnings.length > 0) process.stderr.write(`${warnings.map((w) => `warning: ${formatProblem(w)}`).join('\n')}\n`);
  if (problems.length > 0) process.stderr.write(`${problems.map(formatProblem).join('\n')}\n`);
  const questions = report.questions.length;
  if (problems.length > 0) {
    console.error(`\n${problems.length} problem(s) in the content. Nothing was changed; fix them and run "npm run validate" again.`);
    return 1;
  }
  const tracks = report.tracks
    .filter((t) => t.questions > 0)
    .map((t) => `${t.label}: ${t.questions}/${t.expectedQuestions} (${t.counts.foundational}F/${t.counts.intermediate}I/${t.counts.advanced}A)`);
  console.log(
    `Content is valid: ${questions} question page(s). ${tracks.join('; ')}. References: ${report.catalog.cited}/${report.catalog.entries} cited.${warnings.length ? ` ${warnings.length} warning(s) above.` : ''}`,
  );
  return 0;
}

/** Exit once everything printed has been written: piped output (CI logs, `| less`) would otherwise be cut short. */
function exitAfterOutput(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main().then(exitAfterOutput, (error: unknown) => {
  // A failure here is a bug in the validator, not in the content: say so plainly.
  console.error(`The validator itself failed: ${error instanceof Error ? error.message : String(error)}`);
  exitAfterOutput(2);
});
