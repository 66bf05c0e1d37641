import { describe, expect, it } from 'vitest';
import { diagramWidth, MIN_LABEL_PX, minScaleFor } from './diagramWidth';

describe('minScaleFor', () => {
  it('lets 16 px labels shrink to 11 px and no further', () => {
    expect(minScaleFor(16)).toBeCloseTo(11 / 16);
    expect(16 * minScaleFor(16)).toBeCloseTo(MIN_LABEL_PX);
  });

  it('does not shrink a diagram whose labels are already at or below the minimum', () => {
    expect(minScaleFor(11)).toBe(1);
    expect(minScaleFor(9)).toBe(1);
  });

  it('does not shrink when the label size is unknown', () => {
    expect(minScaleFor(Number.NaN)).toBe(1);
    expect(minScaleFor(0)).toBe(1);
  });
});

describe('diagramWidth', () => {
  const scale = minScaleFor(16);

  it('keeps a diagram that fits at its natural size', () => {
    expect(diagramWidth(500, 700, scale)).toBe(500);
  });

  it('shrinks a slightly wide diagram to the column', () => {
    expect(diagramWidth(800, 700, scale)).toBe(700);
  });

  it('never shrinks labels below 11 px; wider diagrams scroll in their box', () => {
    expect(diagramWidth(2000, 700, scale)).toBeCloseTo(2000 * (11 / 16));
  });

  it('leaves unknown sizes alone', () => {
    expect(diagramWidth(Number.NaN, 700, scale)).toBeNaN();
    expect(diagramWidth(900, 0, scale)).toBe(900);
  });
});
