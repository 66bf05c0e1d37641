/**
 * Colours the code blocks with a stylesheet written from the config's Prism
 * themes (src/css/codeColours.ts), handed to the site's CSS as a client
 * module. The highlighter (src/lib/highlight, through highlight-on-demand)
 * writes no colours of its own, and src/theme/CodeBlock/Container none on
 * the block, so without this plugin code would show in one colour.
 */
import type { LoadContext, Plugin } from '@docusaurus/types';
import type { PrismTheme } from 'prism-react-renderer';
import { codeColourCss } from '../../css/codeColours';

interface PrismConfig {
  theme: PrismTheme;
  darkTheme?: PrismTheme;
}

export default function codeColoursPlugin(context: LoadContext): Plugin {
  const { theme, darkTheme = theme } = (context.siteConfig.themeConfig as { prism: PrismConfig }).prism;
  // Written as the plugin is created, so a theme the stylesheet cannot express stops the build at once, with its message.
  const css = codeColourCss(theme, darkTheme);
  let stylesheet: string | undefined;
  return {
    name: 'code-colours',
    async contentLoaded({ actions }) {
      stylesheet = await actions.createData('code-colours.css', css);
    },
    // Docusaurus asks for client modules once every plugin's content is loaded (createSiteFiles).
    getClientModules() {
      if (stylesheet === undefined) throw new Error('code-colours: Docusaurus asked for client modules before contentLoaded wrote the stylesheet');
      return [stylesheet];
    },
  };
}
