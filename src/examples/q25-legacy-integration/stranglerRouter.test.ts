import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  bucketOf,
  canonicalCustomerId,
  StranglerRouter,
  translate,
  TranslationError,
  type CallContext,
  type Comparison,
  type Decision,
  type LegacyRecord,
  type RouterOptions,
} from './stranglerRouter';

const legacyApproves = async (): Promise<Decision> => ({ approve: true, score: 0.61 });

const record = (custNo: string, overrides: Partial<LegacyRecord> = {}): LegacyRecord => ({
  CUST_NO: custNo,
  ACCT_TYP: 'S',
  BAL_CENTS: '-0001250',
  OPEN_DT: '19990315',
  RISK_CD: ' ',
  ...overrides,
});

const ids = Array.from({ length: 10_000 }, (_, i) => String(i + 1).padStart(10, '0'));

describe('anti-corruption layer', () => {
  it('translates legacy codes, padding and encodings into the domain model', () => {
    expect(translate(record('0000012345'))).toEqual({
      customerId: '12345',
      accountType: 'savings',
      balanceCents: -1250,
      openedOn: '1999-03-15',
      riskBand: null,
    });
    expect(translate(record('0000000007', { ACCT_TYP: 'L', OPEN_DT: '00000000', RISK_CD: 'C', BAL_CENTS: '+0000000' }))).toMatchObject({
      accountType: 'loan',
      openedOn: null,
      riskBand: 'C',
      balanceCents: 0,
    });
  });

  it('refuses codes and values it does not understand instead of guessing', () => {
    expect(() => translate(record('1', { ACCT_TYP: 'X' }))).toThrow(/ACCT_TYP "X"/);
    expect(() => translate(record('1', { OPEN_DT: '20230230' }))).toThrow(TranslationError);
    expect(() => translate(record('1', { BAL_CENTS: '12.50' }))).toThrow(/BAL_CENTS/);
    expect(() => translate(record('1', { RISK_CD: 'Z' }))).toThrow(/RISK_CD/);
    expect(() => translate(record('ABC'))).toThrow(/CUST_NO/);
  });

  it('trims padded fields before reading them, and reads "-0000000" as 0, not -0', () => {
    expect(translate(record('1', { ACCT_TYP: 'S ', BAL_CENTS: ' 0000100', OPEN_DT: '20150601 ' }))).toMatchObject({
      accountType: 'savings',
      balanceCents: 100,
      openedOn: '2015-06-01',
    });
    expect(translate(record('1', { BAL_CENTS: '-0000000' })).balanceCents).toBe(0); // toBe tells -0 from 0
  });

  it.each(['constructor', 'toString', '__proto__', 'valueOf'])('refuses the inherited object key "%s" as an account type', (code) => {
    expect(() => translate(record('1', { ACCT_TYP: code }))).toThrow(new TranslationError(`ACCT_TYP "${code}" is not a known account type`));
  });

  it('refuses a balance beyond 2^53 - 1 cents instead of silently rounding it', () => {
    expect(translate(record('1', { BAL_CENTS: '9007199254740991' })).balanceCents).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => translate(record('1', { BAL_CENTS: '12345678901234567' }))).toThrow(/BAL_CENTS "12345678901234567" is beyond/);
    expect(() => translate(record('1', { BAL_CENTS: '-9007199254740993' }))).toThrow(TranslationError);
  });

  it('gives one canonical id for a customer however the legacy id is padded', () => {
    expect(canonicalCustomerId('0000012345')).toBe('12345');
    expect(canonicalCustomerId(' 12345 ')).toBe('12345');
    expect(canonicalCustomerId('0000000000')).toBe('0');
  });
});

describe('deterministic rollout by hashing', () => {
  it('puts every id in one of 10,000 buckets, always the same one', () => {
    for (const id of ids.slice(0, 100)) {
      const bucket = bucketOf('score', id);
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(10_000);
      expect(bucketOf('score', id)).toBe(bucket);
    }
  });

  it('sends about 10 % of 10,000 customers to the new path at a 10 % rollout', () => {
    const share = ids.filter((id) => bucketOf('score', id) < 1000).length / ids.length;
    expect(share).toBeGreaterThan(0.09);
    expect(share).toBeLessThan(0.11);
  });

  it('puts bucket 1,000 on legacy at a 10 % rollout and on the new path at 10.01 %', async () => {
    expect(bucketOf('score', '5938')).toBe(1000);
    const { router } = setup(10);
    expect((await router.handle('score', record('0000005938'))).servedBy).toBe('legacy');
    router.setRollout('score', 10.01);
    expect((await router.handle('score', record('0000005938'))).servedBy).toBe('new');
  });

  it('salts by route, so different routes pick different customers first', () => {
    const first = ids.filter((id) => bucketOf('score', id) < 1000);
    const other = new Set(ids.filter((id) => bucketOf('limits', id) < 1000));
    const overlap = first.filter((id) => other.has(id)).length / first.length;
    expect(overlap).toBeLessThan(0.2); // independent samples overlap by about 10 %
  });
});

