// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

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
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
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
    files: ['test/**/*.ts', 'bench/**/*.ts'],
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
