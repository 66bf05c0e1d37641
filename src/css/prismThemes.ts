/**
 * The code-block themes: Prism's github (light) and dracula (dark), with every
 * token colour that falls below WCAG AA (4.5:1) on the block's background
 * darkened or lightened just enough to pass. Comments in the stock themes sit
 * near 2.7:1 and 3:1, which readers of a printed page or a bright screen lose.
 */
import { themes, type PrismTheme } from 'prism-react-renderer';
import { parseColor, toHex, withContrast } from './contrast';

/** A little above 4.5 so rounding in the browser never lands just below it. */
export const CODE_CONTRAST = 4.6;

export function accessibleTheme(theme: PrismTheme, ratio = CODE_CONTRAST): PrismTheme {
  const background = parseColor(theme.plain.backgroundColor ?? '');
  if (!background) throw new Error(`Prism theme background "${theme.plain.backgroundColor}" is not a plain colour`);
  const fix = (color: string | undefined): string | undefined => {
    const rgb = color ? parseColor(color) : undefined;
    return rgb ? toHex(withContrast(rgb, background, ratio)) : color;
  };
  return {
    plain: { ...theme.plain, color: fix(theme.plain.color) },
    styles: theme.styles.map((style) => ({ ...style, style: { ...style.style, color: fix(style.style.color) } })),
  };
}

export const lightCodeTheme = accessibleTheme(themes.github);
export const darkCodeTheme = accessibleTheme(themes.dracula);
