import Link from '@docusaurus/Link';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import Heading from '@theme/Heading';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';
import BookDownloads from '@site/src/components/BookDownloads';
import HomeSections from '@site/src/components/HomeSections';
import type { HomeSummary } from '@site/src/plugins/handbook-content/routes';
import styles from './styles.module.css';

/** The home page; the handbook-content plugin adds its route with the content summary it shows. */
export default function HomePage({ summary }: { summary: HomeSummary }): ReactNode {
  const { siteConfig } = useDocusaurusContext();
  return (
    <Layout description="An open handbook for AI and ML architect interviews: answers with tested TypeScript, diagrams, formulas, metrics and trade-offs.">
      <header className={styles.hero}>
        <div className="container">
          <Heading as="h1">{siteConfig.title}</Heading>
          <p className={styles.tagline}>{siteConfig.tagline}</p>
          <p className={styles.lead}>
            Every answer states its key insight first, explains what, how and at what cost, shows code that compiles and is tested, draws the architecture, and cites its sources.
            Figures without a source are marked as rules of thumb.
          </p>
          <Link className={`button button--primary button--lg ${styles.start}`} to="/architecture">
            Start with the Architecture Q&amp;A
          </Link>
        </div>
      </header>
      <main className="container">
        <BookDownloads />
        <HomeSections summary={summary} />
      </main>
    </Layout>
  );
}
