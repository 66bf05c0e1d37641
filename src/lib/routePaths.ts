/**
 * Every page address in the client router's route table (`@generated/routes`),
 * which every page already loads: the "page not found" page offers the closest
 * of them and sends an address that differs from one only in case or a
 * trailing slash to the page itself.
 */
import type { RouteConfig } from 'react-router-config';

/**
 * The leaf routes, as Docusaurus writes a page for each (a route that holds
 * others, such as the docs' root, is a layout, not a page), once each; a
 * pattern such as "*" or "/blog/:slug" is not a page, nor is the 404 page.
 */
export function routePaths(table: readonly RouteConfig[]): string[] {
  const paths = table.flatMap((route): string[] => (route.routes ? routePaths(route.routes) : typeof route.path === 'string' && !/[*:]/.test(route.path) ? [route.path] : []));
  return [...new Set(paths)].filter((p) => !/\/404(\.html)?$/.test(p));
}
