// The one way the ONTAP clients make a GraderError: an entry of the catalogues (harness/i18n/ontap-errors-en.ts
// and its Japanese), named by key with its typed parameters, rendered in both languages by the catalogue
// (harness/i18n/catalogue.ts). The clients' own errors go through OntapClientBase.error() (connection.ts), which
// adds how the grader talked to ONTAP; this is for the places outside a client. No sentence takes a secret as a
// parameter (harness/redact.ts): what ONTAP said is quoted as it is.

import { GraderError, type GraderErrorCode } from '../errors.js'
import { renderMessage, type Messages, type ParamsOf, type RenderedText } from '../i18n/catalogue.js'
import { ONTAP_ERRORS_EN, type OntapErrors } from '../i18n/ontap-errors-en.js'
import { ONTAP_ERRORS_JA } from '../i18n/ontap-errors-ja.js'

const ONTAP_ERRORS: Messages<OntapErrors> = { en: ONTAP_ERRORS_EN, ja: ONTAP_ERRORS_JA }

export type OntapErrorKey = keyof OntapErrors

export interface OntapErrorOptions {
  details?: Record<string, unknown>
}

/** One sentence of the catalogues in English and in Japanese. */
export function ontapText<K extends OntapErrorKey>(key: K, params: ParamsOf<OntapErrors[K]>): RenderedText {
  return renderMessage(ONTAP_ERRORS, key, params).message
}

/** A GraderError whose message is the English sentence and whose `ja` is the Japanese one. */
export function ontapError<K extends OntapErrorKey>(code: GraderErrorCode, key: K, params: ParamsOf<OntapErrors[K]>, options: OntapErrorOptions = {}): GraderError {
  const { en, ja } = ontapText(key, params)
  return new GraderError(code, en, { details: options.details, ja })
}
