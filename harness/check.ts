// One check = one objective graded for one student. Specs build it; the reporter turns it into scorecard rows.

import type { RenderedText } from './i18n/catalogue.js'
import type { ObjectiveId } from './objective/ids.js'

export type CheckStatus = 'passed' | 'failed' | 'error' | 'blocked' | 'skipped'

export interface Evidence {
  /** What was looked at, e.g. `PersistentVolumeClaim alice/mysql-pv-claim`. @maxLength 400 */
  label: string
  /** What was seen: a few fields, events, command output. Secrets are redacted before this is stored. */
  data: unknown
  /** Set when `data` was cut to the item cap: its JSON size before, and the cap (scorecard/evidence-cap.ts). */
  truncated?: {
    /** @asType integer @minimum 0 */
    bytes: number
    /** @asType integer @minimum 0 */
    limitBytes: number
  }
  /** Set on the last item of a list cut at the per-objective cap: how many items were left out. @asType integer @minimum 1 */
  omitted?: number
}

/** Facts the run detected on the way (versions), merged into the scorecard header. */
export interface Detected {
  kubernetesVersion?: string
  tridentVersion?: string
  ontapVersion?: string
}

/** What a spec hands to the reporter through the test's meta (must survive structuredClone). */
export interface CheckRecord {
  id: ObjectiveId
  status: CheckStatus
  /** The key of the objective's message that failed it (its module's catalogue). */
  reason?: string
  message: RenderedText
  hint?: RenderedText
  evidence: Evidence[]
  detected?: Detected
  blockedBy?: ObjectiveId[]
  errorCode?: string
  /** How a disruptive check did its work, e.g. which pod was deleted. */
  actions?: string[]
  /** Cumulative measurements of the worker after this check (see RunStats). */
  stats?: RunStats
}

/** What a run cost, for instructors and the benchmark. */
export interface RunStats {
  /** Kubernetes API requests (watches excluded; each exec counts one). @asType integer @minimum 0 */
  kubeRequests: number
  /** SSH connections (or TLS connections) to ONTAP, and commands (or requests) sent. @asType integer @minimum 0 */
  ontapSessions: number
  /** @asType integer @minimum 0 */
  ontapCommands: number
  /** Time data-persists spent waiting for the replacement pod. @minimum 0 */
  podReplacementWaitMs?: number
  /** Peak resident memory of the grader's processes, in MiB. @minimum 0 */
  peakRssMiB: number
}

/**
 * Thrown by a spec when the student's work is wrong (the check is `failed`), or when the check finds a condition
 * of its own unmet and must not go on (`blocked`: data-persists on a volume not proven the claim's).
 */
export class CheckFailure extends Error {
  override name = 'CheckFailure'
  constructor(
    readonly reason: string,
    readonly params: object,
    message: string,
    readonly status: 'failed' | 'blocked' = 'failed',
  ) {
    super(message)
  }
}

export function isCheckFailure(error: unknown): error is CheckFailure {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'CheckFailure'
}
