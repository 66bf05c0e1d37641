import type { LoadContext, Plugin } from '@docusaurus/types';
import { describe, expect, it } from 'vitest';
import { CodeThemeError, codeColourCss } from '../../css/codeColours';
import { darkCodeTheme, lightCodeTheme } from '../../css/prismThemes';
import codeColoursPlugin from './index';

const contextWith = (prism: unknown): LoadContext => ({ siteConfig: { themeConfig: { prism } } }) as unknown as LoadContext;

/** Runs contentLoaded as Docusaurus does, keeping what the plugin writes with createData. */
async function load(plugin: Plugin): Promise<Map<string, string>> {
  const written = new Map<string, string>();
  const createData = async (name: string, data: string) => {
    written.set(`/generated/code-colours/default/${name}`, data);
    return `/generated/code-colours/default/${name}`;
  };
  await plugin.contentLoaded?.({ content: undefined, actions: { createData } as never });
  return written;
}

describe('the code-colours plugin', () => {
  it("writes the stylesheet for the config's two Prism themes and hands it to every page as a client module", async () => {
    const plugin = codeColoursPlugin(contextWith({ theme: lightCodeTheme, darkTheme: darkCodeTheme }));
    const written = await load(plugin);
    expect(plugin.getClientModules?.()).toEqual([...written.keys()]);
    expect([...written.values()]).toEqual([codeColourCss(lightCodeTheme, darkCodeTheme)]);
  });

  it('uses the light theme for dark mode too when the config names no dark theme, as the theme does', async () => {
    const written = await load(codeColoursPlugin(contextWith({ theme: lightCodeTheme })));
    expect([...written.values()]).toEqual([codeColourCss(lightCodeTheme, lightCodeTheme)]);
  });

  it('stops the build as it starts when a theme cannot be written as rules, and never hands out a stylesheet it has not written', () => {
    const perLanguage = { ...lightCodeTheme, styles: [{ types: ['keyword'], languages: ['ts'], style: { color: '#000' } }] };
    expect(() => codeColoursPlugin(contextWith({ theme: perLanguage }))).toThrow(CodeThemeError);
    expect(() => codeColoursPlugin(contextWith({ theme: lightCodeTheme })).getClientModules?.()).toThrow(/before contentLoaded/);
  });
});
