import { describe, expect, it } from 'vitest';
import { diagramWidth, MIN_SCALE } from './diagramWidth';

describe('diagramWidth', () => {
  it('keeps a diagram that fits at its natural size', () => {
    expect(diagramWidth(500, 700)).toBe(500);
  });

  it('shrinks a slightly wide diagram to the column', () => {
    expect(diagramWidth(800, 700)).toBe(700);
  });

  it('never shrinks below the minimum scale; wider diagrams scroll', () => {
    expect(diagramWidth(2000, 700)).toBe(2000 * MIN_SCALE);
  });

  it('leaves unknown sizes alone', () => {
    expect(diagramWidth(Number.NaN, 700)).toBeNaN();
    expect(diagramWidth(900, 0)).toBe(900);
  });
});
