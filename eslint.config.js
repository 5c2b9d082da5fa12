// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';

/** Modules the domain core must never import: it knows nothing of Teams, Graph, UI, HTTP or storage. */
const doorModules = [
  'botbuilder',
  'botbuilder-*',
  'botframework-*',
  '@microsoft/*',
  '@azure/*',
  '@fluentui/*',
  'react',
  'react-dom',
  'fastify',
  '@fastify/*',
  'express',
  'http',
  'https',
  'node:http',
  'node:https',
  'better-sqlite3',
  '**/store/**',
  '**/server/**',
  '**/bot/**',
  '**/tabs/**',
  '**/outlook/**',
  '**/graph/**',
];

export default tseslint.config(
  {
    ignores: ['dist/', 'dist-bench/', 'coverage/', 'node_modules/', '.data/', 'appPackage/build/'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          // vite.config.ts has its own program (tsconfig.vite.json): Vite's types must stay out of the server's.
          allowDefaultProject: ['vite.config.ts', 'vite.outlook.config.ts'],
          defaultProject: 'tsconfig.vite.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: doorModules,
              message: 'src/core is the pure domain: no Teams, Graph, UI, HTTP or storage imports.',
            },
          ],
        },
      ],
    },
  },
  {
    // The investigator tab: hooks used as React requires, accessible JSX (WCAG 2.1 AA), and
    // nothing of the server: a browser bundle must not reach for Node or the doors behind it.
    // The Outlook pane is the same kind of code, and reuses the tab's components.
    files: ['src/tabs/**/*.{ts,tsx}', 'src/outlook/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended, jsxA11y.flatConfigs.strict],
    rules: {
      'react-hooks/exhaustive-deps': 'error',
      // A region that scrolls sideways must be reachable by keyboard to scroll it (WCAG 2.1.1).
      'jsx-a11y/no-noninteractive-tabindex': [
        'error',
        { tags: [], roles: ['tabpanel', 'region'], allowExpressionValues: true },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'better-sqlite3',
                'pino',
                'fastify',
                'botbuilder*',
                '**/server/**',
                '**/store/**',
                '**/bot/**',
              ],
              message:
                'src/tabs and src/outlook run in the browser: no Node modules and nothing of the server.',
            },
            {
              group: ['**/core/service.js', '**/core/clocks.js', '**/core/calendar.js'],
              allowTypeImports: true,
              message:
                'Server-side core module (node:crypto or the holiday calendar): import types only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/tabs/**/*.{ts,tsx}', 'test/outlook/**/*.tsx'],
    extends: [reactHooks.configs.flat.recommended],
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
