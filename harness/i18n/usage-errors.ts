// Usage and configuration errors (exit 9) and the grader's errors about a run, in both languages. Code that refuses
// an input throws usageError(key, params): the key names an entry of the catalogues (usage-errors-en.ts for one
// student's run, class-errors-en.ts for a class), the parameters are checked by the compiler, and the error carries
// the English and the Japanese sentence, so the CLI can print the one the run speaks even before it knows the rest
// of its settings.

import { GraderError, UsageError, type GraderErrorCode } from '../errors.js'
import { renderMessage, renderText, type MessageArgs, type Messages, type ParamsOf, type RenderedText } from './catalogue.js'
import { CLASS_ERRORS_EN } from './class-errors-en.js'
import { CLASS_ERRORS_JA } from './class-errors-ja.js'
import { USAGE_ERRORS_EN } from './usage-errors-en.js'
import { USAGE_ERRORS_JA } from './usage-errors-ja.js'

const EN = { ...USAGE_ERRORS_EN, ...CLASS_ERRORS_EN }
const ERRORS: Messages<typeof EN> = { en: EN, ja: { ...USAGE_ERRORS_JA, ...CLASS_ERRORS_JA } }

export type UsageErrorKey = keyof typeof EN

export function usageError<K extends UsageErrorKey>(key: K, ...params: MessageArgs<typeof EN, K>): UsageError {
  const { en, ja } = renderText(ERRORS, key, ...params)
  return new UsageError(en, ja)
}

/** An entry of the catalogues in both languages (a detail another message quotes). */
export function sentence<K extends UsageErrorKey>(key: K, ...params: MessageArgs<typeof EN, K>): RenderedText {
  return renderText(ERRORS, key, ...params)
}

/** An error that stops a run before or while it grades (a kubeconfig that does not work, the budget), in both languages. */
export function runError<K extends UsageErrorKey>(code: GraderErrorCode, key: K, params: ParamsOf<(typeof EN)[K]>, options: { details?: Record<string, unknown> } = {}): GraderError {
  const { en, ja } = renderMessage(ERRORS, key, params).message
  return new GraderError(code, en, { ...options, ja })
}
