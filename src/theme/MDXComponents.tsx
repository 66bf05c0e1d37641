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
import AvailabilityCalculator from '@site/src/components/AvailabilityCalculator';
import CalculatorDetails from '@site/src/components/CalculatorDetails';
import CheatSheetDownloads from '@site/src/components/CheatSheetDownloads';
import CloudCostCalculator from '@site/src/components/CloudCostCalculator';
import DriftCalculator from '@site/src/components/DriftCalculator';
import Figure from '@site/src/components/Figure';
import GpuMemoryCalculator from '@site/src/components/GpuMemoryCalculator';
import ScalingRules from '@site/src/components/ScalingRules';
import ThroughputCalculator from '@site/src/components/ThroughputCalculator';

export default {
  ...MDXComponents,
  ExampleCode,
  QuestionHeader,
  ReferenceCatalog,
  References,
  RelatedQuestions,
  TopicQuestions,
  AvailabilityCalculator,
  CalculatorDetails,
  CheatSheetDownloads,
  CloudCostCalculator,
  DriftCalculator,
  Figure,
  GpuMemoryCalculator,
  ScalingRules,
  ThroughputCalculator,
};
