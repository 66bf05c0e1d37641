import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './stranglerRouter.demo';

afterEach(() => vi.restoreAllMocks());

const run = async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const result = await demo();
  return { result, lines: log.mock.calls.map((c) => String(c[0])) };
};

describe('the strangler router demo', () => {
  it('translates a padded legacy record into the domain model and refuses an unknown account type', async () => {
    const { lines } = await run();
    expect(lines).toContain(
      'ACL: {"CUST_NO":"0000012345","ACCT_TYP":"S","BAL_CENTS":"00052000","OPEN_DT":"20150601","RISK_CD":"A"} -> {"customerId":"12345","accountType":"savings","balanceCents":52000,"openedOn":"2015-06-01","riskBand":"A"}',
    );
    expect(lines).toContain('ACL: ACCT_TYP "M" refused with a TranslationError: ACCT_TYP "M" is not a known account type');
  });

  it('shadows a quarter of customers, marked as shadow, logging every comparison and changing no answer; counts translation failures over every record', async () => {
    const { result, lines } = await run();
    expect(result.shadow).toEqual({
      servedByLegacy: 2000,
      changedAnswers: 0,
      candidateCalls: 516,
      markedShadow: 516,
      agree: 510,
      disagree: 6,
      errors: 1,
      translationFailures: 4,
    });
    expect(lines).toContain(
      '  comparison log: 517 entries, 1 failed, 516 answered: 510 agree (98.84 %), 6 disagree (1.16 %; 95 % Wilson interval 0.53 % to 2.51 %, demo arithmetic)',
    );
    expect(lines).toContain('  translation failures on "score": 4 of 2,000 records (0.20 %)');
  });

  it('only adds customers when the rollout grows from 10 % to 30 %, and buckets the padded and bare id alike', async () => {
    const { result, lines } = await run();
    expect(result.ramp).toEqual({ at10: 192, at30: 598, movedBack: 0, paddedAndBare: ['new', 'new'] });
    expect(lines).toContain('rollout 30 %: 598 on the new path; of the 192 there at 10 %, 0 moved back to legacy');
  });

  it('answers every customer from legacy when the ML service is down, and counts the fallbacks', async () => {
    const { result, lines } = await run();
    expect(result.outage).toEqual({ answered: 2000, failedCustomers: 0, fallbacks: 598, liveFallbacksCounted: 598 });
    expect(lines).toContain('ML service down at 30 %: 2,000 of 2,000 answered, 0 failed; 598 served by legacy-fallback, liveFallbacks counter +598');
  });
});
