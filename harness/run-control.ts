// Cooperative cancellation between the harness and the objective specs (which run in a vitest worker).
// The harness writes a `cancel` file with the reason; specs watch the folder and abort their signal, so a
// check that waits stops waiting and still runs its cleanup (test file, lease) before the run ends.

import { existsSync, mkdtempSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GraderError } from './errors.js'

const CANCEL_FILE = 'cancel'

export interface RunControl {
  dir: string
  cancel(reason: string, code: 'TIMEOUT' | 'CANCELLED'): void
  dispose(): void
}

export function createRunControl(): RunControl {
  const dir = mkdtempSync(join(tmpdir(), 'grader-run-'))
  return {
    dir,
    cancel(reason, code) {
      if (!existsSync(join(dir, CANCEL_FILE))) writeFileSync(join(dir, CANCEL_FILE), JSON.stringify({ reason, code }))
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Worker side: a signal that aborts once the run is cancelled; its reason is a GraderError (TIMEOUT or CANCELLED). */
export function cancelledSignal(dir: string): AbortSignal {
  const controller = new AbortController()
  const check = () => {
    const file = join(dir, CANCEL_FILE)
    if (!controller.signal.aborted && existsSync(file)) {
      const { reason, code } = JSON.parse(readFileSync(file, 'utf8')) as { reason: string; code: 'TIMEOUT' | 'CANCELLED' }
      controller.abort(new GraderError(code, reason))
      watcher?.close()
    }
  }
  let watcher: ReturnType<typeof watch> | undefined
  try {
    watcher = watch(dir, check)
    watcher.unref()
  } catch {
    // The folder is gone: the run is over.
  }
  check()
  return controller.signal
}

/** The longest a Node timer can wait (about 24.8 days); a longer budget is this. */
const MAX_TIMER_MS = 2 ** 31 - 1

export const CANCELLED_MESSAGE = 'The grading run was cancelled.'

export function timeoutMessage(timeoutMs: number): string {
  return `The run's time budget of ${Math.round(timeoutMs / 1000)} s ran out; raise --timeout or check what the run was waiting for.`
}

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
  const onCancel = () => controller.abort(new GraderError('CANCELLED', CANCELLED_MESSAGE))
  cancel?.addEventListener('abort', onCancel, { once: true })
  if (cancel?.aborted) onCancel()
  const timer = timeoutMs ? setTimeout(() => controller.abort(new GraderError('TIMEOUT', timeoutMessage(timeoutMs))), Math.min(timeoutMs, MAX_TIMER_MS)) : undefined
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
