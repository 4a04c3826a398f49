// The grader as a library: grade one student, or a class side by side in one process, and get the scorecards.
// Nothing here touches process-wide state: no signal handlers, no exit code, no environment (secrets and the
// kubeconfig's path are arguments), no files unless `outDir` asks for them. The CLI (harness/cli.ts), the roster
// runner and the in-cluster Job are callers of this.
//
//   import { grade } from 'trident-lab-grader'
//   const card = await grade({ student: 'alice', kube: { kubeconfigPath: 'alice.kubeconfig' } }, { signal })

import { isGraderError, type GraderError } from './errors.js'
import { gradeStudents, loadVitest, newRunId, type StudentGrading } from './grade.js'
import type { KubeTarget } from './kube/kube-config.js'
import { skipReason, type Lang } from './i18n/messages.js'
import type { LabTarget, OntapTarget, StudentSecrets } from './lab-target.js'
import { preflight } from './preflight.js'
import { defaultRubric, type Rubric } from './rubric/rubric.js'
import type { ObjectiveId } from './rubric/objectives.js'
import { selectObjectives, type Reason } from './rubric/selection.js'
import { startRunBudget } from './run-control.js'
import type { Scorecard } from './scorecard/scorecard.js'
import type { ProgressEvent } from './scorecard-reporter.js'

export type { Scorecard, ScorecardCheck } from './scorecard/scorecard.js'
export type { ProgressEvent } from './scorecard-reporter.js'
export type { StudentSecrets, OntapTarget } from './lab-target.js'
export type { KubeTarget } from './kube/kube-config.js'
export type { Rubric } from './rubric/rubric.js'
export type { ObjectiveId } from './rubric/objectives.js'
export { OBJECTIVE_IDS } from './rubric/objectives.js'
export { loadRubric, defaultRubric } from './rubric/rubric.js'
export { exitCodeOf } from './scorecard/scorecard.js'

/** Who and what to grade. */
export interface GradeTarget {
  /** The student's namespace. */
  student: string
  kube: KubeTarget
  /** The student's SVM; without it, ontap-volume is left out (said on the card). */
  ontap?: Omit<OntapTarget, 'secrets'> & { secrets?: OntapTarget['secrets'] }
  lang?: Lang
  /** A student's self-check: hints on the card, never sent to an LMS. */
  selfCheck?: boolean
  only?: ObjectiveId[]
  skip?: ObjectiveId[]
  /** The run's time budget, from the first request (default 600 s). */
  timeoutSeconds?: number
  /** Write the card's files (JSON, JUnit, Markdown, HTML, results.json) here as grading goes. */
  outDir?: string
  /** Deleting the database pod (data-persists) is allowed; false leaves it out with this reason. */
  disruption?: { allowed: true } | { allowed: false; why: Reason }
}

export interface GradeOptions {
  /** The student's ONTAP secrets. */
  secrets?: StudentSecrets
  /** Cancels the run: checks stop waiting and clean up, and the card says so. */
  signal?: AbortSignal
  onProgress?: (event: ProgressEvent) => void
  /** Default: the lab's own rubric. */
  rubric?: Rubric
}

export interface GradeClassOptions {
  signal?: AbortSignal
  onProgress?: (event: ProgressEvent) => void
  rubric?: Rubric
  /** How many students are graded at once (default 8). */
  parallel?: number
  /** Called with each student's card as soon as the class run ends, in the order given. */
  onStudentDone?: (card: Scorecard, index: number) => void
}

/** Grades one student. */
export async function grade(target: GradeTarget, options: GradeOptions = {}): Promise<Scorecard> {
  const [card] = await gradeClass([{ target, secrets: options.secrets }], { signal: options.signal, onProgress: options.onProgress, rubric: options.rubric, parallel: 1 })
  return card
}

/**
 * Grades a class in this process: each student is asked first (one request: can their cluster be reached?), then
 * all are graded in one run of the objective specs, `parallel` at a time, each with only their own secrets and
 * their own time budget. A student whose cluster hangs or breaks costs only their own card.
 */
