import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

// Two kinds of test files live in this repository and never mix:
//   specs/**/*.spec.ts  graded lab objectives; run only through the harness (npm test -- --student=<ns>)
//   **/*.test.ts        the project's own tests (npm run selftest)
//     *.lab.test.ts     need the lab cluster (npm run lab:up); the rest need nothing but this machine
//     *.copy.test.ts    run the fast lane again in a copy of the project (project `copy`: as slow as `self` itself)
const ownTests = ['harness/**/*.test.ts', 'specs/**/*.test.ts', 'fixtures/**/*.test.ts', 'bench/**/*.test.ts', '.ci/**/*.test.ts']
// Tests start the grader as users do, the built CLI (node bin/grader.mjs): dist/ is rebuilt first when a source is
// newer, once per run (specs/tests/dist-fresh.ts).
const globalSetup = ['specs/tests/dist-fresh.ts']

/**
 * Lab test files run in a fixed order: the cluster's lifecycle test first (it stops and restarts the cluster,
 * which would wipe what other files set up), then the rest by path, so a failure reproduces.
 */
class LabOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const lab = sorted.filter((f) => f.moduleId.endsWith('.lab.test.ts'))
    const rank = (f: TestSpecification) => (f.moduleId.endsWith('/fixtures/cluster/lifecycle.lab.test.ts') ? 0 : 1)
    lab.sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId))
    return [...sorted.filter((f) => !f.moduleId.endsWith('.lab.test.ts')), ...lab]
  }
}

export default defineConfig({
  test: {
    // vitest takes the sequencer from the root config only; it orders the files of every project.
    sequence: { sequencer: LabOrder },
    projects: [
      {
        test: {
          name: 'self',
          include: ownTests,
          globalSetup,
          exclude: ['**/*.lab.test.ts', '**/*.copy.test.ts', '**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'copy',
          include: ['**/*.copy.test.ts'],
          exclude: ['**/node_modules/**'],
          // Each test sets its own time (a whole fast lane); one file at a time.
          fileParallelism: false,
          testTimeout: 20 * 60_000,
          hookTimeout: 20 * 60_000,
        },
      },
      {
        test: {
          name: 'lab',
          include: ['**/*.lab.test.ts'],
          globalSetup,
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
