/**
 * Demo: the page's feature-engineering component, run. One core (UserFeatureEngineer) works through the
 * FeatureStore port against the in-memory adapter and then a Redis-style adapter, whose hashes hold strings only,
 * and gives the same features. In a Redis batch a row whose age is stored as `forty`, and one with no age at all,
 * are quarantined with their reasons while the rest are written; the core writes back only `age_bucket`, so a
 * country that ingestion changes after the batch's read is kept. A slow nightly batch that read age 17 lands after
 * ingestion's birthday write (age 18) and the recompute its event triggered: the conditional write refuses it. Last,
 * a store failing mid-batch leaves one row written, and a rerun completes the batch with no transaction.
 */
import { FakeHashClient } from './fakeHashClient';
import { HashFeatureStore, InMemoryFeatureStore, UserFeatureEngineer } from './featurePipeline';

/** A hash as field=value pairs, showing the strings Redis holds. */
const show = (hash: Record<string, string> | undefined): string =>
  Object.entries(hash ?? {})
    .map(([field, value]) => `${field}=${value}`)
    .join(' ');

export async function demo(): Promise<{
  sameFeatures: boolean;
  written: string[];
  quarantined: string[];
  fieldsAdded: string[];
  storedHash: Record<string, string>;
  nightlySuperseded: string[];
  nightlyFeatures: string[];
  rerun: { firstRun: string; written: string[] };
}> {
  // The same user behind both adapters: typed values in memory, JSON strings in the Redis hash.
  const memory = new InMemoryFeatureStore();
  memory.rows.set('u1', { age: 42, country: 'PT' });
  const redis = new FakeHashClient();
  redis.hashes.set('features:u1', { age: '42', country: '"PT"' });
  const fromMemory = (await new UserFeatureEngineer(memory).computeUserFeatures(['u1'])).features.get('u1');
  const fromRedis = (await new UserFeatureEngineer(new HashFeatureStore(redis)).computeUserFeatures(['u1'])).features.get('u1');
  const sameFeatures = JSON.stringify(fromMemory) === JSON.stringify(fromRedis);
  console.log(`in-memory adapter: u1 -> ${JSON.stringify(fromMemory)}`);
  console.log(`Redis adapter:     u1 -> ${JSON.stringify(fromRedis)}: ${sameFeatures ? 'the same features from the same core' : 'NOT the same features'}`);
  const encoded = redis.hashes.get('features:u1')?.age_bucket === JSON.stringify(fromRedis?.age_bucket);
  console.log(`Redis hash u1: ${show(redis.hashes.get('features:u1'))}${encoded ? ' (JSON strings: the adapter encodes, the core sees typed values)' : ''}`);

  // A Redis batch: a good row, an age stored as `forty` by some other writer, a row with no age, and an unknown user.
  // Right after the batch reads u2, ingestion records that u2 moved from BR to the US.
  redis.hashes.set('features:u2', { age: '29', country: '"BR"' });
  const quarantinedBefore: Record<string, Record<string, string>> = { u3: { age: 'forty', country: '"PT"' }, u4: { country: '"DE"' } };
  redis.hashes.set('features:u3', { ...quarantinedBefore.u3 });
  redis.hashes.set('features:u4', { ...quarantinedBefore.u4 });
  const u2Before = { age: '29', country: '"US"' }; // u2's hash once ingestion has written, as the batch's write finds it
  redis.afterRead = () => {
    redis.afterRead = undefined; // the batch reads u2 first
    redis.hashes.set('features:u2', { ...redis.hashes.get('features:u2'), country: '"US"' });
  };
  const batch = await new UserFeatureEngineer(new HashFeatureStore(redis)).computeUserFeatures(['u2', 'u3', 'u4', 'ghost']);
  const written = [...batch.features.keys()];
  const quarantined = [...batch.quarantined.keys()];
  const ghost = batch.features.has('ghost') || batch.quarantined.has('ghost') ? 'processed' : 'skipped';
  console.log(`batch u2, u3, u4 and an unknown user: written ${written.join(', ') || 'none'}; quarantined ${quarantined.join(', ') || 'none'}; unknown user ${ghost}`);
  for (const [id, reason] of batch.quarantined) {
    const hash = show(redis.hashes.get(`features:${id}`));
    console.log(`  ${id} (${hash}${hash === show(quarantinedBefore[id]) ? ', untouched' : ', CHANGED by the run'}): ${reason}`);
  }
  // Demo-side check: which fields the batch's write added or changed in u2's hash, as ingestion had left it.
  const u2After = redis.hashes.get('features:u2') ?? {};
  const fieldsAdded = Object.keys(u2After).filter((field) => u2After[field] !== u2Before[field as keyof typeof u2Before]);
  const countryKept = u2After.country === u2Before.country ? 'is kept' : 'is OVERWRITTEN';
  console.log(`u2 gained ${fieldsAdded.join(', ') || 'nothing'}; the country ingestion wrote after the batch's read ${countryKept} (${show(u2After)})`);

  // The nightly batch reads age 17; before it writes, ingestion stores the birthday and its event's recompute runs.
  redis.hashes.set('features:u7', { age: '17', country: '"PT"' });
  const engineer = new UserFeatureEngineer(new HashFeatureStore(redis));
  let recomputed = 'nothing';
  redis.afterRead = async () => {
    redis.afterRead = undefined; // only the nightly batch's read is overtaken
    redis.hashes.set('features:u7', { ...redis.hashes.get('features:u7'), age: '18' });
    const recompute = await engineer.computeUserFeatures(['u7']);
    recomputed = String(recompute.features.get('u7')?.age_bucket ?? 'nothing');
  };
  const nightly = await engineer.computeUserFeatures(['u7']);
  const storedHash = { ...redis.hashes.get('features:u7') };
  const nightlySuperseded = [...nightly.superseded];
  console.log(`u7: the nightly batch read age 17; then ingestion stored age 18 and its event's recompute wrote ${recomputed}`);
  const leftOut = nightly.features.has('u7') ? 'yet still among its features' : 'and left out of its features';
  const refused = nightlySuperseded.includes('u7') ? `refused as superseded ${leftOut}` : 'NOT refused';
  console.log(`the nightly write, derived from age 17, lands last: ${refused}; u7 holds ${show(storedHash)}`);

  // The store fails on one key mid-batch: no transaction, so one row is written; a rerun completes the batch.
  redis.hashes.set('features:a', { age: '30' });
  redis.hashes.set('features:b', { age: '40' });
  redis.failOn = 'features:b';
  const firstRun = await engineer.computeUserFeatures(['a', 'b']).then(
    () => 'completed',
    (error: unknown) => `failed (${(error as Error).message})`,
  );
  const withBucket = () => ['a', 'b'].filter((id) => redis.hashes.get(`features:${id}`)?.age_bucket !== undefined);
  console.log(`batch a, b with the store failing on b: ${firstRun}; rows with a bucket: ${withBucket().join(', ') || 'none'}`);
  redis.failOn = undefined;
  await engineer.computeUserFeatures(['a', 'b']);
  const rerunWritten = withBucket();
  console.log(`rerun: rows with a bucket: ${rerunWritten.join(', ') || 'none'}${rerunWritten.length === 2 ? ', the batch is complete' : ', the batch is still incomplete'}`);

  return {
    sameFeatures,
    written,
    quarantined,
    fieldsAdded,
    storedHash,
    nightlySuperseded,
    nightlyFeatures: [...nightly.features.keys()],
    rerun: { firstRun, written: rerunWritten },
  };
}
