/**
 * The theme's code block, with Prism's extra languages (bash, json, yaml from
 * the config) registered when the first code block loads, instead of in the
 * entry script of every page (see src/plugins/highlight-on-demand).
 */
import CodeBlock from '@theme-original/CodeBlock';
import prismIncludeLanguages from '@theme/prism-include-languages';
import { Prism } from '@site/src/lib/highlight';

prismIncludeLanguages(Prism);

export default CodeBlock;
