// The one way the grader writes a sentence in both languages. An English catalogue declares every entry and the
// parameters it takes; the Japanese one is typed against it (Translation), so a missing entry, a missing hint, an
// extra entry or a parameter English does not pass is a compile error. Every catalogue of the grader is written so:
// the objectives' messages, the grader's messages about a check (messages.ts), usage and run errors
// (usage-errors-en.ts, class-errors-en.ts), the ONTAP clients' errors (ontap-errors-en.ts), the words of reports
// and the console (words-en.ts) and --help (help-en.ts).
//
// A catalogue is read in both languages at once (renderMessage, renderText: what an error or a card carries) or in
// the language of a run (inLang: the words of one console or one report). Callers name an entry by key and pass
// exactly its parameters (MessageArgs).

export type Lang = 'en' | 'ja'

export interface RenderedText {
  en: string
  ja: string
}

/** A value a message quotes: a name, a count, a text the student's cluster gave. */
export type Text = string | number

/** A sentence of its typed parameters (or of none). */
export type Phrase = (p: any) => string

/** A message about the student's work: what is wrong, and (optionally) where to look. */
export interface MessageEntry {
  message: Phrase
  hint?: Phrase
}

/** One entry: a word or a fixed text, a sentence with typed parameters, or a message with its hint. */
export type Entry = string | Phrase | MessageEntry

export type Catalogue = Record<string, Entry>

/**
 * The same catalogue in another language: the same keys (none more), each of the same kind as in English, with a
 * hint where English has one and the same parameters. Catalogues grouped in an object are translated group by group.
 */
export type Translation<C extends object> = { readonly [K in keyof C]: C[K] }

/** A catalogue (or a group of catalogues) in both languages. */
export interface Messages<C extends object> {
  en: C
  ja: NoInfer<Translation<C>>
}

/** No parameters. */
type None = Record<never, never>

type ArgOf<F> = F extends (p: infer P) => string ? (unknown extends P ? None : P) : None

/** The parameters of one entry: what its text and its hint quote. */
export type ParamsOf<E> = E extends string ? None : E extends Phrase ? ArgOf<E> : (E extends { message: infer M } ? ArgOf<M> : None) & (E extends { hint: infer H } ? ArgOf<H> : None)

/** The arguments after the key: none for an entry without parameters, else exactly its parameters. */
export type MessageArgs<C extends object, K extends keyof C> = None extends ParamsOf<C[K]> ? [params?: ParamsOf<C[K]>] : [params: ParamsOf<C[K]>]

/** An entry of a catalogue with its parameters, as one value (for code that picks the message it reports). */
export type MessageOf<C extends object> = { [K in keyof C & string]: { key: K; params: ParamsOf<C[K]> } }[keyof C & string]

export interface RenderedMessage {
  message: RenderedText
  hint?: RenderedText
}

function entryOf(catalogue: object, key: string): Entry | undefined {
  return Object.hasOwn(catalogue, key) ? (catalogue as Record<string, Entry>)[key] : undefined
}

function say(entry: Entry, params: object): { message: string; hint?: string } {
  if (typeof entry === 'string') return { message: entry }
  if (typeof entry === 'function') return { message: entry(params) }
  return { message: entry.message(params), hint: entry.hint?.(params) }
}

/** An entry in both languages. Throws for a key the catalogue does not have (a grader bug, never the student's). */
export function renderMessage<C extends Catalogue>(messages: Messages<C>, key: string, params: object = {}): RenderedMessage {
  const en = entryOf(messages.en, key)
  const ja = entryOf(messages.ja, key)
  if (en === undefined || ja === undefined) throw new Error(`no message ${key} in this catalogue`)
  const [inEn, inJa] = [say(en, params), say(ja, params)]
  return {
    message: { en: inEn.message, ja: inJa.message },
    hint: inEn.hint !== undefined && inJa.hint !== undefined ? { en: inEn.hint, ja: inJa.hint } : undefined,
  }
}

/** The text of one entry in both languages, its parameters checked by the compiler. */
export function renderText<C extends Catalogue, K extends keyof C & string>(messages: Messages<C>, key: K, ...params: MessageArgs<C, K>): RenderedText {
  return renderMessage(messages, key, params[0]).message
}

/** A catalogue in one language: the run's, or English for a language the grader does not speak (a card made by hand). */
export function inLang<C extends object>(messages: Messages<C>, lang: Lang): Translation<C> {
  return lang === 'ja' ? messages.ja : messages.en
}

/** Quoted texts (Trident reasons, events) end sentences of ours: drop their own final period. */
export function trimStop(text: Text): string {
  return String(text)
    .trim()
    .replace(/[.。]$/, '')
}

/** A name a sentence quotes: the same in both languages (a flag, a path) or said in each (`the roster's kubeconfig for alice`). */
export type Named = string | RenderedText

/** A Named in one language. */
export function nameIn(name: Named, lang: Lang): string {
  return typeof name === 'string' ? name : name[lang]
}
