import { existsSync } from 'node:fs';
import path from 'node:path';
import type * as Preset from '@docusaurus/preset-classic';
import type { Config } from '@docusaurus/types';
import { deriveFrontMatter } from './src/content/derive';
import { loadMarkdownMath, type MarkdownMath } from './src/content/markdownMath';
import { MERMAID_OPTIONS } from './src/content/mermaidOptions';
import { questionIndexReader } from './src/content/questionIndex';
import remarkShortLinks from './src/content/remarkShortLinks';
import { referenceCatalog } from './src/content/references';
import { collectRedirects } from './src/content/redirects';
import { shortLinksFor } from './src/content/shortLinks';
import { siteAddressFrom, SiteAddressError, type SiteAddress } from './src/content/siteAddress';
import { writeTagsFile } from './src/content/tags';
import { TRACKS } from './src/content/tracks';
import { darkCodeTheme, lightCodeTheme } from './src/css/prismThemes';
import { OFFLINE_PRECACHE } from './src/offline/precache';

/** The one place that names the repository; edit links and footer derive from it. */
const repository = {
  url: 'https://github.com/ai-architecture-handbook/ai-architecture-interview-handbook',
  branch: 'main',
};

/**
 * SITE_URL=https://<user>.github.io and BASE_URL=/<repository>/ publish under a sub-path
 * (GitHub Pages project sites); both default to the project's own site at its root.
 */
