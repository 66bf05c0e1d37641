import { describe, expect, it } from 'vitest';
import {
  AI_ACT_2024,
  AI_ACT_AMENDED_BY_2026_1744,
  assess,
  classify,
  obligations,
  type AnnexIIIArea,
  type Milestone,
  type Schedule,
  type SystemDescription,
} from './aiActObligations';

const applying = (system: SystemDescription, day: string, schedule: Schedule = AI_ACT_2024) =>
  assess(system, day, schedule)
    .obligations.filter((o) => o.applies)
    .map((o) => o.article);

describe('classify: the risk class of a described system', () => {
  it('puts an Article 5 practice above everything else', () => {
    expect(classify({ prohibitedPractice: 'social scoring', annexIIIArea: 'essential-services', interactsWithPeople: true })).toBe('prohibited');
  });

  it('treats a safety component of an Annex I product as high-risk under Annex I', () => {
    expect(classify({ annexISafetyComponent: true, annexIIIArea: 'employment' })).toBe('high-risk (Annex I)');
  });

  it('treats a CV-ranking system as high-risk under Annex III (employment)', () => {
    expect(classify({ annexIIIArea: 'employment' })).toBe('high-risk (Annex III)');
  });

  it('exempts an Annex III system that only does a narrow procedural task (Art. 6(3)), unless it profiles people', () => {
    expect(classify({ annexIIIArea: 'employment', narrowTaskOnly: true })).toBe('not high-risk');
    expect(classify({ annexIIIArea: 'employment', narrowTaskOnly: true, profilesPeople: true })).toBe('high-risk (Annex III)');
  });

  it('classifies a chatbot or a content generator outside the high-risk areas as not high-risk, like any other system: transparency is not a class', () => {
    expect(classify({ interactsWithPeople: true })).toBe('not high-risk');
    expect(classify({ generatesSyntheticContent: true })).toBe('not high-risk');
    expect(classify({})).toBe('not high-risk');
  });

  it('reports Art. 50 as duties on top of the class, whatever the class', () => {
    const articles = (s: SystemDescription) => obligations(s).map((o) => o.article);
    expect(articles({ interactsWithPeople: true, generatesSyntheticContent: true })).toEqual(['Art. 4', 'Art. 50(1)', 'Art. 50(2)']);
    expect(articles({ annexIIIArea: 'employment', interactsWithPeople: true })).toContain('Art. 50(1)');
    expect(articles({ annexISafetyComponent: true, generatesSyntheticContent: true })).toContain('Art. 50(2)');
  });

  it('rejects an area that is not in Annex III with a TypeError naming the field', () => {
    expect(() => classify({ annexIIIArea: 'marketing' as AnnexIIIArea })).toThrow(TypeError);
    expect(() => classify({ annexIIIArea: 'marketing' as AnnexIIIArea })).toThrow(/^annexIIIArea must be one of biometrics, .*, got marketing$/);
  });
});

describe('obligations: what each class carries', () => {
  it('asks AI literacy (Art. 4) of every system, even one that is not high-risk', () => {
    expect(obligations({}).map((o) => o.article)).toEqual(['Art. 4']);
  });

  it('asks a prohibited system only to be withdrawn, not to be made compliant', () => {
    expect(obligations({ prohibitedPractice: 'emotion recognition at work' }).map((o) => o.duty)).toEqual([
      'measures for the AI literacy of the staff who build and operate it',
      'withdraw: emotion recognition at work is banned',
    ]);
  });

  it('asks an Annex III system exempted by Art. 6(3) to document why it is not high-risk (Art. 6(4)), from the Annex III date', () => {
    const exempt = obligations({ annexIIIArea: 'employment', narrowTaskOnly: true });
    expect(exempt.map((o) => o.article)).toEqual(['Art. 4', 'Art. 6(4)']);
    expect(exempt[1]?.milestone).toBe('high-risk-annex-iii');
    expect(obligations({ annexIIIArea: 'employment' }).map((o) => o.article)).not.toContain('Art. 6(4)');
    expect(obligations({ interactsWithPeople: true }).map((o) => o.article)).not.toContain('Art. 6(4)');
  });

  it('gives a high-risk system the Articles 9 to 15 the architecture must answer', () => {
    expect(obligations({ annexIIIArea: 'education' }).map((o) => o.article)).toEqual(['Art. 4', 'Art. 9', 'Art. 10', 'Art. 11', 'Art. 12', 'Art. 13', 'Art. 14', 'Art. 15']);
  });

  it('adds Article 50 on top of the high-risk duties for a high-risk chatbot', () => {
    const articles = obligations({ annexIIIArea: 'employment', interactsWithPeople: true, generatesSyntheticContent: true }).map((o) => o.article);
    expect(articles).toContain('Art. 12');
    expect(articles.slice(-2)).toEqual(['Art. 50(1)', 'Art. 50(2)']);
  });

  it('adds Art. 53 for a general-purpose model, and Art. 55 only when it has systemic risk', () => {
    expect(obligations({ gpaiModel: 'standard' }).map((o) => o.article)).toEqual(['Art. 4', 'Art. 53']);
    expect(obligations({ gpaiModel: 'systemic-risk' }).map((o) => o.article)).toEqual(['Art. 4', 'Art. 53', 'Art. 55']);
  });
});

