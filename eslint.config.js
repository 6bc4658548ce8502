// Flat config. Besides the usual rules it enforces the boundaries of docs/architecture.md: between
// processes (core never imports electron or the renderer, the renderer never imports core, electron or
// node:*, shared/ imports nothing but zod) and between the layers inside core (LAYERS below). Each layer
// rule has a test that shows a forbidden import failing (core/lint/boundaries.test.ts).
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];

const CORE_PROCESS = {
  group: ['electron', 'electron/*', '**/renderer/**', '**/electron/**'],
  message: 'core/ runs under plain Node: it must not import electron or the renderer (docs/architecture.md).',
};

const TESTS = ['**/*.test.ts', '**/testing/**'];

// Which folder of core may import which: each zone forbids `target` to import `from` (paths from the repo
// root). docs/architecture.md explains the layers.
// The layers under the tools: they know nothing of MCP, the app, the sign-in or the commands.
const LOWER_LAYERS = ['worksection', 'sandbox', 'store', 'vault', 'auth', 'upstream', 'files', 'mirror'];
const HIGHER = ['config.ts', 'app', 'account', 'commands', 'control', 'mcp', 'http', 'cli.ts'];
const LAYERS = [
  {
    target: 'core',
    from: ['core/**/testing/**', 'node_modules/vitest/**'],
    message:
      'Only tests (*.test.ts) and testing/ folders may import vitest or test support: the shipped build (tsconfig.build.json) leaves them out.',
  },
  ...LOWER_LAYERS.map((layer) => ({
    target: `core/${layer}`,
    from: HIGHER.map((h) => `core/${h}`),
    message: `core/${layer}/ is a lower layer: it never imports config, app, account, commands, control, http or mcp (pass what it needs in).`,
  })),
  {
    target: 'core/commands',
    from: ['core/store/db.ts', 'node_modules/better-sqlite3'],
    message:
      'Commands run no SQL: flags → account/, store/ or app/ services → print. Add the query to a store/ module.',
  },
  {
    target: 'core/mcp/tools',
    from: ['core/mcp/server', 'core/mcp/transports', 'core/mcp/inventory'],
    message:
      'A tool knows its kit (tools/kit), its shapes and ctx.ws, never the server, the transports or the inventory that list it.',
  },
  {
    target: 'core/worksection',
    from: 'core/sandbox',
    message: 'The Worksection client never depends on its fake: the sandbox imports the client, not back.',
  },
  {
    target: 'core/sandbox',
    from: 'core',
    except: [
      './sandbox',
      './worksection/actions.ts',
      './worksection/schemas.ts',
      './worksection/schemas',
      './worksection/filter-grammar.ts',
      './worksection/ws-date.ts',
      './worksection/admin-auth.ts',
      './worksection/activity-period.ts',
    ],
    message:
      'The sandbox fakes the Worksection API from its contract alone (worksection/ actions, schemas, filter-grammar, ws-date, admin-auth, activity-period).',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-dev/**',
      'node_modules/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
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
    files: ['core/**/*.ts', 'bench/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      // Sources import './x.js' for './x.ts' (NodeNext): resolve them as the compiler does.
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: {
      'no-restricted-imports': ['error', { patterns: [CORE_PROCESS] }],
      // Modules that import each other at run time (type-only imports vanish from the build and are not counted).
      'import-x/no-cycle': 'error',
    },
  },
  {
    // Tests and test support may reach any layer: the sandbox is every test's upstream.
    files: ['core/**/*.ts'],
    ignores: TESTS,
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: LAYERS }],
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
