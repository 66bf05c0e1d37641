/**
 * Demo: one API key with a burst of 5 requests refilled at 1 per second. A
 * burst of 7 gets 5 answers and 2 "429, retry after 1 s"; a wrong secret gets
 * 401, a missing scope 403, and two seconds later the key may call again.
 * Every decision, allowed or not, lands in the audit log.
 */
import { ApiGuard, sha256, TokenBucketLimiter, type AuditRecord } from './apiGuard';

export async function demo(): Promise<{ statuses: number[]; audited: number }> {
  let now = 0;
  const audit: AuditRecord[] = [];
  const guard = new ApiGuard(
    [{ keyId: 'team-a', owner: 'fraud team', secretSha256: await sha256('s3cret'), scopes: ['predict'] }],
    new TokenBucketLimiter(5, 1, () => now),
    (record) => audit.push(record),
    () => now,
  );
  const statuses: number[] = [];
  const call = async (key: string, action: string, note: string): Promise<void> => {
    const decision = await guard.authorize(key, action);
    statuses.push(decision.status);
    const retry = decision.retryAfterMs ? `, retry after ${decision.retryAfterMs} ms` : '';
    console.log(`t=${now / 1000} s ${action} (${note}): ${decision.status}${retry}`);
  };

  for (let i = 1; i <= 7; i++) await call('team-a.s3cret', 'predict', `burst request ${i}`);
  await call('team-a.guess', 'predict', 'wrong secret');
  await call('team-a.s3cret', 'train', 'scope not granted');
  now += 2_000;
  await call('team-a.s3cret', 'predict', 'two tokens refilled');
  const outcomes = audit.reduce<Record<string, number>>((counts, r) => ({ ...counts, [r.outcome]: (counts[r.outcome] ?? 0) + 1 }), {});
  console.log('audit log:', outcomes);
  return { statuses, audited: audit.length };
}
