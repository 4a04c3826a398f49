// Bounds on what the ONTAP clients read and how long they wait for it.

import type { GraderError } from '../errors.js'
import type { StoppedCall } from '../i18n/ontap-errors-en.js'
import { ontapError } from './ontap-error.js'

/**
 * Largest ONTAP answer the grader reads: the SSH output of one command, or the body of one REST response.
 * The grader's commands answer a few KiB (one volume, a handful of aggregates); 4 MiB leaves room for a cluster
 * with thousands of aggregates and stops a hostile or broken endpoint from filling memory.
 */
export const DEFAULT_MAX_ANSWER_BYTES = 4 * 1024 * 1024
/** How long an SSH login or an HTTPS connection may take. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000
/** How long one SSH command or one HTTP request may take. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 30_000

/**
 * The error a stopped ONTAP call rejects with: the signal's own reason when it is a GraderError (the run's
 * TIMEOUT or CANCELLED) as it is, else CANCELLED naming the call that was stopped.
 */
export function abortError(signal: AbortSignal, call: StoppedCall): GraderError {
  const reason: unknown = signal.reason
  if (typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'GraderError') return reason as GraderError
  return ontapError('CANCELLED', 'ontap.cancelled', { call })
}
