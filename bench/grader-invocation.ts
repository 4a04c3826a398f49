// How the bench starts the grader: the built CLI (`node bin/grader.mjs`, what `npm test` runs) when it is built,
// else the TypeScript sources through tsx (`node --import tsx harness/cli.ts`, `npm run grader:dev`); `--grader
// built|sources` forces one (to measure before and after a change). One place, so every measurement of a run
// starts the grader the same way and the report says which one it was.

import { existsSync } from 'node:fs'
import path from 'node:path'

export type GraderChoice = 'auto' | 'built' | 'sources'

export interface GraderInvocation {
  file: string
  args: string[]
  /** For the report: `node bin/grader.mjs` or `node --import tsx harness/cli.ts`, and why. */
  label: string
  /** What was chosen: pass it back to start every later run the same way, whatever a build does meanwhile. */
  choice: 'built' | 'sources'
}

export function graderInvocation(repoRoot: string, flags: string[], choice: GraderChoice = 'auto', exists: (file: string) => boolean = existsSync): GraderInvocation {
  const bin = path.join(repoRoot, 'bin', 'grader.mjs')
  const sources = { file: process.execPath, args: ['--import', 'tsx', path.join(repoRoot, 'harness', 'cli.ts'), ...flags] }
  if (choice === 'sources') return { ...sources, label: 'node --import tsx harness/cli.ts', choice: 'sources' }
  // bin/grader.mjs loads dist/: without a build it only says so (exit 2), which is nothing to measure.
  const built = exists(bin) && exists(path.join(repoRoot, 'dist', 'harness', 'cli.js'))
  if (built || choice === 'built') return { file: process.execPath, args: [bin, ...flags], label: 'node bin/grader.mjs', choice: 'built' }
  return { ...sources, label: exists(bin) ? 'node --import tsx harness/cli.ts (dist/ is not built: npm run build)' : 'node --import tsx harness/cli.ts', choice: 'sources' }
}
