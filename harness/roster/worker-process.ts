// One grading worker as the roster run sees it: a child process in its own process group that grades the
// students it is handed, one at a time (grading-worker.ts). Each job writes that student's log file and has a
// deadline after which the worker is stopped: SIGINT first (the CLI removes its test file and releases its
// lease), then SIGKILL to the whole group. A worker that was stopped or crashed is never handed another student.

import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs'
import { dirname } from 'node:path'
import { terminalLines } from '../scorecard/safe-text.js'
import { jobLine, newWorkerToken, parseEndLine, WORKER_TOKEN_ENV, type WorkerJob } from './worker-protocol.js'

export interface WorkerSpec {
  command: string
  args: string[]
  /** The worker's environment: shared by every student it grades, so it holds no student's secret. */
  env: NodeJS.ProcessEnv
  cwd: string
}

export interface JobSpec {
  job: WorkerJob
  /** Stop the worker if the job has not ended after this long. */
  deadlineMs: number
  /** Between SIGINT and SIGKILL. */
  graceMs: number
  /** Where the job's output goes (the student's grader.log). */
  logFile: string
  /** Aborting stops the worker as the deadline would (Ctrl-C on the roster run). */
  signal?: AbortSignal
}

export interface ChildResult {
  /** The job's exit code (the CLI's), or the worker's if it ended in the middle of the job. */
  exitCode: number | null
  signal: NodeJS.Signals | null
  /** The worker process itself ended during the job (crashed, was killed), rather than the job ending. */
  workerExited: boolean
  /** Why the parent stopped the worker, if it did. */
  stopped?: 'deadline' | 'cancelled'
  durationMs: number
  /** The job's last `error: ...` line (one sentence, no secret: the CLI guarantees it). */
  lastError?: string
}

interface RunningJob {
  log: WriteStream
  tail: string
  end(exit: { code: number | null; signal: NodeJS.Signals | null }): void
}

const TAIL_BYTES = 8192
/** After the worker exits, how long its last output may take to arrive. */
const OUTPUT_DRAIN_MS = 1000

export class GradingWorker {
  /** Jobs handed to this worker so far. */
  jobs = 0
  private readonly child: ChildProcess
  private readonly token = newWorkerToken()
  private readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  private exited = false
  private stopped: ChildResult['stopped']
  private current?: RunningJob
  private pending = ''

  constructor(spec: WorkerSpec) {
    this.child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...spec.env, [WORKER_TOKEN_ENV]: this.token },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    })
    this.child.stdin!.on('error', () => undefined) // a worker that died: its exit says so
    this.child.stderr!.setEncoding('utf8')
    this.child.stderr!.on('data', (text: string) => this.take(text))
    // grader.log is read in terminals too: nothing a job printed reaches it with an escape sequence or CR.
    this.child.stdout!.setEncoding('utf8')
    this.child.stdout!.on('data', (text: string) => this.current?.log.write(terminalLines(text)))
    this.exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      this.child.once('error', () => resolve({ code: null, signal: null }))
      this.child.once('exit', (code, signal) => resolve({ code, signal }))
    }).then(async (exit) => {
      this.exited = true
      // Nothing the worker started may outlive it.
      signalGroup(this.child.pid, 'SIGKILL', true)
      await drained(this.child, OUTPUT_DRAIN_MS)
      if (this.pending) this.take('\n')
      this.current?.end(exit)
      return exit
    })
  }

  /** Can be handed a student: alive, idle, never stopped. */
  get usable(): boolean {
    return !this.exited && !this.stopped && !this.current
  }

  async run(spec: JobSpec): Promise<ChildResult> {
    if (!this.usable) throw new Error('this grading worker cannot take a job')
    // Nothing is awaited until the job is current: output or an exit of the worker can never pass it by.
    mkdirSync(dirname(spec.logFile), { recursive: true })
    const started = Date.now()
    this.jobs++
    const log = createWriteStream(spec.logFile)
    let killTimer: NodeJS.Timeout | undefined
    const stop = (why: NonNullable<ChildResult['stopped']>) => {
      if (this.stopped) return
      this.stopped = why
      signalGroup(this.child.pid, 'SIGINT', false)
      killTimer = setTimeout(() => signalGroup(this.child.pid, 'SIGKILL', true), spec.graceMs)
    }
    const deadline = setTimeout(() => stop('deadline'), spec.deadlineMs)
    const onAbort = () => stop('cancelled')

    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; tail: string; workerExited: boolean }>((resolve) => {
      const job: RunningJob = {
        log,
        tail: '',
        end: (exit) => {
          if (this.current !== job) return
          this.current = undefined
          resolve({ ...exit, tail: job.tail, workerExited: this.exited })
        },
      }
      this.current = job
    })
    spec.signal?.addEventListener('abort', onAbort)
    if (spec.signal?.aborted) onAbort()
    this.child.stdin!.write(jobLine(spec.job))

    const exit = await ended
    clearTimeout(deadline)
    clearTimeout(killTimer)
    spec.signal?.removeEventListener('abort', onAbort)
    await new Promise<void>((resolve) => log.end(resolve))
    const lastError = exit.tail
      .split('\n')
      .reverse()
      .find((line) => line.startsWith('error: '))
      ?.slice('error: '.length)
    return { exitCode: exit.code, signal: exit.signal, workerExited: exit.workerExited, stopped: this.stopped, durationMs: Date.now() - started, lastError }
  }

  /** Lets the worker end (stdin closes), and after `graceMs` ends it and its process group. */
  async retire(graceMs: number): Promise<void> {
    this.child.stdin!.end()
    const timer = setTimeout(() => signalGroup(this.child.pid, 'SIGKILL', true), graceMs)
    await this.exit
    clearTimeout(timer)
  }

  /** Splits the worker's stderr into lines: the job's own go to its log, the end line ends the job. */
  private take(text: string): void {
    const lines = (this.pending + text).split('\n')
    this.pending = lines.pop()!
    for (const line of lines) {
      const code = parseEndLine(this.token, line)
      if (code !== undefined) {
        this.current?.end({ code, signal: null })
        continue
      }
      const job = this.current
      if (!job) continue
      job.log.write(terminalLines(line) + '\n')
      job.tail = (job.tail + line + '\n').slice(-TAIL_BYTES)
    }
  }
}

function drained(child: ChildProcess, ms: number): Promise<void> {
  if (!child.stderr || child.stderr.readableEnded || child.stderr.destroyed) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.stdout?.destroy()
      child.stderr?.destroy()
      resolve()
    }, ms)
    child.stderr!.once('close', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals, group: boolean): void {
  if (pid === undefined) return
  try {
    process.kill(group ? -pid : pid, signal)
  } catch {
    // Already gone.
  }
}
