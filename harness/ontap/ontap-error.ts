// The one way the ONTAP clients make a GraderError: a sentence of the catalogues (harness/i18n/ontap-errors-en.ts
// and its Japanese), named by key with its typed parameters, in both languages. The clients' own errors go through
// OntapClientBase.error() (connection.ts), which adds how the grader talked to ONTAP; this is for the places outside a
// client. No sentence takes a secret as a parameter (harness/redact.ts): what ONTAP said is quoted as it is.

import { GraderError, type GraderErrorCode } from '../errors.js'
import type { RenderedText } from '../i18n/catalogue.js'
import { ONTAP_ERRORS_EN, type OntapErrors } from '../i18n/ontap-errors-en.js'
import { ONTAP_ERRORS_JA } from '../i18n/ontap-errors-ja.js'

export type OntapErrorKey = keyof OntapErrors

/** The parameters of one sentence: `{}` for one without. */
export type OntapErrorParams<K extends OntapErrorKey> = OntapErrors[K] extends (p: infer P) => string ? (unknown extends P ? Record<never, never> : P) : never

export interface OntapErrorOptions {
  details?: Record<string, unknown>
}

/** One sentence of the catalogues in English and in Japanese. */
export function ontapText<K extends OntapErrorKey>(key: K, params: OntapErrorParams<K>): RenderedText {
  return { en: (ONTAP_ERRORS_EN[key] as (p: object) => string)(params), ja: (ONTAP_ERRORS_JA[key] as (p: object) => string)(params) }
}

/** A GraderError whose message is the English sentence and whose `ja` is the Japanese one. */
export function ontapError<K extends OntapErrorKey>(code: GraderErrorCode, key: K, params: OntapErrorParams<K>, options: OntapErrorOptions = {}): GraderError {
  const { en, ja } = ontapText(key, params)
  return new GraderError(code, en, { details: options.details, ja })
}
