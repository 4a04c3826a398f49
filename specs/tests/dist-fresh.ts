// Is dist/ built from the sources as they are now? The tests that start the grader run the built CLI
// (`node bin/grader.mjs`, what `npm test` and the installed command run), so they must never meet a dist/ older
// than the code beside it.
//   staleDist(root)  why dist/ is not up to date (not built, or the first build input changed after the build),
//                    or undefined
//   default export   vitest's global setup (vitest.config.ts): rebuilds dist/ (harness/build/build.mjs) when it is
//                    stale, once, before any test file runs. The fast lane builds first anyway (.ci/fast-lane.sh),
//                    so this costs nothing there; it spares a developer who runs vitest after an edit a stale run.
//                    Should the build fail, dist/ is gone (build.mjs removes it), and the tests of the command say
//                    it is not built, while every other test still runs.
// The build's inputs are every file under harness/ and specs/ but tests, test support, test data and Markdown, and
// the two tsconfig files: when one is newer than dist/harness/cli.js, dist/ is stale.

import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SKIPPED_DIRS = new Set(['node_modules', 'testdata', 'specs/tests', 'harness/test-support'])

/** The newest build input: { file, mtimeMs }. */
function newestInput(root: string): { file: string; mtimeMs: number } {
  let newest = { file: '', mtimeMs: 0 }
  const consider = (rel: string) => {
    const { mtimeMs } = statSync(path.join(root, rel))
    if (mtimeMs > newest.mtimeMs) newest = { file: rel, mtimeMs }
  }
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name) && !SKIPPED_DIRS.has(child)) walk(child)
      } else if (e.isFile() && !/\.test\.ts$|\.md$/.test(e.name)) consider(child)
    }
  }
  walk('harness')
  walk('specs')
  consider('tsconfig.json')
  consider('tsconfig.build.json')
  return newest
}

/** Why dist/ in `root` is not built from the sources as they are, or undefined when it is. */
export function staleDist(root = ROOT): string | undefined {
  let built: number
  try {
    built = statSync(path.join(root, 'dist', 'harness', 'cli.js')).mtimeMs
  } catch {
    return 'dist/ is not built'
  }
  const newest = newestInput(root)
  return newest.mtimeMs > built ? `dist/ is older than ${newest.file}` : undefined
}

export default function setup(): void {
  const why = staleDist()
  if (!why) return
  console.error(`${why}: building it (npm run build) before the tests, which run the built grader`)
  const build = spawnSync(process.execPath, [path.join(ROOT, 'harness', 'build', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] })
  if (build.status !== 0) console.error('the build failed (above): the tests that start the grader will say it is not built')
}
