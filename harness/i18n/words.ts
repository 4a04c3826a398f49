// The words of a run's language (words-en.ts declares them, words-ja.ts translates them), read through the
// catalogue (catalogue.ts): callers ask once for their language and use the entries, never a language flag of their
// own; a text a card or a summary carries in both languages is rendered in both.

import { inLang, renderText, type Catalogue, type Lang, type Messages, type MessageArgs, type RenderedText, type Translation } from './catalogue.js'
import { WORDS_EN, type Words } from './words-en.js'
import { WORDS_JA } from './words-ja.js'

export type { CardProblem, LabTotal, NotChecked, StatusCounts, Words } from './words-en.js'

const WORDS: Messages<Words> = { en: WORDS_EN, ja: WORDS_JA }

/** The words of `lang`; English for a language the grader does not speak (a card made by hand or by another tool). */
export function wordsFor(lang: Lang): Translation<Words> {
  return inLang(WORDS, lang)
}

/** One entry of a group of words in both languages (a sentence a card or a summary carries in both). */
export function wordsInBoth<G extends keyof Words, K extends keyof Words[G] & string>(group: G, key: K, ...params: MessageArgs<Words[G], K>): RenderedText {
  const messages = { en: WORDS.en[group], ja: WORDS.ja[group] } as Messages<Words[G] & Catalogue>
  return renderText(messages, key, ...(params as MessageArgs<Words[G] & Catalogue, K>))
}
