// @ts-check
/**
 * ESLint for the code: TypeScript and React (hooks) in src/, scripts/ and the
 * configuration files. Formatting is Prettier's job, not ESLint's.
 *
 * MDX is not linted here, on purpose: the pages hold prose, an import line and
 * component tags, and the content validator (npm run validate) already parses
 * every page with the same remark-mdx parser the build uses, and checks its
 * imports, components, code blocks and links. eslint-mdx would add a second
 * MDX parser that can disagree with the build's.
 */
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['build/', 'build-*/', '.docusaurus/', 'node_modules/', 'coverage/', 'docs/', '**/*.mdx', '**/*.md'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // React lives in src/ (components, theme, pages, hooks); the example modules and the scripts have none, so
    // analysing them for hooks was wasted work (about 2 of the lint's 18 CPU-seconds).
    ...reactHooks.configs.flat.recommended,
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/examples/**'],
  },
  {
    rules: {
      // `_name` marks a parameter that must exist for a signature but is unused.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Docusaurus loads these with require(); they stay CommonJS.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
