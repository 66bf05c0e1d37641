/**
 * Demo: the same five-query golden set scored for a keyword retriever and a hybrid one.
 * Grades are 0-3; one query has no relevant document and is counted apart.
 * Change K, or move a document in a ranking, and watch which metric moves.
 */
import { evaluateRetrieval, goldenSetSize, type LabelledQuery } from './retrievalMetrics';

const K = 3;

const grades = {
  refund: { 'policy-refunds': 3, 'faq-refunds': 2, 'blog-returns': 0 },
  sso: { 'admin-sso': 3, 'admin-saml': 2 },
  limits: { 'api-limits': 3 },
  invoice: { 'billing-invoices': 2, 'billing-vat': 1 },
  mars: {},
};

/** At most 4 decimals, so an exact 0.625 prints as 0.625 and not 0.63. */
const show = (x: number): number => Number(x.toFixed(4));

function run(name: string, ranked: Record<keyof typeof grades, string[]>): ReturnType<typeof evaluateRetrieval> {
  const set: LabelledQuery[] = Object.entries(grades).map(([query, g]) => ({ query, grades: g, ranked: ranked[query as keyof typeof grades] }));
  const r = evaluateRetrieval(set, K);
  console.log(
    `${name}: recall@${K} ${show(r.recall)}, precision@${K} ${show(r.precision)}, MRR@${K} ${show(r.mrr)}, nDCG@${K} ${show(r.ndcg)} (${r.answerable} answerable, ${r.unanswerable} unanswerable)`,
  );
  return r;
}

export function demo(): { keyword: number[]; hybrid: number[]; queriesFor5Points: number } {
  const keyword = run('keyword', {
    refund: ['blog-returns', 'faq-refunds', 'policy-refunds'],
    sso: ['admin-saml', 'admin-users', 'admin-roles'],
    limits: ['api-errors', 'api-auth', 'api-pagination'],
    invoice: ['billing-invoices', 'billing-vat', 'billing-cards'],
    mars: ['blog-launch'],
  });
  const hybrid = run('hybrid', {
    refund: ['policy-refunds', 'faq-refunds', 'blog-returns'],
    sso: ['admin-sso', 'admin-users', 'admin-saml'],
    limits: ['api-errors', 'api-limits', 'api-auth'],
    invoice: ['billing-invoices', 'billing-cards', 'billing-vat'],
    mars: ['blog-launch'],
  });
  const n = goldenSetSize(0.05);
  // Recall averages over answerable queries only, so the refusal query does not count towards n.
  console.log(`to know recall within ±5 points at 95 % confidence: ${n} answerable labelled queries, not ${keyword.answerable}`);
  const round = (r: ReturnType<typeof evaluateRetrieval>) => [r.recall, r.precision, r.mrr, r.ndcg].map(show);
  return { keyword: round(keyword), hybrid: round(hybrid), queriesFor5Points: n };
}
