/**
 * Docusaurus plugin that runs the content validator on every build and start.
 *
 * - A production build fails on any content problem, printing each as
 *   `path:line: what is wrong. Fix: ...`, so the site can never ship content
 *   the validator rejects. Warnings (advice, such as a diagram likely too
 *   wide for the column) are printed with console.warn and never fail it.
 * - It adds the pages that show the whole content, each with only the data it
 *   uses as a route module: the home page (counts and mock answers), the
 *   Practice page (its deck) and the Validation Report (and the same report as
 *   /validation-report.json in the build output). Nothing is global data, so
 *   no other page downloads any of it; question pages carry their own data in
 *   their derived frontmatter (src/content/derive.ts).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import type { QuestionSummary, ValidationReport } from '../../content/report';
import { TRACKS } from '../../content/tracks';
import { buildDeck } from '../../practice/deck';
import type { Validator, ValidatorRun } from '../../../scripts/validate/index';
import { writeAnkiDeck } from './ankiDeckFile';
import { PLUGIN_ROUTES, type HomeSummary, type PracticeDeck } from './routes';
import { loadValidatorApi } from './validatorApi';

// One validator per site for the life of the process: `docusaurus start` calls loadContent again on every saved file, and the validator then re-checks only the pages (and example files) that changed.
const validators = new Map<string, Validator>();

export interface HandbookContent {
  questions: QuestionSummary[];
  report: ValidationReport;
}

export function homeSummary(questions: readonly QuestionSummary[]): HomeSummary {
  return {
    tracks: TRACKS.map((t) => ({ slug: t.slug, count: questions.filter((q) => q.track === t.slug).length })).filter((t) => t.count > 0),
    mockAnswers: questions.filter((q) => q.hasMockAnswer).map((q) => ({ questionId: q.questionId, label: q.label, permalink: q.permalink })),
    questionCount: questions.length,
  };
}

export default async function handbookContentPlugin(context: LoadContext): Promise<Plugin<HandbookContent>> {
  const isProduction = process.env.NODE_ENV === 'production';
  const { createValidator, formatProblem, releaseRenderers } = await loadValidatorApi();
  let validator = validators.get(context.siteDir);
  if (!validator) validators.set(context.siteDir, (validator = createValidator({ rootDir: context.siteDir })));
  // Started as the plugin is created, so the check (and on a cold cache the worker that loads Mermaid and jsdom)
  // runs while the other plugins load; the next loadContent takes its result. Commands that create the plugins
  // without loading content (swizzle, write-translations) run this one check too.
  let started: Promise<ValidatorRun> | undefined = validator.validateAll();
  started.catch(() => undefined);
  return {
    name: 'handbook-content',

    getPathsToWatch() {
      return [path.join(context.siteDir, 'docs/**/*.{md,mdx}'), path.join(context.siteDir, 'src/content/**/*.ts')];
    },

    async loadContent() {
      const run = started ?? validator.validateAll();
      started = undefined;
      const { problems, warnings, report } = await run;
      // A production build checks the content once: the worker that holds jsdom and Mermaid goes before bundling
      // starts (the build's peak memory comes later). The dev server keeps it for the pages saved next.
      if (isProduction) releaseRenderers();
      // Warnings are advice (a diagram likely too wide for the column): shown in dev and production alike, never fatal.
      if (warnings.length > 0) console.warn(`[handbook-content] ${warnings.length} content warning(s):\n${warnings.map((w) => `warning: ${formatProblem(w)}`).join('\n')}`);
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
      const route = (routePath: string): string => `${context.baseUrl}${routePath.slice(1)}`;
      const summary = await actions.createData('home.json', JSON.stringify(homeSummary(content.questions)));
      actions.addRoute({ path: route(PLUGIN_ROUTES.home), component: '@site/src/components/HomePage', modules: { summary }, exact: true });
      const deck: PracticeDeck = buildDeck(content.questions, content.report.quickHits);
      const deckPath = await actions.createData('practice-deck.json', JSON.stringify(deck));
      actions.addRoute({ path: route(PLUGIN_ROUTES.practice), component: '@site/src/components/PracticePage', modules: { deck: deckPath }, exact: true });
      const reportPath = await actions.createData('validation-report.json', JSON.stringify(content.report));
      actions.addRoute({
        path: route(PLUGIN_ROUTES.validationReport),
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
