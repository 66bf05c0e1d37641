/**
 * Components every MDX page can use without importing them: only the parts of
 * a page's anatomy (a question page, an overview). Anything else (the
 * calculators, the reference catalog, the cheat sheet's figures and blocks) is imported by
 * the page that shows it, so no other page downloads it.
 */
import MDXComponents from '@theme-original/MDXComponents';
import ExampleCode from '@site/src/components/ExampleCode';
import QuestionHeader from '@site/src/components/QuestionHeader';
import References, { RelatedQuestions } from '@site/src/components/References';
import TopicQuestions from '@site/src/components/TopicQuestions';

export default {
  ...MDXComponents,
  ExampleCode,
  QuestionHeader,
  References,
  RelatedQuestions,
  TopicQuestions,
};
