/**
 * `npm run new:question` writes a page, an example module and its test full
 * of `TODO(new-question)` markers. A page is not done while one is left.
 */
import { plainFiles, type FileAccess } from '../files';
import { problem, type Problem, type QuestionPage } from '../types';
import { RAW_IMPORT } from './anatomy';

export const TODO_MARKER = 'TODO(new-question)';

/** One problem per line that still holds the scaffold's marker. */
export function checkTodoMarkers(file: string, source: string): Problem[] {
  return source.split('\n').flatMap((line, index) => {
    if (!line.includes(TODO_MARKER)) return [];
    // The scaffold says what belongs there after "TODO(new-question):"; repeat it.
    const after = line.slice(line.indexOf(TODO_MARKER) + TODO_MARKER.length);
    const hint = after.startsWith(':')
      ? after
          .slice(1)
          .replace(/\*\/\s*$|['"]\s*$/, '')
          .trim()
          .replace(/\.$/, '')
      : '';
    return [
      problem(
        file,
        index + 1,
        'todo-marker',
        `the scaffold's ${TODO_MARKER} marker is still here${hint ? ` (${hint.slice(0, 100)})` : ''}`,
        'replace the placeholder with the real content and delete the marker (see CONTRIBUTING.md, "Add a question")',
      ),
    ];
  });
}

/** The markers left in the example modules a question imports, and in their tests. */
export async function checkExampleTodoMarkers(rootDir: string, page: QuestionPage, files: FileAccess = plainFiles(rootDir)): Promise<Problem[]> {
  const modules = new Set<string>();
  for (const match of page.source.matchAll(RAW_IMPORT)) if (match[2]) modules.add(match[2]);
  const problems: Problem[] = [];
  for (const module of modules) {
    for (const file of [module, module.replace(/\.ts$/, '.test.ts')]) {
      const text = await files.read(file);
      if (text !== undefined) problems.push(...checkTodoMarkers(file, text));
    }
  }
  return problems;
}
