// Cancellation and time budgets of a grading run. The harness stops a run with vitest's own cancelCurrentRun(),
// whose reason reaches every running check as the abort reason of its test context's signal (ctx.signal); the
// reason carries the GraderError code and sentence the card shows (encodeStop / decodeStop).

import { GraderError, isGraderError, type GraderErrorCode } from './errors.js'
import { runError, sentence } from './i18n/usage-errors.js'

/** Why a run stopped early. */
export interface RunStop {
  reason: string
  /** The reason in Japanese, where the grader says it in both. */
  ja?: string
  /** TIMEOUT or CANCELLED; another code when the run could not start. */
  code: GraderErrorCode
}

/** Why the run stopped, from an abort reason: the budget's GraderError says TIMEOUT or CANCELLED. */
export function stopOf(reason: unknown): RunStop & { code: 'TIMEOUT' | 'CANCELLED' } {
  if (isGraderError(reason) && (reason.code === 'TIMEOUT' || reason.code === 'CANCELLED')) return { reason: reason.message, ja: reason.ja, code: reason.code }
  const { en, ja } = sentence('run.cancelled')
  return { reason: en, ja, code: 'CANCELLED' }
}

const STOP_PREFIX = 'trident-lab-grader-stop:'

/** A cancelCurrentRun() reason that says why the run stopped: TIMEOUT or CANCELLED, and the sentence (and its Japanese). */
export function encodeStop(code: 'TIMEOUT' | 'CANCELLED', message: string, ja?: string): string {
  return STOP_PREFIX + JSON.stringify({ code, message, ja })
}

/**
 * Why a check's signal aborted, as the GraderError the card shows: the harness's reason (encodeStop) when vitest's
 * cancellation carries one, the reason itself when it is a GraderError already (a student's own budget), else undefined.
 */
export function decodeStop(reason: unknown): GraderError | undefined {
  if (reason instanceof GraderError) return reason
  const inner = (reason as { reason?: unknown } | undefined)?.reason
  const text = typeof reason === 'string' ? reason : typeof inner === 'string' ? inner : undefined
  if (!text?.startsWith(STOP_PREFIX)) return undefined
  try {
    const { code, message, ja } = JSON.parse(text.slice(STOP_PREFIX.length)) as { code: string; message: string; ja?: unknown }
    return new GraderError(code === 'TIMEOUT' ? 'TIMEOUT' : 'CANCELLED', String(message), typeof ja === 'string' ? { ja } : undefined)
  } catch {
    return undefined
  }
}

/** The longest a Node timer can wait (about 24.8 days); a longer budget is this. */
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * The run's time budget and cancellation as one signal, from the run's first moment: the preflight's request,
 * starting vitest and every objective are all inside it. It aborts with a GraderError: TIMEOUT when the budget
 * runs out, CANCELLED when `cancel` aborts (Ctrl-C, SIGTERM).
 */
export interface RunBudget {
  signal: AbortSignal
  /** Date.now() when the budget started. */
  startedAt: number
  timeoutMs?: number
  dispose(): void
}

export function startRunBudget(timeoutMs: number | undefined, cancel?: AbortSignal): RunBudget {
  const controller = new AbortController()
  const onCancel = () => controller.abort(runError('CANCELLED', 'run.cancelled', {}))
  cancel?.addEventListener('abort', onCancel, { once: true })
  if (cancel?.aborted) onCancel()
  const timer = timeoutMs ? setTimeout(() => controller.abort(runError('TIMEOUT', 'run.timeout', { seconds: Math.round(timeoutMs / 1000) })), Math.min(timeoutMs, MAX_TIMER_MS)) : undefined
  return {
    signal: controller.signal,
    startedAt: Date.now(),
    timeoutMs,
    dispose() {
      clearTimeout(timer)
      cancel?.removeEventListener('abort', onCancel)
    },
  }
}
