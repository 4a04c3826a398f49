// Grades a recorded cluster through the real CLI (a child process, as an instructor runs it) and hands back
// the exit code, the console output and the scorecard.

import { rmSync } from 'node:fs'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { type RecordedApiServer, type RecordedObject, startRecordedApiServer } from '@trident-lab/recorded-cluster'
import type { CheckStatus } from '../../harness/check.js'
import type { Scorecard, ScorecardCheck } from '../../harness/scorecard/scorecard.js'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/**
 * The arguments of `node` that run the grader as users get it, `npm test` and npm's bin symlink alike: bin/grader.mjs,
 * which loads the built CLI (dist/harness/cli.js), then `args`. What ships is what the tests run, and a grading
 * run starts in about a second (the TypeScript sources through tsx take several). dist/ is built from the sources
 * before the tests: the fast lane runs `npm run build`, and vitest's global setup (dist-fresh.ts) rebuilds it
 * when a source is newer. `root`: another copy of the project, built there.
 */
export function graderArgs(args: string[], root = ROOT): string[] {
  return [join(root, 'bin', 'grader.mjs'), ...args]
}

export interface Graded {
  exitCode: number
  stdout: string
  stderr: string
  card?: Scorecard
  outDir: string
  server: RecordedApiServer
  check(id: string): ScorecardCheck
  statuses(): Record<string, CheckStatus>
}

export interface GradeOptions {
  args?: string[]
  env?: Record<string, string>
  /** Change the server before grading (fail, delay). */
  prepare?: (server: RecordedApiServer) => void
  student?: string
  /** Another copy of the project to run the CLI of, built (default: this one). */
  root?: string
}

/** A recorded API server for `objects` (changed by `options.prepare`) and a kubeconfig for it in a new folder. */
export async function recordedCluster(objects: RecordedObject[], options: GradeOptions): Promise<{ dir: string; server: RecordedApiServer; kubeconfig: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'grader-test-'))
  const server = await startRecordedApiServer(objects)
  options.prepare?.(server)
  const kubeconfig = join(dir, 'kubeconfig')
  await server.writeKubeconfig(kubeconfig)
  return { dir, server, kubeconfig }
}

/** Runs `npm test -- --student=alice --kubeconfig=<recorded> ...` (graderArgs) and cleans up after itself. */
export async function gradeRecorded(objects: RecordedObject[], options: GradeOptions = {}): Promise<Graded> {
  const { dir, server, kubeconfig } = await recordedCluster(objects, options)
  const outDir = join(dir, 'out')
  try {
    const root = options.root ?? ROOT
    const result = await execa(
      process.execPath,
      graderArgs([`--student=${options.student ?? 'alice'}`, `--kubeconfig=${kubeconfig}`, `--out=${outDir}`, ...(options.args ?? ['--skip=data-persists'])], root),
      {
        cwd: root,
        reject: false,
        stdin: 'ignore',
        env: { ...baseEnv(), LANG: 'en_US.UTF-8', ...options.env },
        extendEnv: false,
        timeout: 60_000,
      },
    )
    const card = await readFile(join(outDir, 'scorecard.json'), 'utf8').then(
      (t) => JSON.parse(t) as Scorecard,
      () => undefined,
    )
    return {
      exitCode: result.exitCode ?? -1,
      stdout: result.stdout,
      stderr: result.stderr,
      card,
      outDir,
      server,
      check(id) {
        const found = card?.checks.find((c) => c.id === id)
        if (!found) throw new Error(`no check ${id} on the card; stderr: ${result.stderr}`)
        return found
      },
      statuses() {
        return Object.fromEntries((card?.checks ?? []).map((c) => [c.id, c.status]))
      },
    }
  } finally {
    await server.close()
    // Keep the output folder until the process ends: tests read reports after grading.
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  }
}

/** Minimal environment a child needs: PATH and HOME only, plus what the test adds. */
export function baseEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }
}