function siteAddress(): SiteAddress {
  try {
    return siteAddressFrom(process.env);
  } catch (error) {
    if (!(error instanceof SiteAddressError)) throw error;
    // A mistyped variable is the user's to fix: say what and how, without a stack trace.
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
}
const { url: siteUrl, baseUrl } = siteAddress();

const redirects = collectRedirects(path.join(__dirname, 'docs'));
// Link a track from the navbar only once it exists, so no link is ever dead.
// A track appears in the navigation once its overview page exists.
const publishedTracks = TRACKS.filter((track) => existsSync(path.join(__dirname, 'docs', track.slug, 'index.mdx')));
// Labels and descriptions of the topic and difficulty tag pages, derived from tracks.ts and the overviews.
const tagsFile = writeTagsFile(__dirname, path.join(__dirname, 'docs'));
// Pages and links that show other questions read this index; a build reads it once, `npm start` on every page it parses.
const questionIndex = questionIndexReader(path.join(__dirname, 'docs'), { oncePerBuild: process.env.NODE_ENV === 'production' });

function siteConfig({ remarkMath, rehypeKatex }: MarkdownMath) {
  return {
    title: 'AI Architecture Interview Handbook',
    tagline: 'Questions, answers, tested code and the numbers behind them, for AI and ML architect interviews.',
    favicon: 'img/favicon.svg',
    url: siteUrl,
    baseUrl,
    trailingSlash: false,

    onBrokenLinks: 'throw',
    onBrokenAnchors: 'throw',
    onDuplicateRoutes: 'throw',

    customFields: { repository },

    // Every "faster" option but the HTML minifier: @swc/html (1.16) writes the escaped text "&amp;&lt;" as "&<",
    // so code or prose holding "&<" would reach readers as markup before the page hydrates, and for good in the
    // book and the search index. Docusaurus's other minifier, html-minifier-terser, keeps it escaped
    // (scripts/htmlMinifier.test.ts); `npm run build` skips minifying altogether (package.json, build:site).
    // Rspack's persistent cache serves the dev server, whose restarts it speeds up. A production build goes without:
    // CI builds from a fresh clone and never reads it back, yet writing it raised the peak memory by 0.14 GiB, and
    // what is published should not rest on cached output (it once gave a sub-path build the root's font URLs).
    future: { v4: true, faster: { swcHtmlMinimizer: false, rspackPersistentCache: process.env.NODE_ENV !== 'production' } },

    // src/i18n/en/code.json renames a few of the theme's English strings (a tag page lists questions, not "docs").
    i18n: { defaultLocale: 'en', locales: ['en'], path: 'src/i18n' },

    markdown: {
      mermaid: true,
      hooks: {
        onBrokenMarkdownLinks: 'throw',
        onBrokenMarkdownImages: 'throw',
      },
      // Question pages state their key insight, number and label once; the
      // description (for link previews), sidebar label and order derive from them,
      // and so does what a page shows of others (references, related questions,
      // an overview's list): each page carries only the data it renders.
      parseFrontMatter: async (params) => {
        const result = await params.defaultParseFrontMatter(params);
        const site = { questions: questionIndex(), catalog: referenceCatalog };
        return { ...result, frontMatter: deriveFrontMatter(params.filePath, result.frontMatter, site) };
      },
    },

    themes: [
      '@docusaurus/theme-mermaid',
      [
        // Offline full-text search: the index is built with the site, nothing is sent anywhere.
        '@easyops-cn/docusaurus-search-local',
        {
          docsRouteBasePath: '/',
          indexBlog: false,
          indexPages: false,
          // The example modules shown whole on question pages are most of their text: searched, their identifiers
          // drowned the prose, and they made the index that a reader's first search downloads four times larger.
          // Each question's reference list repeats entries of the references page, which the index keeps with their
          // "Cited by" links: a search for an author finds one result instead of one per citing page. Likewise the
          // related questions, each found by its own page. Without both, the index is 918 -> 767 KiB gzipped. The example
          // code (highlighted, or a folded demo's plain text) is left out like any code block.
          ignoreCssSelectors: ['figure[data-example] pre', 'figure[data-example] [data-folded-demo]', 'ol[data-references]', 'ul[data-related-questions]'],
          hashed: true,
          highlightSearchTermsOnTargetPage: true,
          searchResultLimits: 10,
        },
      ],
    ],

    // KaTeX's stylesheet and fonts are bundled and served by the site: no CDN, so printed and offline copies render.
    clientModules: [require.resolve('katex/dist/katex.min.css'), './src/clientModules/copyHeadingLinks.ts'],

    presets: [
      [
        'classic',
        {
          // The docs plugin is added below, wrapped (src/plugins/lean-docs).
          docs: false,
          blog: false,
          theme: { customCss: './src/css/custom.css' },
        } satisfies Preset.Options,
      ],
    ],

    plugins: [
      [
        // The classic preset's docs plugin, without every doc's title and key insight in each page's data.
        './src/plugins/lean-docs/index.ts',
        {
          routeBasePath: '/',
          path: 'docs',
          sidebarPath: './sidebars.ts',
          editUrl: `${repository.url}/edit/${repository.branch}/`,
          showLastUpdateTime: true,
          // "$" is money in prose; formulas use $$…$$ (inline or as a block).
          remarkPlugins: [
            [remarkMath, { singleDollarTextMath: false }],
            // Links written as short links (/q/22) point straight at the page, and the build's link check sees a real page.
            [remarkShortLinks, { questions: questionIndex }],
          ],
          rehypePlugins: [rehypeKatex],
          tags: tagsFile,
          // Free-form tags in a question's frontmatter are welcome; only topic and difficulty tags need a definition.
          onInlineTags: 'ignore',
        },
      ],
      './src/plugins/handbook-content/index.ts',
      // Diagrams are drawn in the browser: the server bundle need not compile Mermaid.
      './src/plugins/mermaid-browser-only/index.ts',
      // The browser's bundle keeps only the diagram kinds and layouts the handbook draws (src/content/diagramKinds.ts).
      './src/plugins/mermaid-kinds/index.ts',
      // A sub-path build keeps its own bundler cache: the shared one would serve it the root's asset URLs.
      './src/plugins/base-url-cache/index.ts',
      // Prism loads with the first code block, not in every page's entry script.
      './src/plugins/highlight-on-demand/index.ts',
      // Code colours as a stylesheet per colour scheme, so the server's HTML is right before scripts run.
      './src/plugins/code-colours/index.ts',
      // The site has no PostCSS config: postcss-loader need not search for one for every stylesheet.
      './src/plugins/postcss-no-config-search/index.ts',
      // KaTeX's small fonts as files, fetched by the pages that draw them, not inlined into every page's stylesheet.
      './src/plugins/fonts-as-files/index.ts',
      [
        // Offline reading (production builds only): a service worker that precaches the site once a reader turns
        // it on from the footer or installs the handbook. src/components/OfflineReading registers it, lazily.
        '@docusaurus/plugin-pwa',
        {
          swRegister: false,
          swCustom: path.resolve(__dirname, 'src/offline/swCustom.js'),
          injectManifestConfig: OFFLINE_PRECACHE,
          pwaHead: [
            { tagName: 'link', rel: 'manifest', href: '/manifest.json' },
            { tagName: 'meta', name: 'theme-color', content: '#1a5fb4' },
          ],
        },
      ],
      './src/plugins/offline-reading/index.ts',
      [
        '@docusaurus/plugin-client-redirects',
        // A renamed page lists its old paths in `redirectFrom`, so links in wikis keep working.
        // Short links for wikis and chat: /q/7 (Architecture Q&A) and /i/7 (interview track), derived from the URL.
        {
          createRedirects: (existingPath: string) => {
            const from = [...(redirects.get(existingPath.replace(/\/$/, '')) ?? []), ...shortLinksFor(existingPath)];
            return from.length > 0 ? from : undefined;
          },
        },
      ],
    ],

    themeConfig: {
      // Link previews in wikis and chat show this card (scripts/social-card.ts draws it).
      image: 'img/social-card.png',
      colorMode: { respectPrefersColorScheme: true },
      navbar: {
        title: 'AI Architecture Handbook',
        logo: { alt: 'Handbook logo', src: 'img/logo.svg' },
        items: [
          ...publishedTracks.map((track) => ({ to: `/${track.slug}`, label: track.navLabel, position: 'left' as const })),
          { to: '/cheat-sheet', label: 'Cheat sheet', position: 'left' },
          { to: '/tools', label: 'Calculators', position: 'left' },
          { to: '/practice', label: 'Practice', position: 'left' },
          // The validation report is for contributors: it lives in the footer, not here.
          { to: '/references', label: 'References', position: 'right' },
          { href: repository.url, label: 'GitHub', position: 'right', className: 'navbar-github-link' },
        ],
      },
      footer: {
        style: 'dark',
        links: [
          {
            title: 'Read',
            items: [
              ...publishedTracks.map((track) => ({ label: track.label, to: `/${track.slug}` })),
              { label: 'References', to: '/references' },
              { label: 'Cheat sheet (page and PDF)', to: '/cheat-sheet' },
              { label: 'Calculators', to: '/tools' },
              { label: 'Practice', to: '/practice' },
            ],
          },
          {
            title: 'Contribute',
            items: [
              { label: 'Repository', href: repository.url },
              { label: 'How to contribute', href: `${repository.url}/blob/${repository.branch}/CONTRIBUTING.md` },
              { label: 'Validation report', to: '/validation-report' },
            ],
          },
        ],
        copyright: 'Code under the MIT licence; text and diagrams under CC BY 4.0.',
      },
      prism: {
        // github and dracula with token colours raised to WCAG AA (see src/css/prismThemes.ts).
        theme: lightCodeTheme,
        darkTheme: darkCodeTheme,
        additionalLanguages: ['bash', 'json', 'yaml'],
      },
      mermaid: {
        theme: { light: 'neutral', dark: 'dark' },
        // Shared with the validator, which reads every diagram with the same settings.
        options: MERMAID_OPTIONS,
      },
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
    } satisfies Preset.ThemeConfig,
  } satisfies Config;
}

/** The site's config, made once the Markdown math plugins are loaded from their bundle (src/content/markdownMath.ts). */
export default async function createConfig() {
  return siteConfig(await loadMarkdownMath());
}
