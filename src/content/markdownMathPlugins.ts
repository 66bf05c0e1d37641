/** The Markdown math plugins of the docs (see ./markdownMath.ts): the entry of their bundle. */
export { default as remarkMath } from 'remark-math';
export { default as rehypeKatex } from 'rehype-katex';