describe('assess: which obligations apply on a date (Art. 113)', () => {
  const cases: [string, SystemDescription, string, Milestone][] = [
    ['the prohibitions', { prohibitedPractice: 'social scoring' }, 'Art. 5', 'prohibitions'],
    ['AI literacy', {}, 'Art. 4', 'ai-literacy'],
    ['the general-purpose model duties', { gpaiModel: 'systemic-risk' }, 'Art. 55', 'gpai'],
    ['the transparency duties', { interactsWithPeople: true }, 'Art. 50(1)', 'transparency'],
    ['the Annex III high-risk duties', { annexIIIArea: 'employment' }, 'Art. 12', 'high-risk-annex-iii'],
    ['the Annex I high-risk duties', { annexISafetyComponent: true }, 'Art. 14', 'high-risk-annex-i'],
  ];

  const schedules: [string, Schedule][] = [
    ['the 2024 text', AI_ACT_2024],
    ['the text as amended by Regulation (EU) 2026/1744', AI_ACT_AMENDED_BY_2026_1744],
  ];
  describe.each(schedules)('under %s', (_name, schedule) => {
    it.each(cases)('starts %s on their date, not the day before', (_label, system, article, milestone) => {
      const from = schedule[milestone].from;
      const dayBefore = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect(applying(system, dayBefore, schedule)).not.toContain(article);
      expect(applying(system, from, schedule)).toContain(article);
    });
  });

  it('dates by the law in force when no schedule is given: Art. 113 as amended by Regulation (EU) 2026/1744', () => {
    const art12 = assess({ annexIIIArea: 'employment' }, '2026-12-05').obligations.find((o) => o.article === 'Art. 12');
    expect(art12).toMatchObject({ appliesFrom: '2027-12-02', source: 'Art. 113(c)(i) as amended by Reg. (EU) 2026/1744', applies: false });
  });

  it('uses the dates of the regulation as published', () => {
    expect(Object.fromEntries(Object.entries(AI_ACT_2024).map(([k, v]) => [k, v.from]))).toEqual({
      prohibitions: '2025-02-02',
      'ai-literacy': '2025-02-02',
      gpai: '2025-08-02',
      transparency: '2026-08-02',
      'high-risk-annex-iii': '2026-08-02',
      'high-risk-annex-i': '2027-08-02',
    });
  });

  it('on 5 December 2026 a CV-screening chatbot owes only Art. 4 and Art. 50(1) under the law in force, though the 2024 text had Art. 9-15 apply too', () => {
    const screener: SystemDescription = { annexIIIArea: 'employment', interactsWithPeople: true };
    expect(applying(screener, '2026-12-05', AI_ACT_AMENDED_BY_2026_1744)).toEqual(['Art. 4', 'Art. 50(1)']);
    expect(applying(screener, '2026-12-05', AI_ACT_2024)).toEqual(['Art. 4', 'Art. 9', 'Art. 10', 'Art. 11', 'Art. 12', 'Art. 13', 'Art. 14', 'Art. 15', 'Art. 50(1)']);
  });

  it('moves Annex III to 2 December 2027 and Annex I to 2 August 2028 as amended, and no other modelled date', () => {
    expect(applying({ annexIIIArea: 'employment' }, '2027-12-01', AI_ACT_AMENDED_BY_2026_1744)).toEqual(['Art. 4']);
    expect(applying({ annexIIIArea: 'employment' }, '2027-12-02', AI_ACT_AMENDED_BY_2026_1744)).toContain('Art. 12');
    expect(applying({ annexISafetyComponent: true }, '2028-08-01', AI_ACT_AMENDED_BY_2026_1744)).toEqual(['Art. 4']);
    expect(applying({ annexISafetyComponent: true }, '2028-08-02', AI_ACT_AMENDED_BY_2026_1744)).toContain('Art. 12');
    for (const m of ['prohibitions', 'ai-literacy', 'gpai', 'transparency'] as const) expect(AI_ACT_AMENDED_BY_2026_1744[m]).toEqual(AI_ACT_2024[m]);
  });

  it('names the article that sets each date', () => {
    const art12 = assess({ annexISafetyComponent: true }, '2027-01-01', AI_ACT_2024).obligations.find((o) => o.article === 'Art. 12');
    expect(art12).toMatchObject({ appliesFrom: '2027-08-02', source: 'Art. 113(c): Art. 6(1)', applies: false });
    const amended = assess({ annexISafetyComponent: true }, '2027-01-01', AI_ACT_AMENDED_BY_2026_1744).obligations.find((o) => o.article === 'Art. 12');
    expect(amended).toMatchObject({ appliesFrom: '2028-08-02', source: 'Art. 113(c)(ii) as amended by Reg. (EU) 2026/1744', applies: false });
  });

  it.each(['2026-13-01', '2026-02-30', '3 Dec 2026', '2026-12-3', ''])('rejects the date "%s" with a RangeError naming onDate', (day) => {
    expect(() => assess({}, day)).toThrow(new RangeError(`onDate must be a real calendar day as YYYY-MM-DD, got "${day}"`));
  });
});
