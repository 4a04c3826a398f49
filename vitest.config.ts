import { defineConfig } from 'vitest/config'

// Two kinds of test files live in this repository and never mix:
//   specs/**/*.spec.ts  graded lab objectives; run only through the harness (npm test -- --student=<ns>)
//   **/*.test.ts        the project's own tests (npm run selftest)
//     *.lab.test.ts     need the lab cluster (npm run lab:up); the rest need nothing but this machine
const ownTests = ['harness/**/*.test.ts', 'specs/**/*.test.ts', 'fixtures/**/*.test.ts', '.ci/**/*.test.ts']

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'self',
          include: ownTests,
          exclude: ['**/*.lab.test.ts', '**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'lab',
          include: ['**/*.lab.test.ts'],
          exclude: ['**/node_modules/**'],
          // One real cluster is shared: lab tests run one file at a time.
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
})
