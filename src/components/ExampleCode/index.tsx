import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import CodeBlock from '@theme/CodeBlock';
import type { ReactNode } from 'react';
import RunnableExample from '@site/src/components/RunnableExample';
import { demoPathFor } from '@site/src/runner/conventions';
import styles from './styles.module.css';

interface Props {
  /** Repository path of the module, e.g. src/examples/q07-circuit-breaker/circuitBreaker.ts. */
  path: string;
  /** The module's text, imported with `!!raw-loader!@site/<path>` so it is the exact file. */
  source: string;
  /** The text of `<module>.demo.ts`, raw-imported the same way: gives the example a Run control. */
  demo?: string;
}

/** Shows an example module exactly as it is compiled and tested, with links to it and its tests. */
export default function ExampleCode({ path, source, demo }: Props): ReactNode {
  const { siteConfig } = useDocusaurusContext();
  const repository = siteConfig.customFields?.repository as { url: string; branch: string };
  const blob = `${repository.url}/blob/${repository.branch}`;
  const testPath = path.replace(/\.ts$/, '.test.ts');
  const caption = (
    <figcaption className={styles.caption}>
      Compiled under strict TypeScript and exercised by its tests: <a href={`${blob}/${path}`}>source</a> · <a href={`${blob}/${testPath}`}>tests</a>
      {demo !== undefined && (
        <>
          {' '}
          · <a href={`${blob}/${demoPathFor(path)}`}>demo</a>
        </>
      )}
    </figcaption>
  );
  return (
    // data-example names the module; the search index leaves out its code (docusaurus.config.ts).
    <figure className={styles.example} data-example={path}>
      {demo === undefined ? (
        <>
          <CodeBlock language="ts" title={path} showLineNumbers>
            {source.trimEnd()}
          </CodeBlock>
          {caption}
        </>
      ) : (
        <RunnableExample path={path} source={source} demo={demo} caption={caption} />
      )}
    </figure>
  );
}
