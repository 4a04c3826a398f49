// Grader errors: the grader could not tell whether the student's work is right (API down, ONTAP unreachable,
// a timeout of the grader's own). They make a check `error`, never `failed`, and never cost the student points.
//
// Errors cross the vitest worker boundary serialised, so classify them by `name`, not `instanceof`.

export type GraderErrorCode =
  | 'USAGE'
  | 'CONFIG'
  | 'KUBE_UNREACHABLE'
  | 'KUBE_FORBIDDEN'
  | 'KUBE_UNAUTHORIZED'
  | 'KUBE_API'
  | 'ONTAP_UNREACHABLE'
  | 'ONTAP_AUTH'
  | 'ONTAP_HOST_KEY'
  | 'ONTAP_TLS'
  | 'ONTAP_TIMEOUT'
  | 'ONTAP_COMMAND'
  | 'ONTAP_MEDIA_UNKNOWN'
  | 'LEASE_HELD'
  | 'TIMEOUT'
  | 'CANCELLED'
  | 'INTERNAL'

export class GraderError extends Error {
  override name = 'GraderError'
  readonly code: GraderErrorCode
  /** Extra facts for instructors (never secrets). */
  readonly details?: Record<string, unknown>

  constructor(code: GraderErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.details = options?.details
  }
}

/** A usage or configuration problem: one sentence, exit code 9, no stack trace. */
export class UsageError extends GraderError {
  override name = 'UsageError'
  constructor(message: string) {
    super('USAGE', message)
  }
}

export function isGraderError(error: unknown): error is GraderError {
  return typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string' && ['GraderError', 'UsageError'].includes((error as { name: string }).name)
}
