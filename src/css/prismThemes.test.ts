import { themes } from 'prism-react-renderer';
import { describe, expect, it } from 'vitest';
import { contrastRatio, parseColor, withContrast } from './contrast';
import { accessibleTheme, darkCodeTheme, lightCodeTheme } from './prismThemes';

describe('contrast arithmetic', () => {
  it('agrees with the WCAG reference values', () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrastRatio(parseColor('#999988')!, parseColor('#f6f8fa')!)).toBeCloseTo(2.71, 2);
    expect(contrastRatio(parseColor('rgb(98, 114, 164)')!, parseColor('#282a36')!)).toBeCloseTo(3.03, 2);
  });

  it('reads hex, rgb(a) and hsl colours and rejects the rest', () => {
    expect(parseColor('#fff')).toEqual([255, 255, 255]);
    expect(parseColor('rgba(239, 83, 80, 0.56)')).toEqual([239, 83, 80]);
    expect(parseColor('hsl(0, 100%, 50%)')).toEqual([255, 0, 0]);
    expect(parseColor('linear-gradient(red, blue)')).toBeUndefined();
  });

  it('leaves a colour that passes unchanged and moves one that fails just past the ratio', () => {
    const white: [number, number, number] = [255, 255, 255];
    expect(withContrast([0, 0, 0], white, 4.5)).toEqual([0, 0, 0]);
    const fixed = withContrast(parseColor('#999988')!, white, 4.5);
    expect(contrastRatio(fixed, white)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(fixed, white)).toBeLessThan(5);
  });
});

describe('code-block themes', () => {
  it('the stock github and dracula themes fail AA, which is why they are adjusted', () => {
    const worst = (theme: typeof themes.github): number => {
      const bg = parseColor(theme.plain.backgroundColor!)!;
      return Math.min(...theme.styles.map((s) => (s.style.color ? contrastRatio(parseColor(s.style.color)!, bg) : 21)));
    };
    expect(worst(themes.github)).toBeLessThan(4.5);
    expect(worst(themes.dracula)).toBeLessThan(4.5);
  });

  it.each([
    ['light', lightCodeTheme],
    ['dark', darkCodeTheme],
  ])('every token colour of the %s theme reaches 4.5:1 on its background', (_name, theme) => {
    const background = parseColor(theme.plain.backgroundColor!)!;
    const colors = [theme.plain.color, ...theme.styles.map((s) => s.style.color)].filter((c): c is string => Boolean(c));
    expect(colors.length).toBeGreaterThan(5);
    for (const color of colors) expect(contrastRatio(parseColor(color)!, background), color).toBeGreaterThanOrEqual(4.5);
  });

  it('refuses a theme whose background is not a plain colour', () => {
    expect(() => accessibleTheme(themes.synthwave84)).toThrow(/not a plain colour/);
  });
});
