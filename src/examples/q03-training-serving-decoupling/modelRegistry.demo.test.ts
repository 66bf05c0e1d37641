import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './modelRegistry.demo';

afterEach(() => vi.restoreAllMocks());

describe('the model registry demo', () => {
  it('shares one load between overlapping polls, rolls back within a 30 s poll plus a 20 s load, refuses a v4 whose contract the build breaks, re-checks the alias after a slow load, times out a hanging load while v2 serves on, and logs every alias move', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await demo();
    // Three polls at start-up: the first loads v2, the other two share one re-check, which finds v2 already loaded.
    expect(result.startupPolls).toEqual(['loaded', 'unchanged', 'unchanged']);
    // v2 at start-up, v3 at the 60 s poll, v2 again after the rollback, v4 on the second fleet only, then the slow v3
    // and the re-check's v2, then v5 twice: the hung load and the re-check's.
    expect(result.artefactLoads).toEqual([2, 3, 2, 4, 3, 2, 5, 5]);
    // Rollback at 90 s, right after a poll: the next poll at 120 s plus a 20 s load ends at 140 s, 50 s later.
    expect(result.rollbackMs).toBe(50_000);
    // v4 was trained with PREPROCESSING_V2 and needs a device field the old build lacks: two problems, v2 serves on.
    expect(result.v4).toEqual({
      result: 'rejected',
      serving: 2,
      problems: [expect.stringMatching(/^preprocessing [0-9a-f]{12} differs from trained [0-9a-f]{12}$/), 'field "device" is missing'],
    });
    // The fleet running v4's preprocessing cannot go back to v2's: it keeps v4.
    expect(result.newFleetRollback).toEqual({ result: 'rejected', serving: 4 });
    // The 240 s poll loads v3 until 240 + 60 = 300 s; the 270 s poll, made mid-load while v2 still serves, waits for it and
    // re-resolves the alias, which the 250 s rollback moved to v2: loaded at 300 + 20 = 320 s, 70 s after the rollback,
    // within 30 + 20 + 60 = 110 s.
    expect(result.slowLoad).toEqual({ polls: ['loaded', 'loaded'], servingMidLoad: 2, serving: 2, rollbackMs: 70_000 });
    // The 360 s poll's load of v5 hangs; the 100 s timeout, a timer on the demo's clock, fires at 460 s, aborts it and
    // fails that poll while v2 serves on. The 390, 420 and 450 s polls share the re-check after it, which loads v5
    // with a working load by 460 + 20 = 480 s.
    expect(result.hang).toEqual({
      error: 'fraud v5 did not load within 100,000 ms',
      aborted: true,
      servingAfterTimeout: 2,
      timedOutAt: 460_000,
      midHangPolls: ['loaded', 'loaded', 'loaded'],
      serving: 5,
      servingAt: 480_000,
    });
    // Every move, rollbacks included; the second rollback comes at 200 s, when the new fleet's 20 s load of v4 has ended.
    expect(result.auditLog).toEqual([
      'set -> v2 at 0 s',
      'set v2 -> v3 at 40 s',
      'rollback v3 -> v2 at 90 s',
      'set v2 -> v4 at 150 s',
      'rollback v4 -> v2 at 200 s',
      'set v2 -> v3 at 220 s',
      'rollback v3 -> v2 at 250 s',
      'set v2 -> v5 at 330 s',
    ]);
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('training registered v1 and v2 (preprocessing d62c1c7d7b73; saved with CRLF and trailing spaces: the same); the release set production -> v2');
    expect(lines).toContain('t=0 s: 3 polls overlap the startup load: loaded, unchanged, unchanged; the artefact was loaded 1 time; serving v2 at t=20 s');
    expect(lines).toContain('t=40 s: v3 registered, production -> v3; the 60 s poll: loaded, serving v3 at t=80 s');
    expect(lines).toContain('t=90 s: rollback, just after a poll, moves production back to v2; the 120 s poll: loaded, serving v2 at t=140 s');
    expect(lines).toContain('  rollback took 50 s from the alias move: within one poll plus one load, under a minute');
    expect(lines).toContain('t=150 s: v4, trained with new preprocessing and a device field, production -> v4; the 180 s poll: rejected, kept serving v2');
    // The first 12 hex digits of the SHA-256 of the old build's preprocessing, then of v4's.
    expect(lines).toContain('  fraud v4 does not match this serving build: preprocessing d62c1c7d7b73 differs from trained 4708f4561c0f; field "device" is missing');
    expect(lines).toContain("a fleet deployed with v4's build: loaded v4; after rollback to v2 its 210 s poll: rejected, serving v4 (the old fleet: unchanged, v2)");
    // v2 was trained with the old preprocessing; the build's extra device field is not a problem.
    expect(lines).toContain('  preprocessing 4708f4561c0f differs from trained d62c1c7d7b73; its extra device field passes');
    expect(lines).toContain('t=220 s: production -> v3 again; the 240 s poll starts a 60 s load; rollback at 250 s; the 270 s poll arrives mid-load, the server still on v2');
    expect(lines).toContain(
      '  the 240 s poll: loaded v3 at t=300 s; the 270 s poll, re-checked after it: loaded, serving v2 at t=320 s, 70 s after the rollback: within one poll, one load and the load in flight',
    );
    expect(lines).toContain(
      "t=330 s: v5 registered, production -> v5; the 360 s poll's load of v5 hangs, and at t=460 s the 100 s load timeout aborts it: the poll fails and the server keeps v2",
    );
    expect(lines).toContain('  the 390 s, 420 s and 450 s polls, made during the hang, share one re-check after it, whose load works: loaded, serving v5 at t=480 s');
  });
});
