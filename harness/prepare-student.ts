// One student's run before the specs start: which objectives, the question before a pod delete, the time budget,
// and the preflight (can their cluster be reached at all?). What comes out is the LabTarget the specs grade.

import { isGraderError, type GraderError } from './errors.js'
import { skipReason } from './i18n/messages.js'
import type { GradeTarget, LabTarget, StudentSecrets } from './lab-target.js'
import type { ObjectiveId } from './objective/ids.js'
import { preflight } from './preflight.js'
import type { Rubric } from './rubric/rubric.js'
import { selectObjectives, type Reason } from './rubric/selection.js'
import { startRunBudget } from './run-control.js'
import type { Scorecard } from './scorecard/scorecard.js'
import { randomUUID } from 'node:crypto'

export interface PreparedStudent {
  target: LabTarget
  /** Objectives left out of this run, with the reason shown on the card. */
  leftOut: Array<{ id: ObjectiveId; why: Reason }>
  /** Objectives --only added as prerequisites. */
  added: ObjectiveId[]
  /** Facts the preflight found (the card's header). */
  header: Partial<Pick<Scorecard, 'detected' | 'target'>>
  /** Kubernetes requests the preflight made. */
  harnessRequests: number
  /** This student's run could not start (the preflight failed, or their budget ran out in it). */
  notStarted?: GraderError
  dispose(): void
}

export interface PrepareOptions {
  rubric: Rubric
  secrets?: StudentSecrets
  signal?: AbortSignal
  /**
   * Asked before anything runs when a disruptive objective is selected and the target allows it; false leaves
   * such objectives out. The run's budget starts after the answer: the time a student takes to answer is not graded.
   */
  confirmDisruption?: () => Promise<boolean>
}

export async function prepareStudent(target: GradeTarget, options: PrepareOptions): Promise<PreparedStudent> {
  const { rubric } = options
  const selection = selectObjectives(rubric, { only: target.only, skip: target.skip, ontap: target.ontap !== undefined })
  let disruption: LabTarget['disruption'] = target.disruption ?? { allowed: true }
  const disruptive = rubric.objectives.some((o) => o.disruptive && selection.selected.includes(o.id))
  if (disruptive && disruption.allowed && options.confirmDisruption && !options.signal?.aborted) {
    const ok = await options.confirmDisruption().catch(() => false)
    if (!ok) disruption = { allowed: false, why: skipReason('not-confirmed') }
  }
  const timeoutMs = (target.timeoutSeconds ?? 600) * 1000
  // The budget starts now, before the first request: a server that never answers /version is inside it too.
  const budget = startRunBudget(timeoutMs, options.signal)
  let pre: Awaited<ReturnType<typeof preflight>> | undefined
  let notStarted: GraderError | undefined
  try {
    pre = await preflight(target.kube, budget.signal)
  } catch (error) {
    if (!isGraderError(error)) throw error
    notStarted = error
  }
  if (budget.signal.aborted && !notStarted) notStarted = budget.signal.reason as GraderError
  return {
    target: {
      ...target,
      runId: newRunId(),
      lang: target.lang ?? 'en',
      selfCheck: target.selfCheck ?? false,
      rubric,
      disruption,
      secrets: options.secrets ?? {},
      selected: selection.selected,
      deadline: budget.startedAt + timeoutMs,
      timeoutMs,
    },
    leftOut: selection.leftOut,
    added: selection.added,
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
    dispose: () => budget.dispose(),
  }
}

export function newRunId(): string {
  return `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${randomUUID().slice(0, 8)}`
}
