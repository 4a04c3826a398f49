// From resolved settings to a finished scorecard: rubric, selection, preflight, grade. The CLI is a thin
// layer over this; the roster runner and tests call it too.

import type { GraderConfig } from './config/grader-config.js'
import { isGraderError, type GraderError } from './errors.js'
import { ExitCode } from './exit-code.js'
import { grade, newRunId } from './grade.js'
import type { LabTarget } from './lab-target.js'
import { preflight, type Preflight } from './preflight.js'
import { loadRubric } from './rubric/rubric.js'
import { selectObjectives } from './rubric/selection.js'
import { startRunBudget } from './run-control.js'
import { exitCodeOf, type Scorecard } from './scorecard/scorecard.js'
import type { ProgressEvent } from './scorecard-reporter.js'

export interface RunOptions {
  /** Asked before the pod delete in self-check mode; resolves false to skip data-persists. `signal`: the run's budget ran out or it was cancelled: stop asking. */
  confirmDisruption?: (signal: AbortSignal) => Promise<boolean>
  onProgress?: (event: ProgressEvent) => void
  onNote?: (line: string) => void
  /** Cancels the run (Ctrl-C, SIGTERM). */
  signal?: AbortSignal
}

export interface RunResult {
  card: Scorecard
  exitCode: ExitCode
  /** Why no objective could start (the preflight failed or the budget ran out in it); undefined once grading began. */
  notStarted?: GraderError
}

export async function runGrading(config: GraderConfig, options: RunOptions = {}): Promise<RunResult> {
  // The budget starts now, before the first request: a server that never answers /version is inside it too.
  const budget = startRunBudget(config.timeoutSeconds * 1000, options.signal)
  try {
    return await gradeWithin(config, options, budget.signal)
  } finally {
    budget.dispose()
  }
}

async function gradeWithin(config: GraderConfig, options: RunOptions, budget: AbortSignal): Promise<RunResult> {
  const rubric = await loadRubric(config.rubricFile)
  if (config.persistTimeoutSeconds) rubric.parameters.persistTimeoutSeconds = config.persistTimeoutSeconds
  const selection = selectObjectives(rubric, config.only, config.skip)
  if (!config.ontap && selection.selected.includes('ontap-volume')) {
    // Without an SVM address the ONTAP side cannot be asked: say so on the card rather than guess.
    selection.selected = selection.selected.filter((id) => id !== 'ontap-volume')
    selection.leftOut.push({ id: 'ontap-volume', why: { en: 'no ONTAP host was given (--ontap-host, --svm)', ja: 'ONTAP のホストが指定されていない（--ontap-host, --svm）' } })
  }
  if (selection.added.length > 0) options.onNote?.(`Also grading what --only needs first: ${selection.added.join(', ')}.`)
  const runId = newRunId()

  let pre: Preflight | undefined
  let notStarted: GraderError | undefined
  try {
    pre = await preflight(config.kube, budget)
  } catch (error) {
    if (!isGraderError(error)) throw error
    notStarted = error
  }

  let disruptive: LabTarget['disruptive'] = { allowed: true }
  if (pre && config.selfCheck && selection.selected.includes('data-persists') && !config.yes && options.confirmDisruption) {
    // The question is inside the budget too: an unanswered prompt ends with the run (as not confirmed).
    const ok = await options.confirmDisruption(budget).catch(() => false)
    if (!ok) disruptive = { allowed: false, why: { en: 'you did not confirm deleting the database pod (run again with --yes)', ja: 'データベース Pod の削除が確認されなかった（--yes を付けて再実行）' } }
  }

  const target: LabTarget = {
    runId,
    student: config.student,
    lang: config.lang,
    selfCheck: config.selfCheck,
    kube: config.kube,
    ontap: config.ontap,
    rubric,
    disruptive,
    controlDir: '', // set by grade()
  }
  const card = await grade({
    target,
    outDir: config.outDir,
    selected: selection.selected,
    leftOut: selection.leftOut,
    signal: budget,
    notStarted,
    onProgress: options.onProgress,
    harnessRequests: pre?.requests ?? 0,
    header: {
      detected: { kubernetesVersion: pre?.kubernetesVersion },
      target: {
        kubeContext: pre?.kubeContext,
        kubeServer: pre?.kubeServer,
        ontap: config.ontap && { api: config.ontap.api, host: config.ontap.host, svm: config.ontap.svm, user: config.ontap.user, insecure: config.ontap.insecure },
      },
    },
  })
  // A kubeconfig or context that does not work is the caller's input: a usage error.
  const usage = notStarted?.code === 'CONFIG' || notStarted?.code === 'USAGE'
  return { card, exitCode: usage ? ExitCode.UsageError : exitCodeOf(card), notStarted }
}
