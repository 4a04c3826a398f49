// One student's grading as a child process: its own process group, its own environment (only that student's
// ONTAP password), its output kept in a log file, and a deadline after which it is stopped: SIGINT first (the
// CLI cleans up its test file and lease), then SIGKILL to the whole group (vitest workers included).

import { spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'

export interface ChildSpec {
  command: string
  args: string[]
  env: NodeJS.ProcessEnv
  cwd: string
  /** Stop the child after this long. */
  deadlineMs: number
  /** Between SIGINT and SIGKILL. */
  graceMs: number
  /** Where the child's stdout and stderr go. */
  logFile: string
  /** Aborting stops the child as the deadline would (Ctrl-C on the roster run). */
  signal?: AbortSignal
}

export interface ChildResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  /** Why the parent stopped the child, if it did. */
  stopped?: 'deadline' | 'cancelled'
  durationMs: number
  /** The child's last `error: ...` line on stderr (one sentence, no secret: the CLI guarantees it). */
  lastError?: string
}

const TAIL_BYTES = 8192

export async function runStudentProcess(spec: ChildSpec): Promise<ChildResult> {
  await mkdir(dirname(spec.logFile), { recursive: true })
  const log = createWriteStream(spec.logFile)
  const started = Date.now()
  const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let tail = ''
  child.stdout!.pipe(log, { end: false })
  child.stderr!.on('data', (chunk: Buffer) => {
    log.write(chunk)
    tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES)
  })

  let stopped: ChildResult['stopped']
  let killTimer: NodeJS.Timeout | undefined
  const stop = (why: NonNullable<ChildResult['stopped']>) => {
    if (stopped) return
    stopped = why
    signalGroup(child.pid, 'SIGINT', false)
    killTimer = setTimeout(() => signalGroup(child.pid, 'SIGKILL', true), spec.graceMs)
  }
  const deadline = setTimeout(() => stop('deadline'), spec.deadlineMs)
  const onAbort = () => stop('cancelled')
  spec.signal?.addEventListener('abort', onAbort)
  if (spec.signal?.aborted) onAbort()

  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', () => resolve({ code: null, signal: null }))
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  clearTimeout(deadline)
  clearTimeout(killTimer)
  spec.signal?.removeEventListener('abort', onAbort)
  // Nothing of this student's run may outlive it (a worker that kept running, a hung ssh).
  signalGroup(child.pid, 'SIGKILL', true)
  child.stdout!.destroy()
  child.stderr!.destroy()
  await new Promise<void>((resolve) => log.end(resolve))
  const lastError = tail
    .split('\n')
    .reverse()
    .find((line) => line.startsWith('error: '))
    ?.slice('error: '.length)
  return { exitCode: exit.code, signal: exit.signal, stopped, durationMs: Date.now() - started, lastError }
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals, group: boolean): void {
  if (pid === undefined) return
  try {
    process.kill(group ? -pid : pid, signal)
  } catch {
    // Already gone.
  }
}
