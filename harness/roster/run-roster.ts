// runRoster(): grades a class. Students are handed to grading workers (worker-process.ts): long-lived child
// processes that grade one student at a time, each in its own process group, at most `parallel` busy at a time
// and at most `ontapSessionsPerHost` students per ONTAP host (a student's grading opens at most one SSH session,
// so this caps sessions). Each student has a time budget after which their worker is stopped; a stopped or
// crashed worker is replaced, so one student's crash or hang never touches another's grading. After each
// student: the LTI score, the webhook (--post), and the class summary.
// A library call, like runGrading(): the CLI and the in-cluster Job both use it.

import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { deliverScorecard, LTI_SCORE_FILE } from '../lms/deliver-scorecard.js'
import type { PostOptions } from '../lms/post-webhook.js'
import type { Scorecard } from '../scorecard/scorecard.js'
import { GRADESCOPE_RESULTS_FILE } from '../scorecard/scorecard-writer.js'
import { runPool } from './bounded-pool.js'
import { summarise, type ClassSummary, type GradedStudent } from './class-summary.js'
import type { RosterConfig } from './roster-config.js'
import type { RosterStudent } from './roster-file.js'
import { cardAfterChild, cardNeverGraded, cardWithoutRun, type StudentCardContext } from './student-card.js'
import { defaultWorkerCommand, studentJob, workerEnv } from './student-job.js'
import { WorkerPool } from './worker-pool.js'
import { writeClassSummary } from './write-class-summary.js'

/** A student's grading stops itself at its --timeout; the parent waits this much longer before stopping it. */
const DEADLINE_MARGIN_MS = 15_000
const KILL_GRACE_MS = 5_000
/** The class summary is rewritten at most this often while students finish (and once at the end). */
const SUMMARY_INTERVAL_MS = 1_000
/** What a previous run may have left in a student's folder: removed first, so it is never taken for this run's. */
const STUDENT_FILES = ['scorecard.json', 'junit.xml', 'scorecard.md', 'scorecard.html', GRADESCOPE_RESULTS_FILE, LTI_SCORE_FILE, 'grader.log']

export interface RosterRunOptions {
  env?: NodeJS.ProcessEnv
  cwd?: string
  /** The command that starts a grading worker (default: node --import tsx harness/roster/grading-worker.ts). */
  workerCommand?: string[]
  deadlineMarginMs?: number
  killGraceMs?: number
  postOptions?: PostOptions
  signal?: AbortSignal
  onStudentStart?: (student: RosterStudent) => void
  onStudentDone?: (done: GradedStudent, counts: { done: number; total: number }) => void
}

export interface RosterRunResult {
  summary: ClassSummary
  exitCode: 0 | 1 | 2
}

export async function runRoster(config: RosterConfig, options: RosterRunOptions = {}): Promise<RosterRunResult> {
  const env = options.env ?? process.env
  const cwd = options.cwd ?? process.cwd()
  const [command, ...commandArgs] = options.workerCommand ?? defaultWorkerCommand()
  const killGraceMs = options.killGraceMs ?? KILL_GRACE_MS
  const workers = new WorkerPool({ command, args: commandArgs, env: workerEnv(config, env), cwd }, config.studentsPerProcess, killGraceMs)
  const startedAt = new Date().toISOString()
  const classDir = join(config.outRoot, 'class')
  const finished: Array<GradedStudent | undefined> = new Array(config.roster.students.length)
  let done = 0
  // The class summary is rewritten as students finish, but never more than once per SUMMARY_INTERVAL_MS, and
  // calls while a write is queued share it (it is rendered when it starts, with everyone finished by then): so a
  // class of 10,000 does not rewrite a 10,000-row summary 10,000 times (Ctrl-C once took 14 minutes).
  let writes = Promise.resolve()
  let queued = false
  let lastWrite = 0
  const saveSummary = (final = false): Promise<void> => {
    if (queued) return writes
    queued = true
    writes = writes.then(async () => {
      const wait = final ? 0 : lastWrite + SUMMARY_INTERVAL_MS - Date.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      queued = false
      lastWrite = Date.now()
      await writeClassSummary(summaryOf(config, finished, startedAt), classDir)
    })
    return writes
  }

  const gradeOne = async (student: RosterStudent, index: number): Promise<void> => {
    const outDir = join(config.outRoot, student.id)
    const ctx: StudentCardContext = { id: student.id, namespace: student.namespace, outDir, lang: config.lang, budgetSeconds: config.studentTimeoutSeconds }
    if (options.signal?.aborted) {
      // Cancelled before this student: no card, no score, no POST; the summary says so. Only an older run's
      // reports are removed, so they are never taken for this run's (a folder that does not exist costs one stat).
      if (existsSync(outDir)) await Promise.all(STUDENT_FILES.map((f) => rm(join(outDir, f), { force: true })))
      const card = cardNeverGraded(ctx, `The roster run was cancelled before ${student.id} was graded.`)
      finished[index] = { id: student.id, namespace: student.namespace, card, durationMs: 0, reportDir: `../${student.id}` }
      done++
      return
    }
    await Promise.all(STUDENT_FILES.map((f) => rm(join(outDir, f), { force: true })))
    const started = Date.now()
    options.onStudentStart?.(student)
    let card: Scorecard
    const { job, problem } = studentJob(student, config, env)
    if (problem) {
      card = await cardWithoutRun(ctx, problem)
    } else {
      const worker = workers.take()
      const result = await worker
        .run({
          job,
          deadlineMs: config.studentTimeoutSeconds * 1000 + (options.deadlineMarginMs ?? DEADLINE_MARGIN_MS),
          graceMs: killGraceMs,
          logFile: join(outDir, 'grader.log'),
          signal: options.signal,
        })
        .finally(() => workers.give(worker))
      card = await cardAfterChild(ctx, result)
    }
    const { posted } = await deliverScorecard(card, { outDir, lmsUserId: student.lmsUserId ?? student.id, post: config.post, postOptions: options.postOptions, env })
    const graded: GradedStudent = {
      id: student.id,
      namespace: student.namespace,
      card,
      durationMs: Date.now() - started,
      reportDir: `../${student.id}`,
      ...(posted ? { delivery: { ok: posted.ok, attempts: posted.attempts, status: posted.status, error: posted.error } } : {}),
    }
    finished[index] = graded
    options.onStudentDone?.(graded, { done: ++done, total: finished.length })
    // Not awaited: the next student need not wait for the summary; the final write below waits for all of them.
    saveSummary().catch(() => undefined)
  }

  try {
    await runPool(config.roster.students, { parallel: config.parallel, perKey: config.ontapSessionsPerHost, keyOf: (s) => s.ontapHost?.toLowerCase() }, gradeOne)
  } finally {
    await workers.close()
  }
  await saveSummary(true)
  const summary = summaryOf(config, finished, startedAt)
  return { summary, exitCode: summary.exitCode }
}

function summaryOf(config: RosterConfig, finished: Array<GradedStudent | undefined>, startedAt: string): ClassSummary {
  return summarise(
    finished.filter((s): s is GradedStudent => s !== undefined),
    {
      roster: config.roster.file.split(/[\\/]/).pop()!,
      lang: config.lang,
      startedAt,
      finishedAt: new Date().toISOString(),
      settings: { parallel: config.parallel, studentsPerProcess: config.studentsPerProcess, ontapSessionsPerHost: config.ontapSessionsPerHost, kubeQps: config.kubeQps, studentTimeoutSeconds: config.studentTimeoutSeconds },
    },
    finished.length,
  )
}