export async function gradeClass(students: Array<{ target: GradeTarget; secrets?: StudentSecrets }>, options: GradeClassOptions = {}): Promise<Scorecard[]> {
  const rubric = options.rubric ?? defaultRubric()
  const prepared = await Promise.all(students.map(({ target, secrets }) => prepareStudent(target, secrets ?? {}, rubric, options)))
  try {
    const cards = await gradeStudents(
      prepared.map((p) => p.grading),
      { signal: options.signal, parallel: options.parallel },
    )
    cards.forEach((card, i) => options.onStudentDone?.(card, i))
    return cards
  } finally {
    for (const p of prepared) p.dispose()
  }
}

/** One student's run before the specs start: objectives, budget, preflight. */
export interface PreparedStudent {
  grading: StudentGrading
  /** Objectives --only added as prerequisites. */
  added: ObjectiveId[]
  dispose(): void
}

export async function prepareStudent(
  target: GradeTarget,
  secrets: StudentSecrets,
  rubric: Rubric,
  options: { signal?: AbortSignal; onProgress?: (event: ProgressEvent) => void; confirmDisruption?: (signal: AbortSignal) => Promise<boolean> },
): Promise<PreparedStudent> {
  const timeoutMs = (target.timeoutSeconds ?? 600) * 1000
  void loadVitest().catch(() => undefined) // grading needs it next; a failure shows there
  // The budget starts now, before the first request: a server that never answers /version is inside it too.
  const budget = startRunBudget(timeoutMs, options.signal)
  const selection = selectObjectives(rubric, target.only, target.skip)
  if (!target.ontap && selection.selected.includes('ontap-volume')) {
    // Without an SVM address the ONTAP side cannot be asked: say so on the card rather than guess.
    selection.selected = selection.selected.filter((id) => id !== 'ontap-volume')
    selection.leftOut.push({ id: 'ontap-volume', why: skipReason('no-ontap') })
  }
  let pre: Awaited<ReturnType<typeof preflight>> | undefined
  let notStarted: GraderError | undefined
  try {
    pre = await preflight(target.kube, budget.signal)
  } catch (error) {
    if (!isGraderError(error)) throw error
    notStarted = error
  }
  let disruptive: LabTarget['disruptive'] = target.disruption ?? { allowed: true }
  if (pre && disruptive.allowed && options.confirmDisruption && selection.selected.includes('data-persists')) {
    // The question is inside the budget too: an unanswered prompt ends with the run (as not confirmed).
    const ok = await options.confirmDisruption(budget.signal).catch(() => false)
    if (!ok) disruptive = { allowed: false, why: skipReason('not-confirmed') }
  }
  const ontap: OntapTarget | undefined = target.ontap && { ...target.ontap, secrets: target.ontap.secrets ?? { passwordEnv: '', passphraseEnv: '' } }
  const labTarget: LabTarget = {
    runId: newRunId(),
    student: target.student,
    lang: target.lang ?? 'en',
    selfCheck: target.selfCheck ?? false,
    kube: target.kube,
    ontap,
    rubric,
    disruptive,
    secrets,
    selected: selection.selected,
    deadline: budget.startedAt + timeoutMs,
    timeoutMs,
  }
  if (budget.signal.aborted && !notStarted) notStarted = budget.signal.reason as GraderError
  return {
    added: selection.added,
    dispose: () => budget.dispose(),
    grading: {
      target: labTarget,
      outDir: target.outDir,
      leftOut: selection.leftOut,
      onProgress: options.onProgress,
      notStarted,
      harnessRequests: pre?.requests ?? 0,
      header: {
        detected: { kubernetesVersion: pre?.kubernetesVersion },
        target: {
          kubeContext: pre?.kubeContext,
          kubeServer: pre?.kubeServer,
          ontap: target.ontap && { api: target.ontap.api, host: target.ontap.host, svm: target.ontap.svm, user: target.ontap.user, insecure: target.ontap.insecure },
        },
      },
    },
  }
}
