/** Sizing rule for diagrams: fit the column, but keep every label readable. */

/** Smallest label size, in CSS px on screen, that a diagram may be drawn with. */
export const MIN_LABEL_PX = 11;

/**
 * The smallest scale a diagram may be drawn at, so that its smallest label
 * (`smallestFontPx` at natural size) stays at least MIN_LABEL_PX on screen.
 * Mermaid's labels are 16 px, so that is 11/16 ≈ 0.69 of the natural size.
 */
export function minScaleFor(smallestFontPx: number, minLabelPx = MIN_LABEL_PX): number {
  if (!(smallestFontPx > 0)) return 1;
  return Math.min(1, minLabelPx / smallestFontPx);
}

/**
 * Width to draw a diagram of `natural` px in a column of `available` px: the
 * natural size when it fits, else the column width, but never below
 * `minScale` of the natural size (a wider diagram scrolls inside its box and
 * is read full-size with Expand).
 */
export function diagramWidth(natural: number, available: number, minScale: number): number {
  if (!(natural > 0) || !(available > 0)) return natural;
  return natural <= available ? natural : Math.max(available, natural * minScale);
}
