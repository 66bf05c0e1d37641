/**
 * Which EU AI Act obligations apply to a described system on a given date.
 * The dates are data with the article that sets them, so a schedule changed
 * by an amendment is a second table, not new code. A planning aid, not legal
 * advice: the classification rules are simplified (see the page).
 */
export type Milestone = 'prohibitions' | 'ai-literacy' | 'gpai' | 'transparency' | 'high-risk-annex-iii' | 'high-risk-annex-i';
export type Schedule = Record<Milestone, { from: string; source: string }>;

/** Regulation (EU) 2024/1689 as published, Article 113. */
export const AI_ACT_2024: Schedule = {
  prohibitions: { from: '2025-02-02', source: 'Art. 113(a): Chapter II' },
  'ai-literacy': { from: '2025-02-02', source: 'Art. 113(a): Chapter I' },
  gpai: { from: '2025-08-02', source: 'Art. 113(b): Chapter V' },
  transparency: { from: '2026-08-02', source: 'Art. 113: general date' },
  'high-risk-annex-iii': { from: '2026-08-02', source: 'Art. 113: general date' },
  'high-risk-annex-i': { from: '2027-08-02', source: 'Art. 113(c): Art. 6(1)' },
};

/**
 * Article 113 as amended by the Digital Omnibus on AI, adopted by the Council on 29 June 2026 and published as
 * Regulation (EU) 2026/1744 of 8 July 2026 (Official Journal of 24 July 2026), in force since 27 July 2026: the law in force now. Only the high-risk
 * dates moved among those modelled here; the new Art. 5 prohibitions (from 2 December 2026) and the Art. 111
 * transitional periods are not modelled. Check the consolidated text on EUR-Lex.
 */
export const AI_ACT_AMENDED_BY_2026_1744: Schedule = {
  ...AI_ACT_2024,
  'high-risk-annex-iii': { from: '2027-12-02', source: 'Art. 113(c)(i) as amended by Reg. (EU) 2026/1744' },
  'high-risk-annex-i': { from: '2028-08-02', source: 'Art. 113(c)(ii) as amended by Reg. (EU) 2026/1744' },
};

export const ANNEX_III_AREAS = [
  'biometrics',
  'critical-infrastructure',
  'education',
  'employment',
  'essential-services',
  'law-enforcement',
  'migration-border',
  'justice-democracy',
] as const;
export type AnnexIIIArea = (typeof ANNEX_III_AREAS)[number];

export interface SystemDescription {
  /** An Article 5 practice, e.g. 'social scoring'; such a system may not be offered at all. */
  prohibitedPractice?: string;
  /** Safety component of a product under Annex I law that needs third-party conformity assessment (Art. 6(1)). */
  annexISafetyComponent?: boolean;
  annexIIIArea?: AnnexIIIArea;
  /** Art. 6(3): an Annex III system that only does a narrow procedural task; never exempt if it profiles people. */
  narrowTaskOnly?: boolean;
  profilesPeople?: boolean;
  interactsWithPeople?: boolean;
  generatesSyntheticContent?: boolean;
  /** You also provide the general-purpose model underneath (Chapter V). */
  gpaiModel?: 'standard' | 'systemic-risk';
}

/** Transparency (Art. 50) is not a class: it sits on top of any permitted class (a prohibited system is withdrawn, not labelled) and is reported among the obligations. */
export type RiskClass = 'prohibited' | 'high-risk (Annex I)' | 'high-risk (Annex III)' | 'not high-risk';
export interface Obligation {
  article: string;
  duty: string;
  milestone: Milestone;
}
export interface DatedObligation extends Obligation {
  appliesFrom: string;
  source: string;
  applies: boolean;
}

const HIGH_RISK: [string, string][] = [
  ['Art. 9', 'risk management system over the lifecycle'],
  ['Art. 10', 'data governance: relevant, representative training, validation and test data; bias examined'],
  ['Art. 11', 'technical documentation (Annex IV) before placing on the market'],
  ['Art. 12', 'automatic logging of events over the lifetime of the system'],
  ['Art. 13', 'instructions for use so deployers can interpret the output and use it properly'],
  ['Art. 14', 'human oversight: people can understand, override and stop the system'],
  ['Art. 15', 'accuracy, robustness and cybersecurity, declared and tested'],
];

