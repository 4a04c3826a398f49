// The words of a run's language (words-en.ts declares them, words-ja.ts translates them): callers ask once for
// their language and use the entries, never a language flag of their own.

import type { Lang } from './messages.js'
import { WORDS_EN, type Words } from './words-en.js'
import { WORDS_JA } from './words-ja.js'

export type { LabTotal, NotChecked, StatusCounts, Words } from './words-en.js'

const WORDS: Record<Lang, Words> = { en: WORDS_EN, ja: WORDS_JA }

/** The words of `lang`; English for a language the grader does not speak (a card made by hand or by another tool). */
export function wordsFor(lang: Lang): Words {
  return Object.hasOwn(WORDS, lang) ? WORDS[lang] : WORDS.en
}
