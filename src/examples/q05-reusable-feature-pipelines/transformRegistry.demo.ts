/**
 * Demo: the page's pipelines. Fraud model v3 pins `age_bucket:v2` and `income_z:v1`; churn model v2 pins
 * `log_income:v1` and `income_z:v2` (the diagram). Three training rows (ages 23, 41, 67; incomes 30,000, 60,000,
 * 90,000, illustrative) fit them. It shows the registry refusing to overwrite a published version, the two numbers
 * a z-score stores and its three golden rows per step, one serving row getting the features training gave it
 * (where the naive per-batch z-score gives NaN), ages 0, 18 and 104 bucketed, publishing `income_z:v2` leaving fraud
 * model v3 alone, the planner ordering churn model v2 and naming a missing input and a duplicate output, and the load-time golden-row
 * check passing the same library, missing an edit its rows do not exercise and refusing, by name, one they do.
 */
import { ageBucketV2, fit, logIncomeV1, plan, refOf, transformRow, TransformRegistry, verifyFitted, zScore, type FittedPipeline, type Transform } from './transformRegistry';

const RAW = ['age', 'income', 'country'];
const TRAINING = [
  { age: 23, income: 30_000, country: 'PT' },
  { age: 41, income: 60_000, country: 'DE' },
  { age: 67, income: 90_000, country: 'BR' },
];
const FRAUD_V3 = ['age_bucket:v2', 'income_z:v1'];
const CHURN_V2 = ['income_z:v2', 'log_income:v1']; // listed out of order on purpose: the planner sorts them

