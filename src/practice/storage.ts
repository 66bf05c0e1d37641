/**
 * Practice progress in localStorage and in export files.
 *
 * The key carries the format version. Data of an older version is migrated;
 * data that cannot be read is never thrown away silently and never breaks
 * the page: it is moved aside under another key and the reader is told.
 * Imported files are validated in full before anything changes.
 */
import * as z from 'zod';
import { GRADES, type Progress } from './schedule';

export const STORAGE_VERSION = 2;
export const STORAGE_KEY = `ai-architecture-handbook:practice:v${STORAGE_VERSION}`;
/** Version 1 kept only the last grade of each card. */
export const STORAGE_KEY_V1 = 'ai-architecture-handbook:practice:v1';
export const SET_ASIDE_PREFIX = `${STORAGE_KEY}:set-aside:`;
export const EXPORT_FORMAT = 'ai-architecture-handbook-practice';
/** An export of every card is a few kB; anything far larger is not ours. */
export const MAX_IMPORT_BYTES = 1_000_000;

/** The part of the Web Storage API this module uses (a Map-backed fake in tests). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const cardId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,119}$/, 'card ids are lowercase letters, digits and dashes, like "arch-07"');
const grade = z.enum(GRADES, { error: `must be one of ${GRADES.join(', ')}` });
const isoDate = z.iso.datetime({ error: 'must be a date and time such as 2025-01-31T09:00:00.000Z' });

const cardProgressSchema = z.strictObject({
  grade,
  reviews: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100_000, 'is implausibly large'),
  lastReviewed: isoDate,
});

const progressV2Schema = z.record(cardId, cardProgressSchema);
const storedV2Schema = z.strictObject({ version: z.literal(2), progress: progressV2Schema });
const storedV1Schema = z.strictObject({ version: z.literal(1), grades: z.record(cardId, grade) });

const exportSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT, { error: `must be "${EXPORT_FORMAT}"` }),
  version: z.literal(STORAGE_VERSION),
  exportedAt: isoDate,
  progress: progressV2Schema,
});

export interface StorageNotice {
  kind: 'migrated' | 'set-aside' | 'unavailable';
  message: string;
}

export interface LoadResult {
  progress: Progress;
  notice?: StorageNotice;
}

/** Version 1 knew no review counts or dates: each card counts as graded once, at migration time. */
export function migrateV1(grades: Record<string, (typeof GRADES)[number]>, now: Date): Progress {
  const progress: Record<string, { grade: (typeof GRADES)[number]; reviews: number; lastReviewed: string }> = {};
  for (const [id, g] of Object.entries(grades)) progress[id] = { grade: g, reviews: 1, lastReviewed: now.toISOString() };
  return progress;
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function setAside(store: KeyValueStore, key: string, raw: string, now: Date): StorageNotice {
  const asideKey = `${SET_ASIDE_PREFIX}${now.toISOString()}`;
  store.setItem(asideKey, raw);
  store.removeItem(key);
  return {
    kind: 'set-aside',
    message: `Your saved practice progress could not be read, so the deck starts fresh. The old data was kept in this browser's storage under "${asideKey}".`,
  };
}

/** Read progress, migrating or setting aside what needs it. Never throws. */
export function loadProgress(store: KeyValueStore, now: Date): LoadResult {
  try {
    const raw = store.getItem(STORAGE_KEY);
    if (raw !== null) {
      const parsed = storedV2Schema.safeParse(parseJson(raw));
      if (parsed.success) return { progress: parsed.data.progress };
      return { progress: {}, notice: setAside(store, STORAGE_KEY, raw, now) };
    }
    const rawV1 = store.getItem(STORAGE_KEY_V1);
    if (rawV1 === null) return { progress: {} };
    const parsedV1 = storedV1Schema.safeParse(parseJson(rawV1));
    if (!parsedV1.success) return { progress: {}, notice: setAside(store, STORAGE_KEY_V1, rawV1, now) };
    const progress = migrateV1(parsedV1.data.grades, now);
    store.setItem(STORAGE_KEY, serialize(progress));
    store.removeItem(STORAGE_KEY_V1);
    const n = Object.keys(progress).length;
    return { progress, notice: { kind: 'migrated', message: `Your progress on ${n} card${n === 1 ? '' : 's'} was carried over from an older version of this page.` } };
  } catch {
    return {
      progress: {},
      notice: { kind: 'unavailable', message: 'This browser does not let the page save data, so progress lasts only until you leave. Export it to keep it.' },
    };
  }
}

function serialize(progress: Progress): string {
  return JSON.stringify({ version: STORAGE_VERSION, progress });
}

/** Save progress; returns an error message when the browser refuses (storage full or disabled). */
export function saveProgress(store: KeyValueStore, progress: Progress): string | undefined {
  try {
    store.setItem(STORAGE_KEY, serialize(progress));
    return undefined;
  } catch {
    return 'Progress could not be saved in this browser (storage is full or disabled). Export it to keep it.';
  }
}

export function exportProgress(progress: Progress, now: Date): string {
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: STORAGE_VERSION, exportedAt: now.toISOString(), progress }, null, 2)}\n`;
}

export type ImportResult = { ok: true; progress: Progress; cards: number } | { ok: false; message: string };

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'the file';
  if (issue.code === 'unrecognized_keys') return `${where} has unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${where} is missing`;
  if (issue.code === 'invalid_key') return `${where}: ${issue.issues[0]?.message ?? 'is not a valid card id'}`;
  return `${where} ${issue.message}`;
}

/**
 * Validate an export file. On any problem the result says what and where,
 * and the caller changes nothing.
 */
export function parseImport(text: string, now: Date): ImportResult {
  if (text.length > MAX_IMPORT_BYTES) return { ok: false, message: 'The file is too large to be a practice-progress export (over 1 MB). Nothing was changed.' };
  const data = parseJson(text);
  if (data === undefined) return { ok: false, message: 'The file is not valid JSON. Choose a file exported from this page. Nothing was changed.' };
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== EXPORT_FORMAT) {
    return { ok: false, message: `This is not a practice-progress export of this handbook (its "format" should be "${EXPORT_FORMAT}"). Nothing was changed.` };
  }
  const version = (data as { version?: unknown }).version;
  if (version !== STORAGE_VERSION) {
    return { ok: false, message: `The file has version ${JSON.stringify(version)}; this page reads version ${STORAGE_VERSION}. Nothing was changed.` };
  }
  const parsed = exportSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map(describeIssue);
    const more = parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : '';
    return { ok: false, message: `The file was rejected: ${issues.join('; ')}${more}. Nothing was changed.` };
  }
  const future = Object.entries(parsed.data.progress).find(([, p]) => Date.parse(p.lastReviewed) > now.getTime() + 24 * 3600 * 1000);
  if (future) {
    return { ok: false, message: `The file was rejected: progress.${future[0]}.lastReviewed is in the future (${future[1].lastReviewed}). Nothing was changed.` };
  }
  return { ok: true, progress: parsed.data.progress, cards: Object.keys(parsed.data.progress).length };
}
