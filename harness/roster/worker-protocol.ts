// How a roster run talks to its grading workers (grading-worker.ts): one JSON job per line on the worker's
// stdin; the worker prints the job's output on stderr and ends it with one line `<token> exit <code>`. The token
// is random per worker and given in its environment, so no student's output can pass for an end line.

import { randomBytes } from 'node:crypto'

export const WORKER_TOKEN_ENV = 'GRADER_WORKER_TOKEN'

export interface WorkerJob {
  /** The CLI's flags for one student. */
  argv: string[]
  /** Added to the worker's environment for this job only: that student's SVM password (or its file). */
  env: Record<string, string>
}

export function newWorkerToken(): string {
  return `grader-worker-${randomBytes(12).toString('hex')}`
}

export function jobLine(job: WorkerJob): string {
  return JSON.stringify(job) + '\n'
}

export function parseJob(line: string): WorkerJob {
  const job = JSON.parse(line) as WorkerJob
  if (!Array.isArray(job.argv) || !job.argv.every((a) => typeof a === 'string') || typeof job.env !== 'object' || job.env === null) {
    throw new Error('a grading worker job needs argv (strings) and env (an object)')
  }
  return job
}

export function endLine(token: string, exitCode: number): string {
  return `${token} exit ${exitCode}\n`
}

/** The exit code if `line` (without its newline) is this worker's end line. */
export function parseEndLine(token: string, line: string): number | undefined {
  const match = line.startsWith(`${token} exit `) ? /^-?\d+$/.exec(line.slice(token.length + 6)) : null
  return match ? Number(match[0]) : undefined
}
