/** URL path Docusaurus gives a doc served at the site root (`docs/a/b/index.mdx` is `/a/b`). */
export function permalinkFor(file: string): string {
  const withoutExt = file.replace(/^docs\//, '').replace(/\.mdx?$/, '');
  const withoutIndex = withoutExt.replace(/(^|\/)index$/, '');
  return `/${withoutIndex}`;
}
