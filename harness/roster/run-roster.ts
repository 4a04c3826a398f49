// runRoster(): grades a class in this process. Students are graded in rounds of at most `parallel`, and at most
// `ontapSessionsPerHost` of one ONTAP host per round (a student's grading opens at most one SSH session, so this
// caps sessions); a round is one run of the objective specs with those students side by side (harness/grade.ts).
// Each student has their own time budget and only their own secrets; a student whose cluster hangs is stopped at
// their budget, and a check that breaks costs only that student's card. A student whose cluster has not answered
// the first request (the preflight) a few seconds into the round does not hold up the others: the round starts
// without them and they join the next one (still counted against both caps). After each round: every student's
// LTI score, the webhook (--post), their grader.log, and the class summary.
// A library call, like runGrading(): the CLI and the in-cluster Job both use it.

import { wordsFor } from '../i18n/words.js'
import { existsSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { progressPrinter, renderSummary } from '../cli/console-output.js'
import { parseFlags } from '../cli/parse-args.js'
import { resolveConfig, type GraderConfig } from '../config/grader-config.js'
import { bothSentences, isGraderError, type GraderError } from '../errors.js'
import type { RenderedText } from '../i18n/catalogue.js'
import { sentence } from '../i18n/usage-errors.js'
import { gradeClass, LAB, loadRubric } from '../index.js'
import type { StudentSecrets } from '../lab-target.js'
import { endKubeRateLimit, newKubeRateLimit } from '../kube/kube-http.js'
import { deliverScorecard, LTI_SCORE_FILE } from '../lms/deliver-scorecard.js'
import type { PostOptions } from '../lms/post-webhook.js'
import { displayUrl } from '../lms/webhook-target.js'
import type { Rubric } from '../rubric/rubric.js'
import { readSecrets } from '../run.js'
import type { Scorecard } from '../scorecard/scorecard.js'
import { terminalField, terminalLines } from '../scorecard/safe-text.js'
import { GRADESCOPE_RESULTS_FILE } from '../scorecard/scorecard-writer.js'
import { takeRound } from './rounds.js'
import { summarise, type ClassSummary, type GradedStudent } from './class-summary.js'
import type { RosterConfig } from './roster-config.js'
import type { RosterStudent } from './roster-file.js'
import { cardNeverGraded, cardWithoutRun, type StudentCardContext } from './student-card.js'
import { classEnv, studentJob } from './student-job.js'
import { writeClassSummary } from './write-class-summary.js'

/** The class summary is rewritten at most this often while students finish (and once at the end). */
const SUMMARY_INTERVAL_MS = 1_000
/** What a previous run may have left in a student's folder: removed first, so it is never taken for this run's. */
const STUDENT_FILES = ['scorecard.json', 'junit.xml', 'scorecard.md', 'scorecard.html', GRADESCOPE_RESULTS_FILE, LTI_SCORE_FILE, 'grader.log']
/** A student's console output, kept in their folder as their own `npm test -- --student=...` would print it. */
const LOG_FILE = 'grader.log'
/**
 * How long a round waits for its students' preflights before it starts with those that are ready (a healthy
 * cluster answers in well under a second; the others' budgets are running meanwhile).
 */
const PREFLIGHT_WAIT_MS = 3_000

export interface RosterRunOptions {
  env?: NodeJS.ProcessEnv
  cwd?: string
  postOptions?: PostOptions
  signal?: AbortSignal
  onStudentStart?: (student: RosterStudent) => void
  onStudentDone?: (done: GradedStudent, counts: { done: number; total: number }) => void
}

export interface RosterRunResult {
  summary: ClassSummary
  exitCode: 0 | 1 | 2
}

interface Seat {
  student: RosterStudent
  index: number
}

/** A student of a round whose settings resolved: ready to be graded. */
interface Member extends Seat {
  config: GraderConfig
  secrets: StudentSecrets
  /** When this student's grading started (their clock). */
  started: number
  log: string[]
}

export async function runRoster(config: RosterConfig, options: RosterRunOptions = {}): Promise<RosterRunResult> {
  const env = options.env ?? process.env
  const cwd = options.cwd ?? process.cwd()
  // A student's grader.log, in the class's language, as their own run of the CLI would print it.
  const words = wordsFor(config.lang).console
  const startedAt = new Date().toISOString()
  const classDir = join(config.outRoot, 'class')
  const students = config.roster.students
  const finished: Array<GradedStudent | undefined> = new Array(students.length)
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
  const contextOf = (student: RosterStudent): StudentCardContext => ({ id: student.id, namespace: student.namespace, outDir: join(config.outRoot, student.id), lang: config.lang })

  /** The end of a student's grading: LTI score, --post, their grader.log, the summary's row. */
  const record = async ({ student, index }: Seat, card: Scorecard, started: number, log: string[]): Promise<void> => {
    const { outDir } = contextOf(student)
    const { posted } = await deliverScorecard(card, { outDir, lmsUserId: student.lmsUserId ?? student.id, post: config.post, postOptions: options.postOptions, env })
    if (posted?.ok) log.push(words.posted({ url: displayUrl(config.post!.url), attempts: posted.attempts }))
    if (posted && !posted.ok) log.push(words.error({ detail: terminalField(posted.error) }))
    await writeFile(join(outDir, LOG_FILE), terminalLines(log.join('\n')) + '\n').catch(() => undefined)
    const ended = card.finishedAt ? Date.parse(card.finishedAt) : Date.now()
    finished[index] = {
      id: student.id,
      namespace: student.namespace,
      card,
      durationMs: Math.max(0, ended - started),
      reportDir: `../${student.id}`,
      ...(posted ? { delivery: { ok: posted.ok, attempts: posted.attempts, status: posted.status, error: posted.error } } : {}),
    }
    options.onStudentDone?.(finished[index]!, { done: ++done, total: finished.length })
    // Not awaited: the next round need not wait for the summary; the final write below waits for all of them.
    saveSummary().catch(() => undefined)
  }
  /** A student who cannot be graded: a card (and log) that says why. */
  const refuse = async (seat: Seat, started: number, log: string[], why: RenderedText): Promise<void> => {
    log.push(words.error({ detail: terminalField(why[config.lang]) }))
    await record(seat, await cardWithoutRun(contextOf(seat.student), why[config.lang]), started, log)
  }

  // The class's cap on Kubernetes requests: one bucket of --kube-qps for this run's students (their preflights and
  // checks), travelling in each student's kube target; no other run in this process takes from it.
  const kubeRateLimit = newKubeRateLimit(config.kubeQps)
  try {
    // One rubric for the class, as the class-wide flags, environment and config file name it: a rubric that cannot be
    // read is a usage error before anyone is graded, as it is for one student.
    const rubric = await classRubric(config, classEnv(config, env), cwd)
    const roundOptions = { parallel: config.parallel, perKey: config.ontapSessionsPerHost, keyOf: (s: Seat) => s.student.ontapHost?.toLowerCase() }
    let waiting: Seat[] = students.map((student, index): Seat => ({ student, index }))
    while (waiting.length > 0) {
      if (options.signal?.aborted) {
        for (const seat of waiting) await neverGraded(seat)
        break
      }
      const { round, rest } = takeRound(waiting, roundOptions)
      waiting = rest
      await gradeRound(round, rubric)
    }
  } finally {
    endKubeRateLimit(kubeRateLimit)
  }
  await saveSummary(true)
  const summary = summaryOf(config, finished, startedAt)
  return { summary, exitCode: summary.exitCode }

  async function neverGraded({ student, index }: Seat): Promise<void> {
    // Cancelled before this student: no card, no score, no POST; the summary says so. Only an older run's
    // reports are removed, so they are never taken for this run's (a folder that does not exist costs one stat).
    const ctx = contextOf(student)
    if (existsSync(ctx.outDir)) await Promise.all(STUDENT_FILES.map((f) => rm(join(ctx.outDir, f), { force: true })))
    finished[index] = {
      id: student.id,
      namespace: student.namespace,
      card: cardNeverGraded(ctx, sentence('roster.cancelled-before', { id: student.id })[config.lang]),
      durationMs: 0,
      reportDir: `../${student.id}`,
    }
    done++
  }

  /** A student's files of an older run removed, their settings resolved; undefined: they already have their card (refused). */
  async function admit(seat: Seat): Promise<Member | undefined> {
    const started = Date.now()
    const log = [words.grading({ student: seat.student.namespace, selfCheck: false })]
    const ctx = contextOf(seat.student)
    await Promise.all(STUDENT_FILES.map((f) => rm(join(ctx.outDir, f), { force: true })))
    await mkdir(ctx.outDir, { recursive: true })
    options.onStudentStart?.(seat.student)
    const own = studentSettings(seat.student, config, env, cwd)
    if ('problem' in own) return void (await refuse(seat, started, log, own.problem))
    return { ...seat, config: own.config, secrets: own.secrets, started, log }
  }

  /**
   * One round: its students graded side by side (gradeClass). A student whose preflight has not settled
   * PREFLIGHT_WAIT_MS after the others' does not hold them up: the library grades them after the others.
   * Each card's files are written once, when it is done (not five renderings per objective per student).
   */
  async function gradeRound(round: Seat[], rubric: Rubric): Promise<void> {
    const members = (await Promise.all(round.map(admit))).filter((m): m is Member => m !== undefined)
    if (members.length === 0) return
    const notStarted: Array<GraderError | undefined> = []
    try {
      await gradeClass(
        members.map((m) => ({
          target: { ...m.config, kube: { ...m.config.kube, rateLimit: kubeRateLimit } },
          secrets: m.secrets,
          onProgress: progressPrinter((line) => m.log.push(line), m.config.timeoutSeconds, config.lang, m.started),
        })),
        {
          rubric,
          signal: options.signal,
          parallel: config.parallel,
          liveCards: false,
          preflightWaitMs: PREFLIGHT_WAIT_MS,
          onPrepared: (prepared, i) => {
            notStarted[i] = prepared.notStarted
            if (prepared.added.length > 0) members[i].log.push(words.alsoGrading({ ids: prepared.added }))
          },
          onStudentDone: async (card, i) => {
            const m = members[i]
            if (notStarted[i]) {
              // As the CLI says it: nothing could be graded (the cluster could not be asked), one error line.
              m.log.push(words.error({ detail: terminalField(card.runErrors[0] ?? notStarted[i]!.message) }), words.partialScorecard({ file: `${m.config.outDir}/scorecard.json` }))
            } else {
              m.log.push(renderSummary(card, { hints: false, outDir: m.config.outDir }))
            }
            await record(m, card, m.started, m.log)
          },
        },
      )
    } catch (error) {
      // The run itself broke (not one student's check: those end on the student's card): every student of this
      // round without a card gets one that says so, and the next rounds are still graded.
      for (const m of members) {
        if (finished[m.index] === undefined) await refuse(m, m.started, m.log, sentence('roster.failed-unexpectedly', { id: m.student.id, detail: messageOf(error) }))
      }
    }
  }
}

/** A student's settings, as their own `npm test -- --student=...` would resolve them, and their secrets only. */
function studentSettings(student: RosterStudent, config: RosterConfig, env: NodeJS.ProcessEnv, cwd: string): { config: GraderConfig; secrets: StudentSecrets } | { problem: RenderedText } {
  const { job, problem } = studentJob(student, config, env)
  if (problem) return { problem }
  // The student's environment: the class's, without any other student's password or the webhook secret.
  const own = { ...classEnv(config, env), ...job.env }
  try {
    const resolved = resolveConfig(parseFlags(job.argv), own, cwd)
    resolved.timeoutSeconds = config.studentTimeoutSeconds
    return { config: resolved, secrets: readSecrets(resolved.ontap, own) }
  } catch (error) {
    return { problem: sentence('roster.settings-unusable', { id: student.id, detail: messageOf(error) }) }
  }
}

/** The class's rubric (its file from the class-wide flags, environment or config file), with --persist-timeout. */
async function classRubric(config: RosterConfig, env: NodeJS.ProcessEnv, cwd: string): Promise<Rubric> {
  const settings = resolveConfig(parseFlags([...config.childFlags, '--student=rubric-probe', `--out=${config.outRoot}`]), env, cwd)
  const rubric = await loadRubric(settings.rubricFile, LAB)
  if (settings.persistTimeoutSeconds) rubric.parameters.persistTimeoutSeconds = settings.persistTimeoutSeconds
  return rubric
}

function messageOf(error: unknown): RenderedText | string {
  if (isGraderError(error)) return bothSentences(error)
  return String((error as Error)?.message ?? error).split('\n')[0]
}

function summaryOf(config: RosterConfig, finished: Array<GradedStudent | undefined>, startedAt: string): ClassSummary {
  return summarise(
    finished.filter((s): s is GradedStudent => s !== undefined),
    {
      roster: config.roster.file.split(/[\\/]/).pop()!,
      lang: config.lang,
      startedAt,
      finishedAt: new Date().toISOString(),
      settings: { parallel: config.parallel, ontapSessionsPerHost: config.ontapSessionsPerHost, kubeQps: config.kubeQps, studentTimeoutSeconds: config.studentTimeoutSeconds },
    },
    finished.length,
  )
}
