import { describe, expect, it } from 'vitest';
import { cacheable, cosine, noDigitsOrDateWords, SemanticCache, sweepThresholds, type LabelledPair, type Scope, type Vector } from './semanticCache';

const acme: Scope = { tenant: 'acme', model: 'model-2026-11', embedder: 'embed-v2', promptTemplate: 'support-v3' };
const globex: Scope = { ...acme, tenant: 'globex' };

/** A unit vector at the given cosine similarity to [1, 0]. */
const near = (similarity: number): Vector => [similarity, Math.sqrt(1 - similarity * similarity)];

function cacheAt(threshold = 0.9, ttlMs = 60_000) {
  let now = 0;
  const cache = new SemanticCache({ threshold, ttlMs, now: () => now });
  return { cache, advance: (ms: number) => (now += ms) };
}

describe('cosine', () => {
  it('is 1 for parallel vectors, 0 for orthogonal ones, and ignores length', () => {
    expect(cosine([1, 0], [3, 0])).toBe(1);
    expect(cosine([1, 0], [0, 2])).toBe(0);
    expect(cosine([1, 0], near(0.93))).toBeCloseTo(0.93, 12);
  });

  it('rejects vectors of different dimensions and an all-zero vector', () => {
    expect(() => cosine([1, 0], [1, 0, 0])).toThrow(/dimensions differ/);
    expect(() => cosine([0, 0], [1, 0])).toThrow(/all zeros/);
  });

  it('stays correct for finite components whose squares overflow or underflow', () => {
    expect(cosine([1e200, 0], [1e200, 0])).toBe(1);
    expect(cosine([1e200, 0], [1e200, 1e200])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(cosine([1e-200, 0], [1e-200, 1e-200])).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('scales by the largest absolute component, so vectors with negative components work', () => {
    expect(cosine([-1, -2], [-2, -4])).toBeCloseTo(1, 12);
  });

  it('throws on a non-finite component instead of returning NaN', () => {
    expect(() => cosine([Number.NaN, 1], [1, 0])).toThrow(/finite/);
    expect(() => cosine([1, 0], [Number.POSITIVE_INFINITY, 0])).toThrow(/finite/);
  });
});

describe('SemanticCache lookups', () => {
  it('answers the same question, modulo surrounding and repeated spaces, from the exact-match path', () => {
    const { cache } = cacheAt();
    cache.put(acme, 'How do I reset my password?', [1, 0], 'Use the login page.', ['kb-1'], 0);
    expect(cache.get(acme, '  How do I  reset my password? ', [0, 1])).toEqual({ answer: 'Use the login page.', kind: 'exact', similarity: 1 });
  });

  it('keeps case in the exact-match key, so the exact-match path never serves one case-sensitive code another code’s answer', () => {
    const { cache } = cacheAt();
    cache.put(acme, 'is coupon ABCdef valid', [1, 0], 'Yes, until Friday.', ['coupons'], 0);
    expect(cache.get(acme, 'is coupon abcDEF valid', [0, 1])).toBeUndefined();
  });

  it('still serves a letter-only code another code’s answer from the semantic path, so such codes need their own guard', () => {
    const { cache } = cacheAt(0.9);
    cache.put(acme, 'is coupon ABCdef valid', [1, 0], 'Yes, until Friday.', ['coupons'], 0);
    // A realistic embedding puts the two questions close together; the default guard sees no digit or date word.
    expect(cache.get(acme, 'is coupon abcDEF valid', near(0.99))).toMatchObject({ kind: 'semantic', answer: 'Yes, until Friday.' });
    // A guard that makes any word with a capital after its first letter (a code, or an acronym such as VAT) exact-only.
    const mixedCaseExactOnly = (q: string) => noDigitsOrDateWords(q) && !/\b\w+[A-Z]/.test(q);
    const guarded = new SemanticCache({ threshold: 0.9, ttlMs: 60_000, now: () => 0, semanticAllowed: mixedCaseExactOnly });
    guarded.put(acme, 'is coupon ABCdef valid', [1, 0], 'Yes, until Friday.', ['coupons'], 0);
    expect(guarded.get(acme, 'is coupon abcDEF valid', near(0.99))).toBeUndefined();
  });

  it('answers a paraphrase above the threshold and misses one below it', () => {
    const { cache } = cacheAt(0.9);
    cache.put(acme, 'how do I reset my password', [1, 0], 'Use the login page.', ['kb-1'], 0);
    expect(cache.get(acme, 'forgot my password, what do I do', near(0.96))).toMatchObject({ kind: 'semantic', answer: 'Use the login page.' });
    expect(cache.get(acme, 'how do I reset my router', near(0.8))).toBeUndefined();
  });

  it('returns the most similar entry when several clear the threshold', () => {
    const { cache } = cacheAt(0.9);
    cache.put(acme, 'question a', near(0.92), 'A', [], 0);
    cache.put(acme, 'question b', near(0.99), 'B', [], 0);
    expect(cache.get(acme, 'question c', [1, 0])?.answer).toBe('B');
  });

  it('serves a cosine exactly at the threshold', () => {
    const { cache } = cacheAt(0.96);
    cache.put(acme, 'how do I reset my password', [3, 4], 'Use the login page.', ['kb-1'], 0);
    expect(cache.get(acme, 'forgot my password', [4, 3])).toEqual({ answer: 'Use the login page.', kind: 'semantic', similarity: 0.96 });
  });

  it('serves a question with a number only by exact match, so order 5678 never gets the answer for order 1234', () => {
    const { cache } = cacheAt(0.9);
    cache.put(acme, 'refund status of order 1234', [1, 0], 'Refunded on 2 December.', ['orders'], 0);
    expect(cache.get(acme, 'refund status of order 5678', near(0.99))).toBeUndefined();
    expect(cache.get(acme, 'refund status of order 1234', near(0.99))?.kind).toBe('exact');
  });

  it('applies the guard to the cached question too: a question without digits never gets an order’s answer', () => {
    const { cache } = cacheAt(0.9);
    cache.put(acme, 'refund status of order 1234', [1, 0], 'Refunded on 2 December.', ['orders'], 0);
    expect(cache.get(acme, 'what is my refund status', near(0.99))).toBeUndefined();
  });

  it('applies the guard to the new question too: a question with an order number never gets a general answer', () => {
    const { cache } = cacheAt(0.9);
    cache.put(acme, 'refund status of my order', [1, 0], 'Refunds take 5 days.', ['orders'], 0);
    expect(cache.get(acme, 'refund status of order 5678', near(0.99))).toBeUndefined();
  });

  it('treats digits of any script as digits, but lets number words through', () => {
    const { cache } = cacheAt(0.9);
    cache.put(acme, 'refund status of order ١٢٣٤', [1, 0], 'Refunded on 2 December.', ['orders'], 0);
    expect(cache.get(acme, 'refund status of order ٥٦٧٨', near(0.99))).toBeUndefined();
    expect(noDigitsOrDateWords('refund status of order １２３４')).toBe(false);
    // The gap the page names: "two items" and "three items" need a guard of their own.
    expect(noDigitsOrDateWords('refund for two items')).toBe(true);
  });

  it('serves a question naming a day or a month only by exact match', () => {
    const { cache } = cacheAt(0.9);
    cache.put(acme, 'is the store open next monday', [1, 0], 'Yes, 9 to 5.', ['hours'], 0);
    cache.put(acme, 'opening hours in March', [1, 0], 'Spring hours', ['hours'], 0);
    expect(cache.get(acme, 'is the store open next Tuesday', near(0.97))).toBeUndefined();
    expect(cache.get(acme, 'opening hours in april', near(0.97))).toBeUndefined();
    expect(noDigitsOrDateWords('how do I reset my password')).toBe(true);
    expect(noDigitsOrDateWords('Is it open on Sundays?')).toBe(false);
  });

  it('catches weekdays, noon, midnight and the abbreviations that are not also common English words', () => {
    for (const q of [
      'is support open on weekdays',
      'open on a weekday',
      'closed at noon',
      'until midnight',
      'open Mon to Fri',
      'is it open Tue',
      'Thurs hours',
      'refund by end of Dec',
      'sale ends Sept',
      'prices from Jan',
      'closed in Aug.',
      'open tonight',
      'refunds since yesterday',
      'sale ends in May',
    ]) {
      expect(noDigitsOrDateWords(q), q).toBe(false);
    }
  });

  it('catches every day, month and abbreviation the guard lists', () => {
    const words =
      'monday tuesday wednesday thursday friday saturday sunday mondays mon tue tues thu thur thurs fri january february march april may june july august september october november december jan feb apr jun jul aug sep sept oct nov dec today tonight tomorrow yesterday noon midnight weekday weekdays weekend weekends';
    for (const word of words.split(' ')) expect(noDigitsOrDateWords(`open on ${word}`), word).toBe(false);
  });

  it('lets through "wed", "sat", "sun" and "mar", which are ordinary words more often than dates', () => {
    for (const q of ['why is the sun icon grey', 'the sat nav is wrong', 'can we wed in the garden', 'will it mar the finish']) {
      expect(noDigitsOrDateWords(q), q).toBe(true);
    }
  });

  it('rejects a vector whose dimension differs from its partition’s, since one embedder version cannot give two sizes: the scope is mislabelled', () => {
    const { cache } = cacheAt(0.9);
    cache.put(acme, 'how do I reset my password', [1, 0], 'Use the login page.', ['kb-1'], 0);
    expect(() => cache.get(acme, 'forgot my password', [1, 0, 0])).toThrow(/scope\.embedder "embed-v2".*3 dimensions.*2/);
    expect(() => cache.put(acme, 'forgot my password', [1, 0, 0], 'x', [], 0)).toThrow(/scope\.embedder/);
    // Another embedder version is another partition, where a new size is fine.
    expect(cache.put({ ...acme, embedder: 'embed-v3' }, 'forgot my password', [1, 0, 0], 'x', [], 0)).toBe(true);
  });

  it('checks the vector size only against live entries, and creates no partition on a lookup', () => {
    const { cache, advance } = cacheAt(0.9, 60_000);
    cache.put(acme, 'how do I reset my password', [1, 0], 'Use the login page.', ['kb-1'], 0);
    advance(60_000);
    expect(cache.put(acme, 'forgot my password', [1, 0, 0], 'x', [], 60_000)).toBe(true);
    expect(cache.get(globex, 'forgot my password', [1, 0, 0])).toBeUndefined();
    expect(cache['partitions'].size).toBe(1);
  });

  it('serves a semantic hit for vectors with huge components instead of a NaN similarity', () => {
    const { cache } = cacheAt(0.9);
    cache.put(acme, 'how do I reset my password', [1e200, 0], 'Use the login page.', ['kb-1'], 0);
    expect(cache.get(acme, 'forgot my password', [1e200, 1e199])).toMatchObject({ kind: 'semantic', answer: 'Use the login page.' });
    expect(() => cache.put(acme, 'tiny', [1e-200, 0], 'a', [], 0)).not.toThrow();
  });

  it('accepts a custom guard that allows semantic matches for every question', () => {
    const cache = new SemanticCache({ threshold: 0.9, ttlMs: 1000, now: () => 0, semanticAllowed: () => true });
    cache.put(acme, 'price in 2025', [1, 0], 'old price', [], 0);
    // The risk the default guard exists for: a date change served the stale answer.
    expect(cache.get(acme, 'price in 2026', near(0.96))?.answer).toBe('old price');
  });
});

describe('questions relative to now', () => {
  it('finds the words whose answer depends on the day asked, and only those', () => {
    for (const q of [
      'is the store open today',
      'open tonight',
      'open tomorrow',
      'refunds since yesterday',
      'what is open now',
      'deals this week',
      'open next weekend',
      'prices next month',
      'sales last year',
    ]) {
      expect(cacheable(q), q).toBe(false);
    }
    for (const q of ['how do I reset my password', 'do you know my order', 'is there snow', 'opening hours', 'the weekly newsletter']) {
      expect(cacheable(q), q).toBe(true);
    }
  });

  it('never stores them, so "open today" asked at 23:00 is not answered from the cache at 01:00', () => {
    const hour = 3_600_000;
    const { cache, advance } = cacheAt(0.9, 4 * hour);
    advance(23 * hour);
    expect(cache.put(acme, 'is the store open today', [1, 0], 'Yes, until midnight.', ['hours'], 23 * hour)).toBe(false);
    advance(2 * hour);
    expect(cache.get(acme, 'is the store open today', [1, 0])).toBeUndefined();
  });

  it('never serves them a cached undated answer, which may not hold on the day asked', () => {
    const { cache } = cacheAt(0.9);
    cache.put(acme, 'is the store open', [1, 0], 'Yes, 9 to 5.', ['hours'], 0);
    expect(cache.get(acme, 'is the store open now', near(0.99))).toBeUndefined();
  });
});

describe('isolation and freshness', () => {
  it("never serves one tenant's answer to another tenant, even for the identical question", () => {
    const { cache } = cacheAt();
    cache.put(acme, 'what is my plan', [1, 0], 'Acme: Enterprise plan', [], 0);
    expect(cache.get(globex, 'what is my plan', [1, 0])).toBeUndefined();
  });

  it("never serves one user's answer to another user of the same tenant, or to a tenant-wide lookup", () => {
    const { cache } = cacheAt();
    const alice: Scope = { ...acme, user: 'alice' };
    cache.put(alice, 'what is my balance', [1, 0], '£120', ['accounts'], 0);
    expect(cache.get({ ...acme, user: 'bob' }, 'what is my balance', [1, 0])).toBeUndefined();
    expect(cache.get(acme, 'what is my balance', [1, 0])).toBeUndefined();
    expect(cache.get(alice, 'what is my balance', [1, 0])?.answer).toBe('£120');
  });

  it('misses after the model, the embedder or the prompt template changes, because all three version the key', () => {
    const { cache } = cacheAt();
    cache.put(acme, 'what is my plan', [1, 0], 'Enterprise', [], 0);
    expect(cache.get({ ...acme, model: 'model-2026-12' }, 'what is my plan', [1, 0])).toBeUndefined();
    expect(cache.get({ ...acme, embedder: 'embed-v3' }, 'what is my plan', [1, 0])).toBeUndefined();
    expect(cache.get({ ...acme, promptTemplate: 'support-v4' }, 'what is my plan', [1, 0])).toBeUndefined();
  });

  it('expires an entry once its TTL has passed on the injected clock', () => {
    const { cache, advance } = cacheAt(0.9, 60_000);
    cache.put(acme, 'opening hours', [1, 0], '9 to 5', [], 0);
    advance(59_999);
    expect(cache.get(acme, 'opening hours', [1, 0])?.answer).toBe('9 to 5');
    advance(1);
    expect(cache.get(acme, 'opening hours', [1, 0])).toBeUndefined();
  });

  it('runs the TTL from the time the sources were read, not from the write', () => {
    const { cache, advance } = cacheAt(0.9, 60_000);
    advance(50_000); // a slow model call: the sources were read at 0
    expect(cache.put(acme, 'opening hours', [1, 0], '9 to 5', ['hours'], 0)).toBe(true);
    advance(9_999);
    expect(cache.get(acme, 'opening hours', [1, 0])?.answer).toBe('9 to 5');
    advance(1);
    expect(cache.get(acme, 'opening hours', [1, 0])).toBeUndefined();
    // Sources read a full TTL ago: nothing to store.
    expect(cache.put(acme, 'opening hours', [1, 0], '9 to 5', ['hours'], 0)).toBe(false);
  });

  it('drops every entry built from a changed source document, across tenants, and keeps the rest', () => {
    const { cache } = cacheAt();
    cache.put(acme, 'refund window', [1, 0], '30 days', ['policy-refunds', 'faq'], 0);
    cache.put(globex, 'refund window', [1, 0], '30 days', ['policy-refunds'], 0);
    cache.put(acme, 'opening hours', [0, 1], '9 to 5', ['faq-hours'], 0);
    expect(cache.invalidateSource('policy-refunds')).toBe(2);
    expect(cache.get(acme, 'refund window', [1, 0])).toBeUndefined();
    expect(cache.get(acme, 'opening hours', [0, 1])?.answer).toBe('9 to 5');
  });

  it('counts only live entries when a source changes', () => {
    const { cache, advance } = cacheAt(0.9, 60_000);
    cache.put(acme, 'refund window', [1, 0], '30 days', ['policy-refunds'], 0);
    advance(60_000);
    expect(cache.invalidateSource('policy-refunds')).toBe(0);
  });

  it('refuses an answer whose sources were read before they changed, even if it arrives after the invalidation', () => {
    const { cache, advance } = cacheAt();
    const readAt = 0; // retrieval reads policy-refunds, then the model call takes a while
    advance(500);
    cache.invalidateSource('policy-refunds'); // the policy is edited during the call
    advance(1500);
    expect(cache.put(acme, 'refund window', [1, 0], '30 days', ['policy-refunds'], readAt)).toBe(false);
    expect(cache.get(acme, 'refund window', [1, 0])).toBeUndefined();
  });

  it('refuses an answer whose sources were read in the same tick as the change, since the order is unknown', () => {
    const { cache, advance } = cacheAt();
    advance(100);
    cache.invalidateSource('policy-refunds');
    expect(cache.put(acme, 'refund window', [1, 0], '30 days', ['policy-refunds'], 100)).toBe(false);
  });

  it('stores an answer built from the changed source once it was read after the change', () => {
    const { cache, advance } = cacheAt();
    cache.invalidateSource('policy-refunds');
    advance(1);
    expect(cache.put(acme, 'refund window', [1, 0], '14 days', ['policy-refunds'], 1)).toBe(true);
    expect(cache.get(acme, 'refund window', [1, 0])?.answer).toBe('14 days');
  });
});

describe('bad input', () => {
  it('rejects a threshold outside (0, 1] and a non-positive TTL, naming the option', () => {
    expect(() => new SemanticCache({ threshold: 0, ttlMs: 1, now: () => 0 })).toThrow(/threshold/);
    expect(() => new SemanticCache({ threshold: 1.1, ttlMs: 1, now: () => 0 })).toThrow(RangeError);
    expect(() => new SemanticCache({ threshold: 0.9, ttlMs: 0, now: () => 0 })).toThrow(/ttlMs/);
    expect(() => new SemanticCache({ threshold: 1, ttlMs: 1, now: () => 0 })).not.toThrow();
  });

  it('rejects a clock that returns a non-finite time, which would make entries immortal', () => {
    const cache = new SemanticCache({ threshold: 0.9, ttlMs: 1000, now: () => Number.NaN });
    expect(() => cache.put(acme, 'q', [1, 0], 'a', [], 0)).toThrow(/now\(\)/);
    expect(() => cache.get(acme, 'q', [1, 0])).toThrow(/now\(\)/);
    expect(() => cache.invalidateSource('kb-1')).toThrow(RangeError);
  });

  it('rejects an empty tenant with a TypeError naming scope.tenant', () => {
    const { cache } = cacheAt();
    expect(() => cache.get({ ...acme, tenant: '' }, 'q', [1, 0])).toThrow(TypeError);
    expect(() => cache.put({ ...acme, tenant: '' }, 'q', [1, 0], 'a', [], 0)).toThrow(/scope\.tenant/);
    expect(() => cache.get({ ...acme, embedder: '' }, 'q', [1, 0])).toThrow(/scope\.embedder/);
    expect(() => cache.put({ ...acme, user: '' }, 'q', [1, 0], 'a', [], 0)).toThrow(/scope\.user/);
  });

  it('rejects a zero vector when storing', () => {
    const { cache } = cacheAt();
    expect(() => cache.put(acme, 'q', [0, 0], 'a', [], 0)).toThrow(/all zeros/);
  });

  it('rejects a vector with a non-finite component when storing or looking up', () => {
    const { cache } = cacheAt();
    expect(() => cache.put(acme, 'q', [Number.NaN, 1], 'a', [], 0)).toThrow(/finite/);
    expect(() => cache.get(acme, 'q', [Number.POSITIVE_INFINITY, 1])).toThrow(/finite/);
  });

  it('requires the time the sources were read, so the stale-answer check cannot be skipped by omission', () => {
    const { cache } = cacheAt();
    // @ts-expect-error readAt is a required argument
    expect(() => cache.put(acme, 'refund window', [1, 0], '30 days', ['policy-refunds'])).toThrow(/readAt/);
    expect(() => cache.put(acme, 'refund window', [1, 0], '30 days', ['policy-refunds'], Number.NaN)).toThrow(/readAt/);
  });

  it('rejects a read time in the future, which would pass the changed-source check', () => {
    const { cache } = cacheAt();
    cache.invalidateSource('policy-refunds');
    expect(() => cache.put(acme, 'refund window', [1, 0], '30 days', ['policy-refunds'], 1)).toThrow(RangeError);
  });
});

describe('sweepThresholds', () => {
  const base: Vector = [1, 0];
  const pairs: LabelledPair[] = [
    { a: { text: 'reset my password', vector: base }, b: { text: 'forgot my password', vector: near(0.96) }, sameAnswer: true },
    { a: { text: 'opening hours', vector: base }, b: { text: 'when do you open', vector: near(0.88) }, sameAnswer: true },
    { a: { text: 'cancel my order', vector: base }, b: { text: 'cancel my subscription', vector: near(0.93) }, sameAnswer: false },
    { a: { text: 'refund order 1234', vector: base }, b: { text: 'refund order 5678', vector: near(0.985) }, sameAnswer: false },
  ];

  it('counts the share of same-answer pairs served and the share of served pairs that are wrong', () => {
    expect(sweepThresholds(pairs, [0.85, 0.95])).toEqual([
      { threshold: 0.85, hitRate: 1, falseHitRate: 1 / 3 }, // serves both paraphrases and "cancel my order"
      { threshold: 0.95, hitRate: 0.5, falseHitRate: 0 },
    ]);
  });

  it('shows that without the number guard even a 0.98 threshold serves the wrong refund', () => {
    expect(sweepThresholds(pairs, [0.98], () => true)).toEqual([{ threshold: 0.98, hitRate: 0, falseHitRate: 1 }]);
  });

  it('reports zeros, not NaN, when nothing is served or nothing is labelled same-answer', () => {
    expect(sweepThresholds(pairs, [0.999])).toEqual([{ threshold: 0.999, hitRate: 0, falseHitRate: 0 }]);
    expect(sweepThresholds([], [0.9])).toEqual([{ threshold: 0.9, hitRate: 0, falseHitRate: 0 }]);
  });

  it('serves a pair with the same normalised text, as the exact-match layer does, whatever its digits or similarity', () => {
    const same: LabelledPair = { a: { text: 'refund order 1234', vector: base }, b: { text: ' refund order  1234', vector: near(0.5) }, sameAnswer: true };
    expect(sweepThresholds([same], [0.99])).toEqual([{ threshold: 0.99, hitRate: 1, falseHitRate: 0 }]);
  });

  it('applies the guard to both questions of a pair', () => {
    const general = { text: 'where is my refund', vector: base };
    const order = { text: 'refund order 5678', vector: near(0.99) };
    expect(sweepThresholds([{ a: general, b: order, sameAnswer: false }], [0.9])).toEqual([{ threshold: 0.9, hitRate: 0, falseHitRate: 0 }]);
    expect(sweepThresholds([{ a: order, b: general, sameAnswer: false }], [0.9])).toEqual([{ threshold: 0.9, hitRate: 0, falseHitRate: 0 }]);
  });

  it('serves a pair whose cosine equals the threshold', () => {
    const atThreshold: LabelledPair = { a: { text: 'reset my password', vector: [3, 4] }, b: { text: 'forgot my password', vector: [4, 3] }, sameAnswer: true };
    expect(sweepThresholds([atThreshold], [0.96])).toEqual([{ threshold: 0.96, hitRate: 1, falseHitRate: 0 }]);
  });

  it('never serves a question relative to now, even to the identical question', () => {
    const today = { text: 'is the store open now', vector: base };
    expect(sweepThresholds([{ a: today, b: today, sameAnswer: false }], [0.9])).toEqual([{ threshold: 0.9, hitRate: 0, falseHitRate: 0 }]);
  });

  it('rejects a threshold outside (0, 1]', () => {
    expect(() => sweepThresholds(pairs, [0])).toThrow(/threshold/);
    expect(() => sweepThresholds(pairs, [Number.NaN])).toThrow(/threshold/);
    expect(sweepThresholds([], [1])).toEqual([{ threshold: 1, hitRate: 0, falseHitRate: 0 }]);
  });
});
