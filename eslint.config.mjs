// ESLint (flat config) with typescript-eslint's type-aware rules, for the service and the board.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'board/dist/',
      'board/.dist-*/',
      '.esbuild/',
      '.serverless/',
      '.local/',
      '.bench/',
      'coverage/',
      'test-artifacts/',
      'lib/core/flowlog/assembly/',
      'lib/core/flowlog/json-scan-wasm.generated.ts',
      'bin/',
      'eslint.config.mjs',
      // Imports the main config by its .mts path, which the type-checked program does not allow.
      'vitest.slow.config.mts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['./tsconfig.json', './board/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a binding kept for its position or destructured away on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Fire-and-forget is written `void promise`; everything else is awaited.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
      // Async methods implement promise-returning ports; an await is not what makes them right.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Where the process's own streams are the interface: the CLI, the local stack, scripts, tests.
    files: ['lib/cli/**', 'lib/local/**', 'scripts/**', 'test/**', 'board/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Tests build hostile and partial values on purpose and read untyped JSON answers.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
);
