import Layout from '@theme/Layout';
import type { ReactNode } from 'react';
import ValidationReport from '@site/src/components/ValidationReport';
import type { ValidationReport as Report } from '@site/src/content/report';

export default function ValidationReportPage({ report }: { report: Report }): ReactNode {
  return (
    <Layout
      title="Validation report"
      description="How the handbook's content measures against its own rules: difficulty distribution, key insights, references, code, diagrams and tables per question."
    >
      <main className="container margin-vert--lg">
        <ValidationReport report={report} />
      </main>
    </Layout>
  );
}
