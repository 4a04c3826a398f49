// Usage and configuration errors (exit 9) in both languages. Code that refuses an input throws
// usageError(key, params): the key names a sentence of the catalogues (usage-errors-en.ts for one student's run,
// class-errors-en.ts for a class), the parameters are checked by the compiler, and the error carries the English
// and the Japanese sentence, so the CLI can print the one the run speaks even before it knows the rest of its settings.

import { GraderError, UsageError, type GraderErrorCode } from '../errors.js'
import { CLASS_ERRORS_EN } from './class-errors-en.js'
import { CLASS_ERRORS_JA } from './class-errors-ja.js'
import { USAGE_ERRORS_EN } from './usage-errors-en.js'
import { USAGE_ERRORS_JA } from './usage-errors-ja.js'

const EN = { ...USAGE_ERRORS_EN, ...CLASS_ERRORS_EN }
const JA: Record<keyof typeof EN, (p: any) => string> = { ...USAGE_ERRORS_JA, ...CLASS_ERRORS_JA }

export type UsageErrorKey = keyof typeof EN

/** The arguments after the key: none for a sentence without parameters, else exactly its parameters. */
type ArgsOf<F> = F extends () => string ? [] : F extends (p: infer P) => string ? [params: P] : never

export function usageError<K extends UsageErrorKey>(key: K, ...args: ArgsOf<(typeof EN)[K]>): UsageError {
  const params = args[0] ?? {}
  return new UsageError((EN[key] as (p: object) => string)(params), JA[key](params))
}

/** A sentence of the catalogues in both languages (a detail another message quotes). */
export function sentence<K extends UsageErrorKey>(key: K, ...args: ArgsOf<(typeof EN)[K]>): { en: string; ja: string } {
  const params = args[0] ?? {}
  return { en: (EN[key] as (p: object) => string)(params), ja: JA[key](params) }
}

/** An error that stops a run before or while it grades (a kubeconfig that does not work, the budget), in both languages. */
export function runError<K extends UsageErrorKey>(code: GraderErrorCode, key: K, params: ParamsOf<(typeof EN)[K]>, options: { details?: Record<string, unknown> } = {}): GraderError {
  return new GraderError(code, (EN[key] as (p: object) => string)(params), { ...options, ja: JA[key](params) })
}

type ParamsOf<F> = F extends (p: infer P) => string ? (unknown extends P ? Record<never, never> : P) : never
