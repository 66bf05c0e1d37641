/**
 * Demo: a chatbot that screens job applicants (Annex III, employment),
 * assessed on one day under the law in force (the AI Act as amended by
 * Regulation (EU) 2026/1744) and, for comparison, under the superseded dates
 * of the 2024 text. Change the day or the description and run it again.
 */
import { AI_ACT_2024, AI_ACT_AMENDED_BY_2026_1744, assess, type Schedule, type SystemDescription } from './aiActObligations';

export function demo(): { riskClass: string; dueNowInForce: number; dueNowUnder2024Text: number } {
  const screener: SystemDescription = { annexIIIArea: 'employment', interactsWithPeople: true };
  const onDate = '2026-12-05';
  const dueNow = (label: string, schedule: Schedule): number => {
    const { riskClass, obligations } = assess(screener, onDate, schedule);
    const due = obligations.filter((o) => o.applies);
    const later = obligations.filter((o) => !o.applies);
    console.log(`${label}, ${onDate}: ${riskClass}; applies now: ${due.map((o) => o.article).join(', ')}`);
    const first = later[0];
    if (first) console.log(`  from ${first.appliesFrom} (${first.source}): ${later.map((o) => o.article).join(', ')}`);
    return due.length;
  };
  return {
    riskClass: assess(screener, onDate).riskClass,
    dueNowInForce: dueNow('law in force (as amended by Reg. (EU) 2026/1744)', AI_ACT_AMENDED_BY_2026_1744),
    dueNowUnder2024Text: dueNow('2024 text, superseded for these dates', AI_ACT_2024),
  };
}
