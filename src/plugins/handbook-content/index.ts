/**
 * Docusaurus plugin that runs the content validator on every build and start.
 *
 * - A production build fails on any content problem, printing each as
 *   `path:line: what is wrong. Fix: ...`, so the site can never ship content
 *   the validator rejects.
 * - It publishes the question index (global data) for related links and
 *   backlinks, the Validation Report page at /validation-report, and the same
 *   report as /validation-report.json in the build output.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import type { QuestionSummary, QuickHitSummary, ValidationReport } from '../../content/report';
import { createValidator, formatProblem, type Validator } from '../../../scripts/validate/index';
import { writeAnkiDeck } from './ankiDeckFile';

// One validator per site for the life of the process: `docusaurus start` calls loadContent again on every saved file, and the validator then re-checks only the pages (and example files) that changed.
const validators = new Map<string, Validator>();

export interface HandbookContent {
  questions: QuestionSummary[];
  report: ValidationReport;
}

export interface HandbookGlobalData {
  questions: QuestionSummary[];
  quickHits: QuickHitSummary[];
}

export default function handbookContentPlugin(context: LoadContext): Plugin<HandbookContent> {
  const isProduction = process.env.NODE_ENV === 'production';
  return {
    name: 'handbook-content',

    getPathsToWatch() {
      return [path.join(context.siteDir, 'docs/**/*.{md,mdx}'), path.join(context.siteDir, 'src/content/**/*.ts')];
    },

    async loadContent() {
      let validator = validators.get(context.siteDir);
      if (!validator) validators.set(context.siteDir, (validator = createValidator({ rootDir: context.siteDir })));
      const { problems, report } = await validator.validateAll();
      if (problems.length > 0) {
        const text = problems.map(formatProblem).join('\n');
        if (isProduction) {
          // Content errors are the author's to fix, not a crash: print them plainly and stop, without a stack trace.
          console.error(`\n[handbook-content] The content has ${problems.length} problem(s); nothing was built:\n${text}\n`);
          process.exit(1);
        }
        console.warn(`[handbook-content] ${problems.length} content problem(s):\n${text}`);
      }
      const questions: QuestionSummary[] = report.questions.map((q) => ({
        questionId: q.questionId,
        title: q.title,
        label: q.label,
        track: q.track,
        topic: q.topic,
        number: q.number,
        difficulty: q.difficulty,
        keyInsight: q.keyInsight,
        permalink: q.permalink,
        references: q.references,
        related: q.related,
        tags: q.tags,
        hasMockAnswer: q.hasMockAnswer,
        shortAnswer: q.shortAnswer,
      }));
      return { questions, report };
    },

    async contentLoaded({ content, actions }) {
      actions.setGlobalData({ questions: content.questions, quickHits: content.report.quickHits } satisfies HandbookGlobalData);
      const reportPath = await actions.createData('validation-report.json', JSON.stringify(content.report));
      actions.addRoute({
        path: `${context.baseUrl}validation-report`,
        component: '@site/src/plugins/handbook-content/ValidationReportPage.tsx',
        modules: { report: reportPath },
        exact: true,
      });
    },

    async postBuild({ content, outDir, siteConfig }) {
      await writeFile(path.join(outDir, 'validation-report.json'), `${JSON.stringify(content.report, null, 2)}\n`);
      await writeAnkiDeck(outDir, `${siteConfig.url}${siteConfig.baseUrl}`, content.questions, content.report.quickHits);
    },
  };
}
