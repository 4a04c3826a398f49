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
  /** Another copy of the project to run the CLI of (default: this one). */
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

/** Runs `npm test -- --student=alice --kubeconfig=<recorded> ...` and cleans up after itself. */
export async function gradeRecorded(objects: RecordedObject[], options: GradeOptions = {}): Promise<Graded> {
  const { dir, server, kubeconfig } = await recordedCluster(objects, options)
  const outDir = join(dir, 'out')
  try {
    const root = options.root ?? ROOT
    const result = await execa(
      process.execPath,
      ['--import', 'tsx', join(root, 'harness', 'cli.ts'), `--student=${options.student ?? 'alice'}`, `--kubeconfig=${kubeconfig}`, `--out=${outDir}`, ...(options.args ?? ['--skip=data-persists'])],
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
