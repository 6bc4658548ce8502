// Flat config. Besides the usual rules it enforces the process boundaries of ARCHITECTURE.md §3:
// core never imports electron or the renderer, the renderer never imports core, electron or node:*,
// and shared/ imports nothing but zod.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', 'electron/*', '**/renderer/**', '**/electron/**'],
        'core/ runs under plain Node: it must not import electron or the renderer (ARCHITECTURE.md §1).',
      ),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Advice for the React Compiler, which this build does not use.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': restrict(
        ['node:*', 'electron', 'electron/*', '**/core/**', '**/electron/**'],
        'The renderer talks to core only through the typed control API in shared/api (ARCHITECTURE.md §1).',
      ),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [
          'node:*',
          'electron',
          'electron/*',
          'react',
          'react-dom',
          '**/core/**',
          '**/renderer/**',
          '**/electron/**',
        ],
        'shared/ is imported by core and renderer alike: zod and pure helpers only.',
      ),
    },
  },
);
