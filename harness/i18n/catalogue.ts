// Typed message catalogues. The English catalogue declares every message and the parameters it takes; the
// Japanese one is typed against it, so a missing message, a missing hint or a parameter English does not pass is a
// compile error. Callers name a message by key and pass exactly its parameters (see ParamsOf and MessageArgs).

export type Lang = 'en' | 'ja'

export interface RenderedText {
  en: string
  ja: string
}

/** A value a message quotes: a name, a count, a text the student's cluster gave. */
export type Text = string | number

/** One message in one language: what is wrong, and (optionally) where to look. */
export interface MessageEntry {
  message: (p: any) => string
  hint?: (p: any) => string
}

export type Catalogue = Record<string, MessageEntry>

/** The same catalogue in another language: the same keys, each with a hint where English has one, same parameters. */
export type Translation<C extends object> = { readonly [K in keyof C]: C[K] }

/** A catalogue in both languages. */
export interface Messages<C extends Catalogue> {
  en: C
  ja: NoInfer<Translation<C>>
}

/** No parameters. */
type None = Record<never, never>

type ArgOf<F> = F extends (p: infer P) => string ? (unknown extends P ? None : P) : None

/** The parameters of one message: what its text and its hint quote. */
export type ParamsOf<E> = (E extends { message: infer M } ? ArgOf<M> : None) & (E extends { hint: infer H } ? ArgOf<H> : None)

/** The arguments after the key: none for a message without parameters, else exactly its parameters. */
export type MessageArgs<C extends Catalogue, K extends keyof C> = None extends ParamsOf<C[K]> ? [params?: ParamsOf<C[K]>] : [params: ParamsOf<C[K]>]

/** A message of a catalogue with its parameters, as one value (for code that picks the message it reports). */
export type MessageOf<C extends Catalogue> = { [K in keyof C & string]: { key: K; params: ParamsOf<C[K]> } }[keyof C & string]

export interface RenderedMessage {
  message: RenderedText
  hint?: RenderedText
}

/** A message in both languages. Throws for a key the catalogue does not have (a grader bug, never the student's). */
export function renderMessage<C extends Catalogue>(messages: Messages<C>, key: string, params: object = {}): RenderedMessage {
  const en: MessageEntry | undefined = Object.hasOwn(messages.en, key) ? messages.en[key] : undefined
  const ja: MessageEntry | undefined = Object.hasOwn(messages.ja, key) ? messages.ja[key as keyof C] : undefined
  if (!en || !ja) throw new Error(`no message ${key} in this catalogue`)
  return {
    message: { en: en.message(params), ja: ja.message(params) },
    hint: en.hint && ja.hint ? { en: en.hint(params), ja: ja.hint(params) } : undefined,
  }
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