type CandidateBehaviour = 'answers' | 'fails' | 'hangs';

function setup(rolloutPercent: number, shadowPercent = 0, behaviour: CandidateBehaviour = 'answers', options?: RouterOptions) {
  const comparisons: Comparison[] = [];
  const candidateCalls: CallContext[] = [];
  const legacy = async (): Promise<Decision> => ({ approve: true, score: 0.61 });
  const candidate = async (_route: string, applicant: { balanceCents: number }, context: CallContext): Promise<Decision> => {
    candidateCalls.push(context);
    if (behaviour === 'fails') throw new Error('ml service unavailable');
    if (behaviour === 'hangs') return new Promise(() => {}); // never settles, like a stuck connection
    return { approve: applicant.balanceCents >= 0, score: 0.58 };
  };
  const router = new StranglerRouter(
    { score: { rolloutPercent, shadowPercent } },
    legacy,
    candidate,
    (a, b) => a.approve === b.approve,
    (c) => comparisons.push(c),
    options,
  );
  return { router, comparisons, candidateCalls };
}

describe('StranglerRouter', () => {
  afterEach(() => vi.useRealTimers());

  it('serves 0 % and 100 % rollouts entirely from one side', async () => {
    const none = setup(0).router;
    const all = setup(100).router;
    for (const id of ids.slice(0, 50)) {
      expect((await none.handle('score', record(id))).servedBy).toBe('legacy');
      expect((await all.handle('score', record(id))).servedBy).toBe('new');
    }
  });

  it('never moves a customer back to legacy when the rollout grows from 10 % to 30 %', async () => {
    const { router } = setup(10);
    const before = new Map<string, string>();
    for (const id of ids.slice(0, 2000)) before.set(id, (await router.handle('score', record(id))).servedBy);
    router.setRollout('score', 30);
    let onNew = 0;
    for (const id of ids.slice(0, 2000)) {
      const now = (await router.handle('score', record(id))).servedBy;
      if (before.get(id) === 'new') expect(now).toBe('new');
      if (now === 'new') onNew++;
    }
    expect(onNew / 2000).toBeGreaterThan(0.27);
    expect(onNew / 2000).toBeLessThan(0.33);
    expect(() => router.setRollout('score', 101)).toThrow(RangeError);
  });

  it('puts a customer on the same path whether the id arrives padded or not, by hashing the canonical id', async () => {
    const { router } = setup(50, 50);
    for (let n = 1; n <= 500; n++) {
      const padded = await router.handle('score', record(String(n).padStart(10, '0')));
      const bare = await router.handle('score', record(String(n)));
      expect(bare.servedBy).toBe(padded.servedBy);
    }
    const { router: shadowing, comparisons } = setup(0, 50);
    for (let n = 1; n <= 500; n++) {
      await shadowing.handle('score', record(String(n).padStart(10, '0')));
      await shadowing.handle('score', record(String(n)));
    }
    await shadowing.settled();
    const shadowedTimes = new Map<string, number>();
    for (const c of comparisons) shadowedTimes.set(c.customerId, (shadowedTimes.get(c.customerId) ?? 0) + 1);
    expect(shadowedTimes.size).toBeGreaterThan(200);
    expect([...shadowedTimes.values()].every((times) => times === 2)).toBe(true); // both spellings shadowed, or neither
  });

  it('keeps unknown routes on the legacy path', async () => {
    const { router } = setup(100);
    expect((await router.handle('statements', record('42'))).servedBy).toBe('legacy');
  });

  it('falls back to legacy when the new path fails live', async () => {
    const { router } = setup(100, 0, 'fails');
    expect(await router.handle('score', record('42'))).toEqual({ decision: { approve: true, score: 0.61 }, servedBy: 'legacy-fallback' });
  });

  it('falls back to legacy when the new path does not answer within the live timeout, and cancels the call', async () => {
    vi.useFakeTimers();
    const { router, candidateCalls } = setup(100, 0, 'hangs', { liveTimeoutMs: 250 });
    const answer = router.handle('score', record('42'));
    await vi.advanceTimersByTimeAsync(250);
    expect(await answer).toEqual({ decision: { approve: true, score: 0.61 }, servedBy: 'legacy-fallback' });
    expect(candidateCalls[0]!.signal.aborted).toBe(true);
    expect(router.stats.get('score')?.liveFallbacks).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('clears the live timer when the new path answers in time', async () => {
    vi.useFakeTimers();
    const { router } = setup(100);
    expect((await router.handle('score', record('42'))).servedBy).toBe('new');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('counts a live translation failure, so the translation failure rate can be measured, and serves legacy', async () => {
    const { router, candidateCalls } = setup(100);
    expect((await router.handle('score', record('42', { ACCT_TYP: 'M' }))).servedBy).toBe('legacy-fallback');
    await router.handle('score', record('43'));
    expect(router.stats.get('score')).toMatchObject({ translated: 1, translationFailures: 1, liveFallbacks: 1 });
    expect(candidateCalls).toHaveLength(1); // an untranslatable record never reaches the new path
  });

  it('counts translation failures on legacy-served records outside the shadow sample, so the rate covers every customer', async () => {
    const { router, candidateCalls } = setup(0, 0);
    expect((await router.handle('score', record('42', { ACCT_TYP: 'M' }))).servedBy).toBe('legacy');
    expect(router.stats.get('score')).toEqual({ translated: 0, translationFailures: 1, liveFallbacks: 0, shadowsDropped: 0 });
    expect(candidateCalls).toHaveLength(0);
  });

  it('keeps translation failures per route, so each route can be held to 0 before it goes live', async () => {
    const { router } = setup(100);
    router.setRollout('limits', 100);
    await router.handle('score', record('42', { ACCT_TYP: 'M' }));
    await router.handle('limits', record('43'));
    await router.handle('limits', record('44'));
    expect(router.stats.get('score')).toEqual({ translated: 0, translationFailures: 1, liveFallbacks: 1, shadowsDropped: 0 });
    expect(router.stats.get('limits')).toEqual({ translated: 2, translationFailures: 0, liveFallbacks: 0, shadowsDropped: 0 });
    expect([...router.stats.keys()]).toEqual(['score', 'limits']);
  });

  it('uses the default for an option passed as undefined: a 250 ms live timeout', async () => {
    vi.useFakeTimers();
    const { router } = setup(100, 0, 'hangs', { liveTimeoutMs: undefined, shadowTimeoutMs: undefined, maxShadowsInFlight: undefined });
    let servedBy: string | undefined;
    void router.handle('score', record('42')).then((r) => (servedBy = r.servedBy));
    await vi.advanceTimersByTimeAsync(249);
    expect(servedBy).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(servedBy).toBe('legacy-fallback');
  });

  it.each<[string, (signal: AbortSignal) => unknown]>([
    ['with the signal reason, like fetch', (signal) => signal.reason],
    ['with an error of its own', () => new Error('This operation was aborted')],
  ])('logs the timeout, not the abort, when a shadow call rejects synchronously on abort %s', async (_how, rejection) => {
    vi.useFakeTimers();
    const comparisons: Comparison[] = [];
    const rejectsOnAbort = (_route: string, _applicant: unknown, { signal }: CallContext) =>
      new Promise<Decision>((_, reject) => signal.addEventListener('abort', () => reject(rejection(signal))));
    const router = new StranglerRouter(
      { score: { rolloutPercent: 0, shadowPercent: 100 } },
      async () => ({ approve: true, score: 0.61 }),
      rejectsOnAbort,
      () => true,
      (c) => comparisons.push(c),
      {
        shadowTimeoutMs: 30,
      },
    );
    await router.handle('score', record('7'));
    await vi.advanceTimersByTimeAsync(30);
    await router.settled();
    expect(comparisons).toMatchObject([{ match: false, error: 'new path did not answer within 30 ms' }]);
  });

  it('times out a hung shadow call, records the timeout and still settles', async () => {
    vi.useFakeTimers();
    const { router, comparisons } = setup(0, 100, 'hangs', { shadowTimeoutMs: 2_000 });
    expect((await router.handle('score', record('7'))).servedBy).toBe('legacy');
    const settled = router.settled();
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(settled).resolves.toBeUndefined();
    expect(comparisons).toMatchObject([{ customerId: '7', match: false, error: 'new path did not answer within 2,000 ms' }]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('caps shadow calls in flight and counts the ones it drops instead of queueing them', async () => {
    vi.useFakeTimers();
    const { router, candidateCalls } = setup(0, 100, 'hangs', { maxShadowsInFlight: 3 });
    for (let n = 1; n <= 10; n++) expect((await router.handle('score', record(String(n)))).servedBy).toBe('legacy');
    expect(candidateCalls).toHaveLength(3);
    expect(router.stats.get('score')?.shadowsDropped).toBe(7);
    await vi.runAllTimersAsync();
    await router.settled();
  });

  it.each<[string, RouterOptions]>([
    ['liveTimeoutMs must be a number of ms in 1..2,147,483,647, got 0', { liveTimeoutMs: 0 }],
    ['liveTimeoutMs must be a number of ms in 1..2,147,483,647, got 2,147,483,648', { liveTimeoutMs: 2 ** 31 }],
    ['shadowTimeoutMs must be a number of ms in 1..2,147,483,647, got Infinity', { shadowTimeoutMs: Number.POSITIVE_INFINITY }],
    ['maxShadowsInFlight must be an integer >= 1, got 0.5', { maxShadowsInFlight: 0.5 }],
  ])('rejects invalid options: %s', (message, options) => {
    expect(() => setup(0, 0, 'answers', options)).toThrow(new RangeError(message));
  });

  it.each<[string, number, number]>([
    ['score: rolloutPercent must be 0-100, got NaN', Number.NaN, 0],
    ['score: shadowPercent must be 0-100, got -5', 0, -5],
  ])('rejects an invalid share in the routes it is given: %s', (message, rolloutPercent, shadowPercent) => {
    expect(() => setup(rolloutPercent, shadowPercent)).toThrow(new RangeError(message));
  });

  it("keeps its own copy of the routes, so setRollout leaves the caller's object alone", () => {
    const routes = { score: { rolloutPercent: 10, shadowPercent: 0 } };
    const router = new StranglerRouter(
      routes,
      legacyApproves,
      async () => ({ approve: true, score: 0.58 }),
      () => true,
      () => undefined,
    );
    router.setRollout('score', 30);
    expect(routes).toEqual({ score: { rolloutPercent: 10, shadowPercent: 0 } });
  });

  it('keeps the shadow share when setRollout changes the rollout', async () => {
    const { router, comparisons } = setup(0, 100);
    router.setRollout('score', 0);
    await router.handle('score', record('1'));
    await router.settled();
    expect(comparisons).toHaveLength(1);
  });

  it('returns the legacy answer and records whether the shadow answer agrees', async () => {
    const { router, comparisons } = setup(0, 100);
    const result = await router.handle('score', record('0000000001')); // balance is negative: the candidate declines
    await router.settled();
    expect(result.decision).toEqual({ approve: true, score: 0.61 });
    expect(comparisons).toEqual([{ route: 'score', customerId: '1', legacy: { approve: true, score: 0.61 }, candidate: { approve: false, score: 0.58 }, match: false }]);
  });

  it('marks shadow calls, so the new path can skip its side effects, and live calls as live', async () => {
    const live = setup(100);
    await live.router.handle('score', record('0000000003'));
    expect(live.candidateCalls).toMatchObject([{ shadow: false }]);

    const shadowed = setup(0, 100);
    await shadowed.router.handle('score', record('0000000003'));
    await shadowed.router.settled();
    expect(shadowed.candidateCalls).toMatchObject([{ shadow: true }]);
  });

  it('records shadow failures, including translation gaps, without affecting the response', async () => {
    const { router, comparisons } = setup(0, 100);
    const result = await router.handle('score', record('0000000002', { ACCT_TYP: 'M' }));
    await router.settled();
    expect(result.servedBy).toBe('legacy');
    expect(comparisons[0]).toMatchObject({ match: false, error: expect.stringMatching(/ACCT_TYP "M"/) });
  });

  it('keeps serving and settles when the comparison log itself fails, so a shadow call never crashes the process', async () => {
    let recordCalls = 0;
    const router = new StranglerRouter(
      { score: { rolloutPercent: 0, shadowPercent: 100 } },
      async () => ({ approve: true, score: 0.61 }),
      async () => ({ approve: true, score: 0.58 }),
      () => true,
      () => {
        recordCalls++;
        throw new Error('comparison sink unavailable');
      },
    );
    expect((await router.handle('score', record('0000000001'))).servedBy).toBe('legacy');
    await expect(router.settled()).resolves.toBeUndefined();
    expect(recordCalls).toBe(1); // a failing log is not retried as if the candidate had failed
  });

  it('records a shadow failure whose rejection is not an Error, such as null', async () => {
    const comparisons: Comparison[] = [];
    const router = new StranglerRouter(
      { score: { rolloutPercent: 0, shadowPercent: 100 } },
      async () => ({ approve: true, score: 0.61 }),
      () => Promise.reject(null),
      () => true,
      (c) => comparisons.push(c),
    );
    await router.handle('score', record('0000000001'));
    await expect(router.settled()).resolves.toBeUndefined();
    expect(comparisons).toEqual([{ route: 'score', customerId: '1', legacy: { approve: true, score: 0.61 }, match: false, error: 'null' }]);
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['a string "true"', { approve: 'true', score: 0.58 }],
    ['a NaN score', { approve: true, score: Number.NaN }],
  ])('treats a malformed answer from the new path (%s) as a failure: live it falls back, in shadow it is logged', async (_what, answer) => {
    const comparisons: Comparison[] = [];
    const makeRouter = (rolloutPercent: number, shadowPercent: number) =>
      new StranglerRouter(
        { score: { rolloutPercent, shadowPercent } },
        legacyApproves,
        async () => answer as Decision,
        () => true,
        (c) => comparisons.push(c),
      );
    const live = makeRouter(100, 0);
    expect(await live.handle('score', record('42'))).toEqual({ decision: { approve: true, score: 0.61 }, servedBy: 'legacy-fallback' });
    expect(live.stats.get('score')?.liveFallbacks).toBe(1);

    const shadowing = makeRouter(0, 100);
    await shadowing.handle('score', record('42'));
    await shadowing.settled();
    expect(comparisons).toEqual([
      {
        route: 'score',
        customerId: '42',
        legacy: { approve: true, score: 0.61 },
        match: false,
        error: 'new path returned an invalid decision: approve must be a boolean and score a finite number',
      },
    ]);
  });

  it("keeps the candidate's answer when agree() itself throws, and does not log it as a candidate failure", async () => {
    const comparisons: Comparison[] = [];
    const router = new StranglerRouter(
      { score: { rolloutPercent: 0, shadowPercent: 100 } },
      legacyApproves,
      async () => ({ approve: false, score: 0.58 }),
      () => {
        throw new Error('no rule for this pair');
      },
      (c) => comparisons.push(c),
    );
    await router.handle('score', record('42'));
    await router.settled();
    expect(comparisons).toEqual([
      {
        route: 'score',
        customerId: '42',
        legacy: { approve: true, score: 0.61 },
        candidate: { approve: false, score: 0.58 },
        match: false,
        error: 'agree() failed: no rule for this pair',
      },
    ]);
  });

  it('compares against a copy of the legacy answer, so a caller changing its answer later does not fake a mismatch', async () => {
    const { router, comparisons } = setup(0, 100);
    const answer = await router.handle('score', record('42')); // balance negative: the candidate declines, legacy approves
    answer.decision.approve = false;
    await router.settled();
    expect(comparisons).toMatchObject([{ legacy: { approve: true, score: 0.61 }, candidate: { approve: false }, match: false }]);
  });

  it('sends a request id on the live call, one per handle() call, so the new service can deduplicate', async () => {
    const { router, candidateCalls } = setup(100);
    await router.handle('score', record('42'));
    await router.handle('score', record('42'));
    await router.handle('score', record('43'));
    const requestIds = candidateCalls.map((c) => c.requestId);
    expect(requestIds.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(requestIds).size).toBe(3);
  });

  it('shadows with its own salt, so a route at 50 % still compares a quarter of its customers, not none', async () => {
    const { router, comparisons } = setup(50, 50);
    for (const id of ids.slice(0, 2000)) await router.handle('score', record(id));
    await router.settled();
    expect(comparisons.length / 2000).toBeGreaterThan(0.22);
    expect(comparisons.length / 2000).toBeLessThan(0.3);
  });

  it('shadows only the configured share of legacy traffic', async () => {
    const { router, comparisons } = setup(0, 25);
    for (const id of ids.slice(0, 2000)) await router.handle('score', record(id));
    await router.settled();
    expect(comparisons.length / 2000).toBeGreaterThan(0.22);
    expect(comparisons.length / 2000).toBeLessThan(0.28);
  });
});
