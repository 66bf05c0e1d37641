/**
 * The docs plugin, minus one copy of every page's text. The plugin hands each
 * doc page the metadata of the whole docs version, including the title and
 * description of every doc (here, every question and its key insight), for
 * the theme's DocCard lists, which the handbook does not use: overviews list
 * their questions from their own data (src/content/derive.ts). This wrapper
 * keeps that map's ids and sidebars and drops the texts, so a page no longer
 * downloads all 55 key insights. Everything else is the docs plugin as is.
 */
import pluginContentDocs, { validateOptions } from '@docusaurus/plugin-content-docs';
import type { LoadContext, Plugin, RouteConfig } from '@docusaurus/types';

type DocsPlugin = Awaited<ReturnType<typeof pluginContentDocs>>;
type DocsOptions = Parameters<typeof pluginContentDocs>[1];

interface VersionDoc {
  id: string;
  sidebar?: string;
  title?: string;
  description?: string;
}

/** A route (and its children) with the per-doc texts of any version metadata prop removed. */
export function withoutDocTexts(route: RouteConfig): RouteConfig {
  const version = (route.props as { version?: { docs?: Record<string, VersionDoc> } } | undefined)?.version;
  const next: RouteConfig = { ...route };
  if (version?.docs) {
    const docs = Object.fromEntries(Object.entries(version.docs).map(([id, doc]) => [id, { id: doc.id, ...(doc.sidebar ? { sidebar: doc.sidebar } : {}) }]));
    next.props = { ...route.props, version: { ...version, docs } };
  }
  if (route.routes) next.routes = route.routes.map(withoutDocTexts);
  return next;
}

export default async function leanDocsPlugin(context: LoadContext, options: DocsOptions): Promise<Plugin<unknown>> {
  const plugin: DocsPlugin = await pluginContentDocs(context, options);
  return {
    ...plugin,
    async contentLoaded(args) {
      const addRoute = (route: RouteConfig): void => args.actions.addRoute(withoutDocTexts(route));
      await plugin.contentLoaded?.({ ...args, actions: { ...args.actions, addRoute } } as Parameters<NonNullable<DocsPlugin['contentLoaded']>>[0]);
    },
  } as Plugin<unknown>;
}

export { validateOptions };
