// ESLint, for bugs rather than layout (Prettier owns the layout: .prettierrc.json).
//   npm run lint          what CI runs (.ci/run, counted as the check `lint`)
//   npm run lint -- --fix  applies the fixes ESLint knows
//
// The base is ESLint's and typescript-eslint's recommended rules. TypeScript files are also linted with their types
// (the project service reads tsconfig.json), for the promise rules that only types can check: a promise nobody
// awaits or catches, an async function where a callback's result is ignored, an await on something that is no
// promise. That costs time (about a minute for the whole tree on two cores, against a third of that without types).

import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig(
  // What installs, builds and runs produce, and fixture data (as in .prettierignore).
  globalIgnores(['dist/', 'reports/', '.lab/', '.scratch/', 'fixtures/cluster/_out/', 'fixtures/cluster/labkube/', '**/testdata/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // `any` is used on purpose where a library gives no types (gRPC stubs loaded at run time) and in tests that
      // forge invalid input; the rule finds no bug there.
      '@typescript-eslint/no-explicit-any': 'off',
      // Control characters in regular expressions are what the sanitizers (scorecard/safe-text.ts, redaction)
      // look for.
      'no-control-regex': 'off',
      // A leading underscore marks a binding kept on purpose (a rest destructuring that drops a field).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.ts', '**/*.mts'],
    languageOptions: {
      parserOptions: {
        // tsconfig.json names .ci/*.ts (a folder pattern would skip the dot folder), so every file has its project.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
)
