/** Sizing rule for diagrams: fit the column, but stay readable. */

export const MIN_SCALE = 0.7;

/** Width to draw a diagram of `natural` px in a column of `available` px. */
export function diagramWidth(natural: number, available: number, minScale = MIN_SCALE): number {
  if (!(natural > 0) || !(available > 0)) return natural;
  return natural <= available ? natural : Math.max(available, natural * minScale);
}
