import { describe, expect, it } from 'vitest';
import { CHEAT_SHEET_FIGURES } from '../../lib/formulas';
import { DEFAULTS, evaluate } from './model';

describe('cloud cost calculator', () => {
  it('opens on the cheat sheet month and agrees with it to the cent', () => {
    const { result } = evaluate(DEFAULTS);
    expect(result?.gpu).toBe(CHEAT_SHEET_FIGURES.costGpu.text);
    expect(result?.cpu).toBe(CHEAT_SHEET_FIGURES.costCpu.text);
    expect(result?.storage).toBe(CHEAT_SHEET_FIGURES.costStorage.text);
    expect(result?.egress).toBe(CHEAT_SHEET_FIGURES.costEgress.text);
    expect(result?.total).toBe(CHEAT_SHEET_FIGURES.costTotal.text);
    expect(result?.perRequest).toBe(CHEAT_SHEET_FIGURES.costPerRequest.text);
    expect(result?.perMillion).toBe('$272.52 per million requests');
  });

  it('prices spot GPUs for half the month', () => {
    expect(evaluate({ ...DEFAULTS, gpuPrice: '0.45', gpuHours: '365' }).result?.gpu).toBe('$328.50');
  });

  it('accepts a month with nothing but storage', () => {
    const { result } = evaluate({ ...DEFAULTS, gpus: '0', vcpus: '0', egressGb: '0' });
    expect(result?.total).toBe('$23.00 per month');
  });

  it('rejects more hours than a month has, negative prices and zero requests', () => {
    const { errors, result } = evaluate({ ...DEFAULTS, gpuHours: '800', gpuPrice: '-1', requests: '0' });
    expect(result).toBeUndefined();
    expect(errors).toEqual({
      gpuHours: 'Hours per GPU above 744 h per month is not realistic: check the value.',
      gpuPrice: 'GPU price cannot be negative.',
      requests: 'Requests must be more than 0 per month.',
    });
  });

  it('never shows NaN or Infinity at the edges of the accepted ranges', () => {
    const max = evaluate({
      gpus: '100000',
      gpuHours: '744',
      gpuPrice: '200',
      vcpus: '1000000',
      vcpuHours: '744',
      vcpuPrice: '10',
      storageGb: '1e10',
      storagePrice: '10',
      egressGb: '1e10',
      egressPrice: '10',
      requests: '0.001',
    });
    expect(JSON.stringify(max)).not.toMatch(/NaN|Infinity|e\+/);
  });
});
