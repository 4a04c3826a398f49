// From resolved settings to a finished scorecard: rubric, selection, preflight, grade. The CLI is a thin
// layer over this; the roster runner and tests call it too.

import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { GraderConfig } from './config/grader-config.js'
import { GraderError, isGraderError } from './errors.js'
import { ExitCode } from './exit-code.js'
import { grade, newRunId } from './grade.js'
import type { LabTarget } from './lab-target.js'
import { preflight } from './preflight.js'
import { loadRubric } from './rubric/rubric.js'
import { selectObjectives } from './rubric/selection.js'
import { SCORECARD_SCHEMA, SCORECARD_SCHEMA_VERSION, exitCodeOf, totalsOf, type Scorecard } from './scorecard/scorecard.js'
import { renderJson, writeAtomic } from './scorecard/write-json.js'
import type { ProgressEvent } from './scorecard-reporter.js'
import { GRADER_NAME, GRADER_VERSION } from './version.js'

export interface RunOptions {
  /** Asked before the pod delete in self-check mode; resolves false to skip data-persists. */
  confirmDisruption?: () => Promise<boolean>
  onProgress?: (event: ProgressEvent) => void
  onNote?: (line: string) => void
  signal?: AbortSignal
}

export interface RunResult {
  card: Scorecard
  exitCode: ExitCode
}

export async function runGrading(config: GraderConfig, options: RunOptions = {}): Promise<RunResult> {
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

  let pre
  try {
    pre = await preflight(config.kube)
  } catch (error) {
    if (!isGraderError(error)) throw error
    const card = await writeFailedRun(config, runId, rubric.name, error)
    // A kubeconfig or context that does not work is the caller's input: a usage error.
    return { card, exitCode: error.code === 'CONFIG' ? ExitCode.UsageError : ExitCode.GraderError }
  }

  let disruptive: LabTarget['disruptive'] = { allowed: true }
  if (config.selfCheck && selection.selected.includes('data-persists') && !config.yes && options.confirmDisruption) {
    const ok = await options.confirmDisruption()
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
    timeoutMs: config.timeoutSeconds * 1000,
    signal: options.signal,
    onProgress: options.onProgress,
    harnessRequests: pre.requests,
    header: {
      detected: { kubernetesVersion: pre.kubernetesVersion },
      target: {
        kubeContext: pre.kubeContext,
        kubeServer: pre.kubeServer,
        ontap: config.ontap && { api: config.ontap.api, host: config.ontap.host, svm: config.ontap.svm, user: config.ontap.user, insecure: config.ontap.insecure },
      },
    },
  })
  return { card, exitCode: exitCodeOf(card) }
}

/** A run that could not start grading still leaves a card that says why. */
async function writeFailedRun(config: GraderConfig, runId: string, rubric: string, error: GraderError): Promise<Scorecard> {
  const now = new Date().toISOString()
  const card: Scorecard = {
    schema: SCORECARD_SCHEMA,
    schemaVersion: SCORECARD_SCHEMA_VERSION,
    student: config.student,
    runId,
    mode: config.selfCheck ? 'self-check' : 'grade',
    lang: config.lang,
    startedAt: now,
    finishedAt: now,
    complete: false,
    grader: { name: GRADER_NAME, version: GRADER_VERSION, node: process.version },
    rubric,
    target: {},
    detected: {},
    checks: [],
    totals: totalsOf([]),
    runErrors: [error.message],
  }
  await mkdir(config.outDir, { recursive: true })
  await writeAtomic(join(config.outDir, 'scorecard.json'), renderJson(card))
  return card
}
