/**
 * `npm run validate`: check every page under docs/ and the reference catalog.
 * Prints each problem as `path:line: what is wrong. Fix: how.` and exits 1
 * when there is any; prints a summary and exits 0 otherwise. Warnings (advice
 * such as a diagram likely too wide for the column) are printed as
 * `warning: path:line: ...` and never change the exit code.
 * `--json <file>` also writes the Validation Report data to <file>.
 */
import { writeFile } from 'node:fs/promises';
import { formatProblem, validateContent } from './validate/index';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const jsonIndex = args.indexOf('--json');
  const rootIndex = args.indexOf('--root');
  const rootDir = rootIndex >= 0 ? args[rootIndex + 1] : undefined;
  const { problems, warnings, report } = await validateContent(rootDir ? { rootDir } : {});
  if (jsonIndex >= 0 && args[jsonIndex + 1]) {
    await writeFile(args[jsonIndex + 1]!, `${JSON.stringify(report, null, 2)}\n`);
  }
  for (const w of warnings) console.error(`warning: ${formatProblem(w)}`);
  for (const p of problems) console.error(formatProblem(p));
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
