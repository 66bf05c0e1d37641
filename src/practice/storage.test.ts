import { describe, expect, it } from 'vitest';
import { gradeCard, type Progress } from './schedule';
import { exportProgress, loadProgress, parseImport, saveProgress, SET_ASIDE_PREFIX, STORAGE_KEY, STORAGE_KEY_V1, type KeyValueStore } from './storage';

const now = new Date('2025-03-01T10:00:00.000Z');

function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const progress: Progress = gradeCard(gradeCard({}, 'arch-07', 'again', now), 'quick-hit-what-is-a-model-registry', 'know', now);

describe('saved progress', () => {
  it('is read back as it was saved, under a key that names its version', () => {
    const store = memoryStore();
    expect(saveProgress(store, progress)).toBeUndefined();
    expect(STORAGE_KEY).toMatch(/:v2$/);
    expect(loadProgress(store, now)).toEqual({ progress });
  });

  it('starts empty, without a notice, on a first visit', () => {
    expect(loadProgress(memoryStore(), now)).toEqual({ progress: {} });
  });

  it('from version 1 is migrated, saved as version 2, and the reader is told', () => {
    const store = memoryStore({ [STORAGE_KEY_V1]: JSON.stringify({ version: 1, grades: { 'arch-07': 'dont-know', 'interview-03': 'know' } }) });
    const result = loadProgress(store, now);
    expect(result.progress).toEqual({
      'arch-07': { grade: 'dont-know', reviews: 1, lastReviewed: now.toISOString() },
      'interview-03': { grade: 'know', reviews: 1, lastReviewed: now.toISOString() },
    });
    expect(result.notice).toMatchObject({ kind: 'migrated' });
    expect(result.notice!.message).toContain('2 cards');
    expect(store.data.has(STORAGE_KEY_V1)).toBe(false);
    expect(loadProgress(store, now)).toEqual({ progress: result.progress });
  });

  it.each([
    ['not JSON', '{"version":2,"progress":'],
    ['the wrong shape', JSON.stringify({ version: 2, progress: { 'arch-07': { grade: 'maybe', reviews: 1, lastReviewed: now.toISOString() } } })],
    ['an unknown version', JSON.stringify({ version: 3, progress: {} })],
    ['a bare value', 'null'],
  ])('that is %s is set aside with a notice, and the deck starts fresh', (_, raw) => {
    const store = memoryStore({ [STORAGE_KEY]: raw });
    const result = loadProgress(store, now);
    expect(result.progress).toEqual({});
    expect(result.notice?.kind).toBe('set-aside');
    const asideKey = `${SET_ASIDE_PREFIX}${now.toISOString()}`;
    expect(result.notice!.message).toContain(asideKey);
    expect(store.data.get(asideKey)).toBe(raw);
    expect(store.data.has(STORAGE_KEY)).toBe(false);
  });

  it('never throws when the browser refuses storage', () => {
    const refusing: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(loadProgress(refusing, now)).toMatchObject({ progress: {}, notice: { kind: 'unavailable' } });
    expect(saveProgress(refusing, progress)).toMatch(/could not be saved/);
  });
});

describe('export and import', () => {
  it('round-trips progress through a file', () => {
    const file = exportProgress(progress, now);
    expect(JSON.parse(file)).toMatchObject({ format: 'ai-architecture-handbook-practice', version: 2, exportedAt: now.toISOString() });
    expect(parseImport(file, now)).toEqual({ ok: true, progress, cards: 2 });
  });

  const exported = (): Record<string, unknown> => JSON.parse(exportProgress(progress, now)) as Record<string, unknown>;
  const rejected = (text: string): string => {
    const result = parseImport(text, now);
    if (result.ok) throw new Error('expected the import to be rejected');
    expect(result.message).toContain('Nothing was changed');
    return result.message;
  };

  it('rejects a file that is not JSON', () => {
    expect(rejected('progress: lots')).toMatch(/not valid JSON/);
  });

  it('rejects JSON that is not an export of this handbook', () => {
    expect(rejected(JSON.stringify({ cards: [] }))).toMatch(/not a practice-progress export/);
  });

  it('rejects a version it cannot read, naming both versions', () => {
    expect(rejected(JSON.stringify({ ...exported(), version: 9 }))).toMatch(/version 9; this page reads version 2/);
  });

  it('names the field of a tampered entry', () => {
    const file = exported();
    (file.progress as Record<string, Record<string, unknown>>)['arch-07']!.grade = 'mastered';
    expect(rejected(JSON.stringify(file))).toMatch(/progress\.arch-07\.grade must be one of know, again, dont-know/);
  });

  it('rejects negative review counts, bad dates, bad ids and unknown fields', () => {
    const withEntry = (id: string, entry: Record<string, unknown>): string => JSON.stringify({ ...exported(), progress: { [id]: entry } });
    expect(rejected(withEntry('arch-07', { grade: 'know', reviews: -3, lastReviewed: now.toISOString() }))).toMatch(/progress\.arch-07\.reviews must be at least 1/);
    expect(rejected(withEntry('arch-07', { grade: 'know', reviews: 1, lastReviewed: 'yesterday' }))).toMatch(/progress\.arch-07\.lastReviewed must be a date/);
    expect(rejected(withEntry('<script>', { grade: 'know', reviews: 1, lastReviewed: now.toISOString() }))).toMatch(/card ids are lowercase/);
    expect(rejected(withEntry('arch-07', { grade: 'know', reviews: 1, lastReviewed: now.toISOString(), admin: true }))).toMatch(/unknown field\(s\) "admin"/);
    expect(rejected(JSON.stringify({ ...exported(), progress: undefined }))).toMatch(/progress is missing/);
  });

  it('rejects progress dated in the future', () => {
    const file = exported();
    (file.progress as Record<string, Record<string, unknown>>)['arch-07']!.lastReviewed = '2030-01-01T00:00:00.000Z';
    expect(rejected(JSON.stringify(file))).toMatch(/progress\.arch-07\.lastReviewed is in the future/);
  });

  it('rejects a file far larger than any export', () => {
    expect(rejected(' '.repeat(1_000_001))).toMatch(/too large/);
  });
});
