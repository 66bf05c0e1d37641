import { afterEach, describe, expect, it, vi } from 'vitest';
import { demo } from './retrainingPolicy.demo';

afterEach(() => vi.restoreAllMocks());

describe('the retraining strategy demo', () => {
  it('alerts only above PSI 0.1, retrains only above 0.2, over a 5-point drop or past the 30-day floor, holds a second job for the 24 h cooldown, reaches 50% at hour 74 and 100% at hour 194, and rolls back on a worse business metric from 10% or a regressed slice from 1%', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = demo();
    // 0.1 is not > 0.1: none; 0.2 > 0.1 but not > 0.2: alert; a drop of exactly 500 bp is not over 500 bp: none;
    // 0.31 > 0.2: retrain; 700 bp > 500 bp but 5 h < 24 h after the job: suppressed; 24 h is not < 24 h: retrain;
    // 30 days is not > 30 days: none; 31 days > 30 days, last job 31 days ago: retrain.
    expect(result.decisions).toEqual(['none', 'alert', 'none', 'retrain', 'suppressed', 'retrain', 'none', 'retrain']);
    // Rollout starts after 2 h training + 24 h shadow = hour 26; 1% for 24 h -> hour 50; 10% for 24 h -> hour 74;
    // 50% for 5 × 24 = 120 h -> hour 194.
    expect(result.sharesAtHour).toEqual({ '26': 0.01, '50': 0.1, '74': 0.5, '194': 1 });
    // 2 + 24 + (24 + 24 + 120) = 194.
    expect(result.plannedHours).toBe(194);
    // Business metrics are ignored at 1% (advance after a day) and judged at 10% (rolled back an hour later).
    expect(result.secondCandidate).toEqual(['advanced to 10%', 'rolled back from 10%']);
    // Slices are judged at every stage: rolled back at the first check, still at 1%.
    expect(result.thirdCandidate).toEqual(['rolled back from 1%']);
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines).toContain('3 h before detection, PSI exactly 0.1: none');
    expect(lines).toContain('2 h before detection, PSI exactly 0.2: alert (PSI 0.200 above 0.1)');
    expect(lines).toContain('1 h before detection, accuracy 92% -> 87%: none');
    expect(lines).toContain('at detection, PSI 0.31: retrain (PSI 0.310 above 0.2)');
    // 24 h cooldown from the job at detection, asked 5 h later: 24 - 5 = 19 h.
    expect(lines).toContain(
      '5 h after detection, accuracy 92% -> 85%: suppressed (accuracy dropped 7.00 points), retry in 19 h; 24 h after: retrain (accuracy dropped 7.00 points)',
    );
    expect(lines).toContain('another model, no drift, trained 30 days ago: none; 31 days ago: retrain (scheduled floor: model is 31 days old)');
    expect(lines).toContain(
      'trained by hour 2, in shadow until hour 26, then evaluated hourly with green gates: 1% at hour 26, 10% at hour 50, 50% at hour 74, 100% at hour 194 (complete)',
    );
    // 194 / 24 = 8.08 days.
    expect(lines).toContain('hoursToFullRollout(2, 24) = 194 h (8.1 days): the hour the simulated rollout reached 100%');
    expect(lines).toContain('second candidate, business metrics worse: traffic 1% -> 10% -> 0%; advanced to 10%, rolled back from 10% (rolled-back)');
    expect(lines).toContain("third candidate, one region's error rate up: traffic 1% -> 0%; rolled back from 1% (rolled-back)");
  });
});
