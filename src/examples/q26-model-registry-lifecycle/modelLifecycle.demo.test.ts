import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './modelLifecycle.demo';

afterEach(() => vi.restoreAllMocks());

describe('the model registry demo', () => {
  it('refuses a hash() data reference, a missing commit, a skipped staging, a promotion without four eyes, an archived -> production move and a rollback with nothing earlier; keeps one production version; rolls back to v1 with an audit entry; 20 versions of 2 GB hold 40 GB', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    // Eight refusals: the hash() digest, the empty commit, registered -> production, no approver, alice approving her
    // own promotion, carol approving her own version, archived v2 -> production, a second rollback.
    // Audit: v1 registered->staging, staging->production; v2 registered->staging; v1 production->archived and
    // v2 staging->production on promotion; v2 production->archived and v1 archived->production on rollback: 7 entries.
    // 20 registrations of the same model are numbered 1..20; 20 × 2 GB = 40 GB.
    expect(result).toEqual({ refused: 8, servingAfterPromotion: 2, servingAfterRollback: 1, productionCount: 1, auditEntries: 7, lastVersion: 20, storedGb: 40 });
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain(
      "register with dataDigest -4379178251336318245, Python's salted hash() of the data: refused: lineage.dataDigest must be a sha256 content digest; with no code commit: refused: lineage.codeCommit is required",
    );
    expect(lines).toContain('v1 registered -> production: refused: fraud v1: registered -> production is not an allowed transition');
    expect(lines).toContain('v1 to production, promoted by alice, no approver: refused: promotion to production needs an approver');
    expect(lines).toContain('v1 to production, promoted and approved by alice: refused: the approver must not be the person promoting the version');
    expect(lines).toContain('v1 to production, approved by carol, who registered it: refused: the approver must not be the person who registered the version');
    expect(lines).toContain('v1 to production, promoted by alice and approved by ben: serving resolves v1');
    expect(lines).toContain('v2 promoted (approved by ben): serving resolves v2, v1 is archived, 1 production version(s)');
    expect(lines).toContain('rollback by oncall: serving resolves v1 again, the previous production version (v2 is archived); an alias move, no rebuild');
    // The clock: 180 + 180 + 45 minutes before the rollback.
    expect(lines).toContain('audit entry 7: v1 archived -> production by oncall at minute 405, reason "rollback: false positives doubled"');
    // The rollback popped v2 from the history [1, 2]: [1] has no earlier version.
    expect(lines).toContain(
      'v2 archived -> production without a rollback: refused: fraud v2: archived -> production is not an allowed transition; a second rollback: refused: fraud has no earlier production version to roll back to',
    );
    expect(lines).toContain('after 20 retrains the newest is v20; 20 versions of 2 GB hold 40 GB until a retention policy moves old ones');
  });
});