/** A number with `digits` decimals and thousands separators; written out so every browser prints the same. */
function grouped(n: number, digits = 0): string {
  const [whole, fraction] = n.toFixed(digits).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

/** The error a call throws, or undefined if it returns. */
function errorOf(call: () => unknown): string | undefined {
  try {
    call();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** What fit computed for the training row whose `field` was `value`: the step's golden row for it. */
function fitTimeOutput(fitted: FittedPipeline, ref: string, field: string, value: number): unknown {
  return fitted.steps.find((s) => s.ref === ref)?.golden.find((g) => g.input[field] === value)?.output;
}

/** A later library release of income_z:v1 under the same name:version, clipping its output to [-limit, limit]. */
function clippedIncomeZ(limit: number): Transform {
  const published = zScore('income_z', 'v1', 'income');
  return { ...published, apply: (row, params) => Math.max(-limit, Math.min(limit, published.apply(row, params) as number)) };
}

export function demo(): {
  overwriteRefused: boolean;
  incomeZv1: { mean: number; std: number };
  goldenRowsPerStep: number[];
  served: { age_bucket: unknown; income_z: unknown };
  sameAsTraining: boolean;
  edgeAges: unknown[];
  unchangedAfterV2: boolean;
  churnOrder: string[];
  planErrors: { missingInput: string | undefined; duplicateOutput: string | undefined };
  load: { sameLibrary: string; clippedAt3: string; clippedAt1: string };
} {
  const registry = new TransformRegistry()
    .register(ageBucketV2)
    .register(logIncomeV1)
    .register(zScore('income_z', 'v1', 'income'));
  const overwrite = errorOf(() => registry.register(zScore('income_z', 'v1', 'log_income')));
  console.log(`re-publishing income_z:v1 with another input: ${overwrite ? `refused (${overwrite})` : 'accepted, overwriting the published version'}`);
  console.log(`training rows (illustrative; the page gives none): ${TRAINING.map((r) => `age ${r.age} income ${grouped(r.income)}`).join(', ')}`);

  const fraud = fit(registry, FRAUD_V3, RAW, TRAINING);
  const incomeZ = fraud.steps.find((s) => s.ref === 'income_z:v1')!;
  const { mean, std } = incomeZ.params as { mean: number; std: number };
  const goldenRowsPerStep = fraud.steps.map((s) => s.golden.length);
  console.log(
    `fraud model v3 pins ${fraud.steps.map((s) => s.ref).join(', ')}, fitted on ${TRAINING.length} training rows: income_z:v1 stores ${Object.keys(incomeZ.params).length} numbers, mean ${grouped(mean)} and std ${grouped(std, 1)}; golden rows per step: ${goldenRowsPerStep.join(', ')}`,
  );

  const row = { age: 67, income: 90_000, country: 'BR' };
  const served = transformRow(registry, fraud, row);
  const sameAsTraining = served.income_z === fitTimeOutput(fraud, 'income_z:v1', 'income', 90_000) && served.age_bucket === fitTimeOutput(fraud, 'age_bucket:v2', 'age', 67);
  console.log(
    `serving one row (age 67, income 90,000): age_bucket ${served.age_bucket}, income_z ${Number(served.income_z).toFixed(4)}, ${sameAsTraining ? 'the values fit computed for that training row' : 'NOT the values fit computed for that training row'}`,
  );
  // Demo-side: the naive version's statistics on a batch of this one row; pandas' .std() divides by n - 1 = 0.
  const batchMean = row.income;
  const batchStd = Math.sqrt((row.income - batchMean) ** 2 / (1 - 1));
  console.log(`the naive z-score, with that single row's own batch statistics: ${(row.income - batchMean) / batchStd}`);

  const edgeAges = [0, 18, 104].map((age) => {
    const error = errorOf(() => transformRow(registry, fraud, { ...row, age }));
    return error ? `refused (${error})` : transformRow(registry, fraud, { ...row, age }).age_bucket;
  });
  console.log(`ages 0, 18 and 104: ${edgeAges.join(', ')}`);

  registry.register(zScore('income_z', 'v2', 'log_income'));
  const afterV2 = transformRow(registry, fraud, row).income_z;
  const unchangedAfterV2 = afterV2 === served.income_z;
  console.log(
    `income_z:v2 published: fraud model v3 serves income_z ${Number(afterV2).toFixed(4)}, ${unchangedAfterV2 ? 'unchanged until it is retrained' : `changed from ${Number(served.income_z).toFixed(4)}`}`,
  );

  const churn = fit(registry, CHURN_V2, RAW, TRAINING);
  const churnOrder = churn.steps.map((s) => s.ref);
  const z2 = churn.steps.find((s) => s.ref === 'income_z:v2')!.params;
  // Demo-side: the mean of log(1 + income) over the training rows, which income_z:v2 fitted on log_income should store.
  const logMean = TRAINING.reduce((sum, r) => sum + Math.log1p(r.income), 0) / TRAINING.length;
  const onLogIncome = Math.abs(z2.mean! - logMean) < 1e-9 ? `the mean of log(1 + income), so it fitted on log_income:v1's output` : `not the ${logMean.toFixed(3)} of log_income`;
  console.log(`churn model v2 lists ${CHURN_V2.join(', ')}; fitted in the order ${churnOrder.join(', ')}: income_z:v2 stores mean ${z2.mean!.toFixed(3)}, ${onLogIncome}`);
  const missing = errorOf(() => plan(registry, ['income_z:v2'], RAW).map(refOf));
  const duplicate = errorOf(() => plan(registry, ['income_z:v1', 'log_income:v1', 'income_z:v2'], RAW).map(refOf));
  console.log(
    `plan, income_z:v2 without log_income:v1: ${missing ? `refused: ${missing}` : 'planned anyway'}; beside income_z:v1: ${duplicate ? `refused: ${duplicate}` : 'planned anyway'}`,
  );

  // Serving runs in another process with its own build of the library: verifyFitted replays the golden rows.
  const load = (incomeZ: Transform): string => {
    const error = errorOf(() => verifyFitted(new TransformRegistry().register(ageBucketV2).register(incomeZ), fraud));
    return error ? `refused: ${error}` : 'loaded';
  };
  const sameLibrary = load(zScore('income_z', 'v1', 'income'));
  const clippedAt3 = load(clippedIncomeZ(3));
  const clippedAt1 = load(clippedIncomeZ(1));
  // Demo-side: the largest golden output of income_z:v1, to say whether a clip at 3 is exercised at all.
  const largest = Math.max(...incomeZ.golden.map((g) => Math.abs(g.output as number)));
  console.log(`serving loads fraud model v3 with the same library: ${sameLibrary}`);
  console.log(
    `a release clipping income_z:v1 to [-3, 3]: ${clippedAt3}${largest < 3 ? ` (its golden outputs reach only ${largest.toFixed(4)}, so the check cannot see the edit)` : ''}`,
  );
  console.log(`a release clipping income_z:v1 to [-1, 1]: ${clippedAt1}`);

  return {
    overwriteRefused: overwrite !== undefined,
    incomeZv1: { mean, std },
    goldenRowsPerStep,
    served: { age_bucket: served.age_bucket, income_z: served.income_z },
    sameAsTraining,
    edgeAges,
    unchangedAfterV2,
    churnOrder,
    planErrors: { missingInput: missing, duplicateOutput: duplicate },
    load: { sameLibrary, clippedAt3: clippedAt3.split(':')[0]!, clippedAt1: clippedAt1.split(' no longer')[0]! },
  };
}
