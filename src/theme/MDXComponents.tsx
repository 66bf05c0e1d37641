/**
 * Components every MDX page can use without importing them: the parts of a
 * question page's anatomy.
 */
import MDXComponents from '@theme-original/MDXComponents';
import ExampleCode from '@site/src/components/ExampleCode';
import QuestionHeader from '@site/src/components/QuestionHeader';
import ReferenceCatalog from '@site/src/components/ReferenceCatalog';
import References, { RelatedQuestions } from '@site/src/components/References';
import TopicQuestions from '@site/src/components/TopicQuestions';

export default {
  ...MDXComponents,
  ExampleCode,
  QuestionHeader,
  ReferenceCatalog,
  References,
  RelatedQuestions,
  TopicQuestions,
};
