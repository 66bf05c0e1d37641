/**
 * Demo: five changes to a Transaction schema, rated the way a schema registry
 * rates them, with the upgrade order each rating allows. Then the registry's
 * default mode, BACKWARD, admits a change that only BACKWARD_TRANSITIVE sees
 * breaks the oldest data, which a consumer replaying the topic would read.
 */
import { admit, checkCompatibility, type Compatibility, type Field, type RecordSchema } from './schemaCompatibility';

const v1: RecordSchema = {
  name: 'Transaction',
  fields: [
    { name: 'user_id', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'country', type: 'string' },
    { name: 'items', type: 'int' },
  ],
};
const adding = (field: Field): RecordSchema => ({ ...v1, fields: [...v1.fields, field] });
const replacing = (field: Field): RecordSchema => ({ ...v1, fields: v1.fields.map((f) => (f.name === field.name ? field : f)) });

const ORDER: Record<Compatibility, string> = {
  FULL: 'deploy in any order',
  BACKWARD: 'consumers upgrade first',
  FORWARD: 'producers upgrade first',
  NONE: 'breaking: run both versions side by side',
};

export function demo(): { levels: Record<string, Compatibility>; admittedBackward: boolean; admittedTransitive: boolean } {
  const changes: { id: string; change: string; next: RecordSchema }[] = [
    { id: 'addOptional', change: 'add optional "channel" (default "web")', next: adding({ name: 'channel', type: 'string', default: 'web' }) },
    { id: 'addRequired', change: 'add required "merchant_id"', next: adding({ name: 'merchant_id', type: 'string' }) },
    { id: 'removeRequired', change: 'remove required "country"', next: { ...v1, fields: v1.fields.filter((f) => f.name !== 'country') } },
    { id: 'stringToInt', change: 'change "country" from string to int', next: replacing({ name: 'country', type: 'int' }) },
    { id: 'intToLong', change: 'widen "items" from int to long', next: replacing({ name: 'items', type: 'long' }) },
  ];
  const levels: Record<string, Compatibility> = {};
  console.log(`${v1.name} v1: ${v1.fields.map((f) => `${f.name} ${f.type}`).join(', ')}`);
  for (const { id, change, next } of changes) {
    const { level, backward, forward } = checkCompatibility(v1, next);
    levels[id] = level;
    // Name the side that breaks: new readers on old data, or old readers on new data.
    const problem = backward.length ? `new readers: ${backward[0]}` : forward.length ? `old readers: ${forward[0]}` : '';
    console.log(`${change}: ${level}, ${ORDER[level]}${problem ? ` (${problem})` : ''}`);
  }

  // v2 added "channel" with a default; the proposed v3 drops the default.
  const v2 = adding({ name: 'channel', type: 'string', default: 'web' });
  const v3 = adding({ name: 'channel', type: 'string' });
  const latest = admit([v1, v2], v3, 'BACKWARD');
  const transitive = admit([v1, v2], v3, 'BACKWARD', true);
  console.log('history v1, v2 (adds "channel" with a default); proposed v3 drops the default:');
  console.log(`  BACKWARD, the registry's default, checks v2 only: ${latest.ok ? 'admitted' : `rejected, ${latest.problems.join('; ')}`}`);
  console.log(`  BACKWARD_TRANSITIVE checks every version: ${transitive.ok ? 'admitted' : `rejected, ${transitive.problems.join('; ')}`}`);
  return { levels, admittedBackward: latest.ok, admittedTransitive: transitive.ok };
}
