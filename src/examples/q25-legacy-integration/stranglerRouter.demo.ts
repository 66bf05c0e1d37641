/**
 * Demo: the "score" route of a legacy credit system, strangled for 2,000
 * customers. The anti-corruption layer translates a legacy record and refuses
 * an unknown code, and the facade counts such failures over every record;
 * shadowing a sticky 25 % of customers compares the new path with legacy
 * without changing an answer; the rollout grows from 10 % to 30 % without
 * moving anyone back; and when the ML service goes down its customers fall
 * back to legacy. Every call answers at once, so no timeout ever fires.
 */
import {
  StranglerRouter,
  translate,
  TranslationError,
  type Applicant,
  type CallContext,
  type Comparison,
  type Decision,
  type LegacyRecord,
  type ServedBy,
} from './stranglerRouter';

const CUSTOMERS = 2_000;

/**
 * Customer n as the legacy system sends it. One in 50 is unrated (RISK_CD " "),
 * half of those with a negative balance; one in 500 has ACCT_TYP "M", a code
 * the anti-corruption layer was never taught.
 */
function legacyRecord(n: number): LegacyRecord {
  return {
    CUST_NO: String(n).padStart(10, '0'),
    ACCT_TYP: n % 500 === 499 ? 'M' : 'SCL'[n % 3]!,
    BAL_CENTS: n % 100 === 50 ? '-0001250' : '00052000',
    OPEN_DT: n % 7 === 0 ? '00000000' : '20150601',
    RISK_CD: n % 50 === 0 ? ' ' : 'ABCDE'[n % 5]!,
  };
}

/** Legacy approves risk codes A to C and declines everyone unrated. */
const legacyDecision = (record: LegacyRecord): Decision => {
  const approve = ['A', 'B', 'C'].includes(record.RISK_CD);
  return { approve, score: approve ? 0.7 : 0.3 };
};

/** The new model also approves unrated customers whose balance is not negative. */
const modelDecision = (applicant: Applicant): Decision => {
  const approve = applicant.riskBand === null ? applicant.balanceCents >= 0 : ['A', 'B', 'C'].includes(applicant.riskBand);
  return { approve, score: approve ? 0.65 : 0.35 };
};

