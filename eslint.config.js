// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', '.sandbox-data/', 'dist/', '.bench-build/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Only src/cli.ts and src/config/ read the environment.' }],
    },
  },
  {
    files: ['src/cli.ts', 'src/config/**', 'test/**', 'bench/**', '*.config.*'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The protocol core stays pure: it never reaches into the layers around it.
    files: ['src/scim/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/http/**', '**/core/**', '**/upstreams/**', '**/store/**', 'fastify', 'undici'] }],
    },
  },
);
