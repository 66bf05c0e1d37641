import type { Problem } from './types';

/** `path:line: what is wrong. Fix: how to fix it. [rule]` */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.message}. Fix: ${p.fix} [${p.rule}]`;
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
}
