/**
 * Demo: account "fraud team" holds two API keys. Each key has a burst of 5
 * refilled at 1 per second; the account has a burst of 8 refilled at 2 per
 * second, shared by both keys. Key one's burst of 7 gets 5 answers and 2
 * "429, retry after 1 s"; key two then gets only the 3 requests left in the
 * account. A wrong secret gets 401, a missing scope 403, and two seconds later
 * the first key may call again. Every decision lands in the audit log.
 */
import { ApiGuard, newApiKey, TokenBucketLimiter, type AuditRecord } from './apiGuard';

export async function demo(): Promise<{ statuses: number[]; audited: number }> {
  let now = 0;
  const clock = () => now;
  const audit: AuditRecord[] = [];
  const one = await newApiKey('team-a-1');
  const two = await newApiKey('team-a-2');
  const guard = new ApiGuard(
    [
      { keyId: 'team-a-1', account: 'fraud team', secretSha256: one.secretSha256, scopes: ['predict'] },
      { keyId: 'team-a-2', account: 'fraud team', secretSha256: two.secretSha256, scopes: ['predict'] },
    ],
    {
      perKey: new TokenBucketLimiter(5, 1, clock),
      perAccount: new TokenBucketLimiter(8, 2, clock),
      failedAuthPerSource: new TokenBucketLimiter(5, 5 / 60, clock), // 5 failures a minute
    },
    (record) => audit.push(record),
    clock,
  );
  const statuses: number[] = [];
  const call = async (key: string, action: string, note: string): Promise<void> => {
    const decision = await guard.authorize({ key, action, source: '203.0.113.7' });
    statuses.push(decision.status);
    const retry = decision.retryAfterMs ? `, retry after ${decision.retryAfterMs} ms` : '';
    console.log(`t=${now / 1000} s ${action} (${note}): ${decision.status}${retry}`);
  };

  for (let i = 1; i <= 7; i++) await call(one.key, 'predict', `burst request ${i}`);
  for (let i = 1; i <= 4; i++) await call(two.key, 'predict', `second key, same account, request ${i}`);
  await call('team-a-1.guess', 'predict', 'wrong secret');
  await call(one.key, 'train', 'scope not granted');
  now += 2_000;
  await call(one.key, 'predict', 'two tokens refilled');
  const outcomes = audit.reduce<Record<string, number>>((counts, r) => ({ ...counts, [r.outcome]: (counts[r.outcome] ?? 0) + 1 }), {});
  console.log('audit log:', outcomes);
  return { statuses, audited: audit.length };
}
