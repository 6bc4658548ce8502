// Flat config. Besides the usual rules it enforces the process boundaries of ARCHITECTURE.md §3:
// core never imports electron or the renderer, the renderer never imports core, electron or node:*,
// and shared/ imports nothing but zod.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**'] },
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
    files: ['electron/**/*.{ts,cts}'],
    ignores: ['electron/core-face.ts', 'electron/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['**/core/**', '**/renderer/**'],
        'electron/ reaches core only through electron/core-face.ts (one seam to re-point) and never imports the renderer, which it loads over HTTP.',
      ),
    },
  },
  {
    files: ['electron/core-face.ts', 'electron/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict(['**/renderer/**'], 'electron/ never imports the renderer.'),
    },
  },
  {
    // A sandboxed preload must be CommonJS: `import x = require()` is how TypeScript writes that.
    files: ['electron/preload.cts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
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