/** A whole number with thousands separators, written out so every runtime prints the same. */
const n = (value: number): string => String(value).replace(/\B(?=(\d{3})+$)/g, ',');
const pct = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(2)} %`;

/** 95 % Wilson score interval for a proportion, in per cent: unlike p ± 1.96 × SE it stays sensible when p is near 0. */
function wilson(part: number, whole: number): [number, number] {
  const z = 1.96;
  const p = part / whole;
  const centre = (p + (z * z) / (2 * whole)) / (1 + (z * z) / whole);
  const half = (z / (1 + (z * z) / whole)) * Math.sqrt((p * (1 - p)) / whole + (z * z) / (4 * whole * whole));
  return [100 * (centre - half), 100 * (centre + half)];
}

export async function demo(): Promise<{
  shadow: {
    servedByLegacy: number;
    changedAnswers: number;
    candidateCalls: number;
    markedShadow: number;
    agree: number;
    disagree: number;
    errors: number;
    translationFailures: number;
  };
  ramp: { at10: number; at30: number; movedBack: number; paddedAndBare: ServedBy[] };
  outage: { answered: number; failedCustomers: number; fallbacks: number; liveFallbacksCounted: number };
}> {
  const example = legacyRecord(12_345);
  console.log(`ACL: ${JSON.stringify(example)} -> ${JSON.stringify(translate(example))}`);
  try {
    translate(legacyRecord(999));
    console.log('ACL: ACCT_TYP "M" was translated');
  } catch (error) {
    console.log(`ACL: ACCT_TYP "M" refused${error instanceof TranslationError ? ' with a TranslationError' : ''}: ${error instanceof Error ? error.message : String(error)}`);
  }

  let serviceUp = true;
  const calls: CallContext[] = [];
  const comparisons: Comparison[] = [];
  const makeRouter = (rolloutPercent: number, shadowPercent: number) =>
    new StranglerRouter(
      { score: { rolloutPercent, shadowPercent } },
      async (_route, record) => legacyDecision(record),
      async (_route, applicant, context) => {
        calls.push(context);
        if (!serviceUp) throw new Error('ml service unavailable');
        return modelDecision(applicant);
      },
      (legacy, candidate) => legacy.approve === candidate.approve,
      (comparison) => comparisons.push(comparison),
    );
  const records = Array.from({ length: CUSTOMERS }, (_, i) => legacyRecord(i + 1));
  /** Sends every customer through the facade once; counts who served them and how many answers differ from legacy's. */
  const sendAll = async (router: StranglerRouter) => {
    const servedBy = new Map<string, ServedBy>();
    let changed = 0;
    let failed = 0;
    for (const record of records) {
      try {
        const answer = await router.handle('score', record);
        servedBy.set(record.CUST_NO, answer.servedBy);
        if (answer.decision.approve !== legacyDecision(record).approve) changed++;
      } catch {
        failed++;
      }
    }
    const count = (who: ServedBy) => [...servedBy.values()].filter((s) => s === who).length;
    return { servedBy, changed, failed, count };
  };

  // Shadow: rollout 0 %; a sticky 25 % of legacy-served customers also go to the new path, whose answer is logged, never returned.
  const shadowing = makeRouter(0, 25);
  const shadowRun = await sendAll(shadowing);
  await shadowing.settled();
  const agree = comparisons.filter((c) => c.match).length;
  const disagree = comparisons.filter((c) => !c.match && c.candidate).length;
  const errors = comparisons.filter((c) => c.error !== undefined).length;
  const shadowStats = shadowing.stats.get('score')!;
  const shadow = {
    servedByLegacy: shadowRun.count('legacy'),
    changedAnswers: shadowRun.changed,
    candidateCalls: calls.length,
    markedShadow: calls.filter((c) => c.shadow).length,
    agree,
    disagree,
    errors,
    translationFailures: shadowStats.translationFailures,
  };
  console.log(
    `shadow 25 %, rollout 0 %: ${n(shadow.servedByLegacy)} of ${n(CUSTOMERS)} answers from legacy, ${shadow.changedAnswers} changed by the shadow; ${n(shadow.candidateCalls)} calls to the new path, ${n(shadow.markedShadow)} of them marked shadow`,
  );
  // Agreement is over answered comparisons; failed ones (here an untranslatable record) are counted apart.
  const answered = agree + disagree;
  const [low, high] = wilson(disagree, answered);
  console.log(
    `  comparison log: ${n(comparisons.length)} entries, ${errors} failed, ${n(answered)} answered: ${n(agree)} agree (${pct(agree, answered)}), ${disagree} disagree (${pct(disagree, answered)}; 95 % Wilson interval ${low.toFixed(2)} % to ${high.toFixed(2)} %, demo arithmetic)`,
  );
  // Counted over every record, legacy-served or shadowed, not just the 25 % sample.
  const seen = shadowStats.translated + shadowStats.translationFailures;
  console.log(`  translation failures on "score": ${shadowStats.translationFailures} of ${n(seen)} records (${pct(shadowStats.translationFailures, seen)})`);

  // Ramp, on a facade that no longer shadows: 10 %, then 30 %. A customer on the new path at 10 % must still be there at 30 %.
  const router = makeRouter(10, 0);
  const at10 = await sendAll(router);
  router.setRollout('score', 30);
  const at30 = await sendAll(router);
  const stats = router.stats.get('score')!;
  const newAt10 = [...at10.servedBy].filter(([, s]) => s === 'new').map(([id]) => id);
  const movedBack = newAt10.filter((id) => at30.servedBy.get(id) !== 'new').length;
  console.log(`rollout 10 %: ${n(at10.count('new'))} customers on the new path; answers that differ from legacy's: ${at10.changed}`);
  console.log(`rollout 30 %: ${n(at30.count('new'))} on the new path; of the ${n(newAt10.length)} there at 10 %, ${movedBack} moved back to legacy`);
  const paddedAndBare = [(await router.handle('score', legacyRecord(12_345))).servedBy, (await router.handle('score', { ...legacyRecord(12_345), CUST_NO: '12345' })).servedBy];
  console.log(`customer "0000012345" is served by ${paddedAndBare[0]}, "12345" by ${paddedAndBare[1]}`);

  // Outage at 30 %: the new path throws; its customers get legacy's answer instead of an error.
  serviceUp = false;
  const fallbacksBefore = stats.liveFallbacks;
  const down = await sendAll(router);
  const outage = {
    answered: down.servedBy.size,
    failedCustomers: down.failed,
    fallbacks: down.count('legacy-fallback'),
    liveFallbacksCounted: stats.liveFallbacks - fallbacksBefore,
  };
  console.log(
    `ML service down at 30 %: ${n(outage.answered)} of ${n(CUSTOMERS)} answered, ${outage.failedCustomers} failed; ${n(outage.fallbacks)} served by legacy-fallback, liveFallbacks counter +${n(outage.liveFallbacksCounted)}`,
  );

  return { shadow, ramp: { at10: at10.count('new'), at30: at30.count('new'), movedBack, paddedAndBare }, outage };
}
