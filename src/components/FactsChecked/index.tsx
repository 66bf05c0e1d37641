import { useDoc } from '@docusaurus/plugin-content-docs/client';
import type { ReactNode } from 'react';
import { formatDay } from '@site/src/content/review';
import styles from './styles.module.css';

/**
 * "Facts checked 3 Dec 2026" under the title of a fixed page whose figures
 * age (the cheat sheet, the whiteboard method, the quick hits), from its
 * `reviewed` frontmatter; question pages show the same in their header.
 */
export default function FactsChecked(): ReactNode {
  const { reviewed } = useDoc().frontMatter as { reviewed?: string };
  if (!reviewed) return null;
  return (
    <p className={styles.checked} title="The day an expert last checked this page's facts against their sources (not its last edit)">
      Facts checked <time dateTime={reviewed}>{formatDay(reviewed)}</time>
    </p>
  );
}
