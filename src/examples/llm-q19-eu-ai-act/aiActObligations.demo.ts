/**
 * Demo: a chatbot that screens job applicants (Annex III, employment),
 * assessed on one day under the 2024 text and under the Digital Omnibus
 * as agreed. Change the day or the description and run it again.
 */
import { AI_ACT_2024, AI_OMNIBUS_AS_AGREED, assess, type Schedule, type SystemDescription } from './aiActObligations';

export function demo(): { riskClass: string; dueNow2024: number; dueNowOmnibus: number } {
  const screener: SystemDescription = { annexIIIArea: 'employment', interactsWithPeople: true };
  const onDate = '2026-12-03';
  const dueNow = (label: string, schedule: Schedule): number => {
    const { riskClass, obligations } = assess(screener, onDate, schedule);
    const due = obligations.filter((o) => o.applies);
    const later = obligations.filter((o) => !o.applies);
    console.log(`${label}, ${onDate}: ${riskClass}; applies now: ${due.map((o) => o.article).join(', ')}`);
    const first = later[0];
    if (first) console.log(`  from ${first.appliesFrom} (${first.source}): ${later.map((o) => o.article).join(', ')}`);
    return due.length;
  };
  return { riskClass: assess(screener, onDate).riskClass, dueNow2024: dueNow('2024 text', AI_ACT_2024), dueNowOmnibus: dueNow('Omnibus as agreed', AI_OMNIBUS_AS_AGREED) };
}
