import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOverrun, fileForUrl, jsOverruns, KIB, MIB, summarise, weighPages, type Budgets, type PageWeight } from './pageWeight';

const budgets: Budgets = { questionPageJsKiB: 300, diagramExtraJsKiB: 200, anyPageJsKiB: 600, buildTotalMiB: 20 };

const page = (p: string, kib: number, flags: Partial<PageWeight> = {}): PageWeight => ({ path: p, question: true, diagram: false, jsBytes: kib * KIB, ...flags });

describe('size budgets', () => {
  it('maps a served script URL back to its build file, under a base path too', () => {
    expect(fileForUrl('/b', 'http://127.0.0.1:9/assets/js/main.js')).toBe(path.join('/b', 'assets/js/main.js'));
    expect(fileForUrl('/b', 'http://127.0.0.1:9/handbook/assets/js/main.js', '/handbook/')).toBe(path.join('/b', 'assets/js/main.js'));
  });

  it('weighs a page by the gzipped size of the distinct scripts it loaded', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'handbook-weight-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'assets/a.js'), 'a'.repeat(10_000));
    const [weight] = weighPages(dir, [{ path: '/x', question: true, diagram: false, scripts: ['http://h/assets/a.js', 'http://h/assets/a.js'] }]);
    expect(weight!.jsBytes).toBeGreaterThan(10);
    expect(weight!.jsBytes).toBeLessThan(200); // compressed, and counted once
  });

  it('measures a diagram page against the median question page without a diagram', () => {
    const summary = summarise([page('/q1', 250), page('/q2', 260), page('/q3', 280), page('/q4', 450, { diagram: true }), page('/tags', 240, { question: false })]);
    expect(summary.questionBaseline).toBe(260 * KIB);
    expect(summary.questionPageJs).toBe(280 * KIB);
    expect(summary.diagramExtraJs).toBe(190 * KIB);
    expect(summary.anyPageJs).toBe(450 * KIB);
  });

  it('passes pages within their budgets', () => {
    expect(jsOverruns([page('/q1', 250), page('/q2', 440, { diagram: true })], budgets)).toEqual([]);
  });

  it('names the page, its size, the budget and the overrun', () => {
    const [line, ...rest] = jsOverruns([page('/q1', 250), page('/architecture/x/q09-big', 312.5)], budgets);
    expect(rest).toEqual([]);
    expect(line).toMatch(/^\/architecture\/x\/q09-big loads 312\.5 KiB of JS \(gzipped\): 12\.5 KiB over the questionPageJsKiB budget of 300 KiB\. .*scripts\/budgets\.json/);
  });

  it('flags a page whose diagrams pull in too much', () => {
    const lines = jsOverruns([page('/q1', 250), page('/q2', 500, { diagram: true })], budgets);
    expect(lines).toEqual([expect.stringMatching(/^\/q2 loads 250\.0 KiB of JS for its diagrams .*: 50\.0 KiB over the diagramExtraJsKiB budget of 200 KiB/)]);
  });

  it('holds every page, question or not, under the ceiling', () => {
    expect(jsOverruns([page('/practice', 700, { question: false })], budgets)).toEqual([
      expect.stringMatching(/^\/practice loads 700\.0 KiB .*100\.0 KiB over the anyPageJsKiB budget/),
    ]);
  });

  it('checks the size of the whole build', () => {
    expect(buildOverrun(19 * MIB, budgets)).toBeUndefined();
    expect(buildOverrun(21.5 * MIB, budgets)).toBe(
      'build/ holds 21.50 MiB: 1.50 MiB over the buildTotalMiB budget of 20 MiB. If the growth is intended, record the new numbers in scripts/budgets.json (see README, "Budgets").',
    );
  });
});