/**
 * Simplified: of the four Art. 6(3) conditions only (a), a narrow procedural task, is modelled. The other three,
 * (b) improving a completed human activity, (c) detecting decision patterns without replacing human assessment
 * and (d) a preparatory task, can also exempt a system; they are left to the legal review.
 */
export function classify(system: SystemDescription): RiskClass {
  if (system.annexIIIArea !== undefined && !ANNEX_III_AREAS.includes(system.annexIIIArea)) {
    throw new TypeError(`annexIIIArea must be one of ${ANNEX_III_AREAS.join(', ')}, got ${String(system.annexIIIArea)}`);
  }
  if (system.prohibitedPractice) return 'prohibited';
  if (system.annexISafetyComponent) return 'high-risk (Annex I)';
  if (system.annexIIIArea && !(system.narrowTaskOnly && !system.profilesPeople)) return 'high-risk (Annex III)';
  return 'not high-risk';
}

export function obligations(system: SystemDescription): Obligation[] {
  const riskClass = classify(system);
  const list: Obligation[] = [{ article: 'Art. 4', duty: 'measures for the AI literacy of the staff who build and operate it', milestone: 'ai-literacy' }];
  if (riskClass === 'prohibited') return [...list, { article: 'Art. 5', duty: `withdraw: ${system.prohibitedPractice} is banned`, milestone: 'prohibitions' }];
  if (riskClass.startsWith('high-risk')) {
    const milestone = riskClass === 'high-risk (Annex I)' ? 'high-risk-annex-i' : 'high-risk-annex-iii';
    list.push(...HIGH_RISK.map(([article, duty]) => ({ article, duty, milestone }) as Obligation));
  }
  // The Art. 6(3) exemption is a documented position, not a silent one; it dates with the Annex III duties.
  if (system.annexIIIArea && !riskClass.startsWith('high-risk'))
    list.push({ article: 'Art. 6(4)', duty: 'document why it is not high-risk before placing it on the market; show the assessment on request', milestone: 'high-risk-annex-iii' });
  // Article 50 applies whatever the permitted risk class, so a high-risk chatbot carries both sets.
  if (system.interactsWithPeople) list.push({ article: 'Art. 50(1)', duty: 'tell people they are interacting with an AI system', milestone: 'transparency' });
  if (system.generatesSyntheticContent) list.push({ article: 'Art. 50(2)', duty: 'mark generated content as such, machine-readably', milestone: 'transparency' });
  if (system.gpaiModel)
    list.push({ article: 'Art. 53', duty: 'model documentation, information for downstream providers, copyright policy, training-content summary', milestone: 'gpai' });
  if (system.gpaiModel === 'systemic-risk')
    list.push({ article: 'Art. 55', duty: 'model evaluation, adversarial testing, serious-incident reporting, cybersecurity', milestone: 'gpai' });
  return list;
}

function parseDay(onDate: string): string {
  const parsed = new Date(`${onDate}T00:00:00Z`);
  // The round trip rejects days that do not exist, such as 2026-02-30.
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(onDate) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === onDate;
  if (!ok) throw new RangeError(`onDate must be a real calendar day as YYYY-MM-DD, got "${onDate}"`);
  return onDate;
}

/**
 * Each modelled obligation (not, e.g., Art. 17, 43, 49, 72 or 73) with its start date and whether it already applies
 * on onDate (ISO days compare as strings). By default, the schedule in force since 27 July 2026; before then every
 * modelled 'applies' is the same under both schedules, because no changed date had been reached.
 */
export function assess(system: SystemDescription, onDate: string, schedule: Schedule = AI_ACT_AMENDED_BY_2026_1744): { riskClass: RiskClass; obligations: DatedObligation[] } {
  const day = parseDay(onDate);
  const dated = obligations(system).map((o) => ({
    ...o,
    appliesFrom: schedule[o.milestone].from,
    source: schedule[o.milestone].source,
    applies: day >= schedule[o.milestone].from,
  }));
  return { riskClass: classify(system), obligations: dated };
}
