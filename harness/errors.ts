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
  /** The same sentence in Japanese, where the grader says it in both (see harness/i18n/usage-errors.ts). */
  readonly ja?: string

  constructor(code: GraderErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown>; ja?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.details = options?.details
    if (options?.ja !== undefined) this.ja = options.ja
  }
}

/**
 * A usage or configuration problem: one sentence, exit code 9, no stack trace. The message is English; `ja` is the
 * same sentence in Japanese. Made by usageError() (harness/i18n/usage-errors.ts), which takes both from the catalogues.
 */
export class UsageError extends GraderError {
  override name = 'UsageError'
  constructor(message: string, ja?: string) {
    super('USAGE', message, { ja })
  }
}

/** An error's sentence in both languages (English where it has no Japanese). */
export function bothSentences(error: Error): { en: string; ja: string } {
  const ja = (error as { ja?: unknown }).ja
  return { en: error.message, ja: typeof ja === 'string' ? ja : error.message }
}

/** An error's sentence in `lang`: its Japanese when asked for and there, else its message. */
export function errorSentence(error: Error, lang: 'en' | 'ja'): string {
  return bothSentences(error)[lang]
}

export function isGraderError(error: unknown): error is GraderError {
  return typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string' && ['GraderError', 'UsageError'].includes((error as { name: string }).name)
}
