/**
 * WCAG 2 contrast arithmetic, used to keep the code-block themes readable:
 * every token colour reaches 4.5:1 on its background, as axe-core demands.
 */

export type Rgb = readonly [number, number, number];

/** Parses #rgb, #rrggbb, rgb()/rgba() (alpha ignored) and hsl(). Returns undefined for anything else. */
export function parseColor(text: string): Rgb | undefined {
  const value = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(value)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
  }
  const rgb = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)/.exec(value);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  const hsl = /^hsl\(\s*([\d.]+)\s*,\s*([\d.]+)%\s*,\s*([\d.]+)%\s*\)$/.exec(value);
  if (hsl) {
    const h = Number(hsl[1]);
    const s = Number(hsl[2]) / 100;
    const l = Number(hsl[3]) / 100;
    const a = s * Math.min(l, 1 - l);
    const f = (n: number): number => {
      const k = (n + h / 30) % 12;
      return Math.round((l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))) * 255);
    };
    return [f(0), f(8), f(4)];
  }
  return undefined;
}

export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

function luminance([r, g, b]: Rgb): number {
  const channel = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The colour nearest to `color` (mixed towards black on a light background,
 * towards white on a dark one) that reaches `ratio` against `background`.
 * Keeps the hue family, so a theme still looks like itself.
 */
export function withContrast(color: Rgb, background: Rgb, ratio: number): Rgb {
  if (contrastRatio(color, background) >= ratio) return color;
  const target = luminance(background) > 0.5 ? 0 : 255;
  for (let step = 1; step <= 100; step++) {
    const t = step / 100;
    const mixed = color.map((c) => Math.round(c + (target - c) * t)) as unknown as Rgb;
    if (contrastRatio(mixed, background) >= ratio) return mixed;
  }
  return [target, target, target];
}
