// `--help`, made from the parser's own option list (FLAG_OPTIONS): each option in its group, with its value
// placeholder, what it does and its default from the help catalogue (harness/i18n/help-en.ts and help-ja.ts). The
// lab's objectives are a parameter: the engine does not load them to print its help.

import { inLang, type Lang, type Messages } from '../i18n/catalogue.js'
import { FLAG_DEFAULTS_EN, FLAG_MEANINGS_EN, HELP_EN, type FlagDefaults, type FlagMeanings, type HelpWords } from '../i18n/help-en.js'
import { FLAG_DEFAULTS_JA, FLAG_MEANINGS_JA, HELP_JA } from '../i18n/help-ja.js'
import { FLAG_GROUPS, FLAG_OPTIONS, type FlagGroup, type FlagName, type FlagOption } from './parse-args.js'

const HELP: Messages<HelpWords> = { en: HELP_EN, ja: HELP_JA }
const MEANINGS: Messages<FlagMeanings> = { en: FLAG_MEANINGS_EN, ja: FLAG_MEANINGS_JA }
const DEFAULTS: Messages<FlagDefaults> = { en: FLAG_DEFAULTS_EN, ja: FLAG_DEFAULTS_JA }

/** The widest line of the help, in terminal columns. */
const WIDTH = 110
/** Where an option's description starts. */
const COLUMN = 33

/** The commands the help's usage lines show (the same in every language). */
const USAGE_LINES = [
  'npm test -- --student=<namespace> {options}',
  'npm test -- --roster <class.yaml|class.csv> [--shard <i>/<n>] {options}',
  'npm test -- --roster <class.yaml|class.csv> --merge-class <dir> [<dir>...] [--out <dir>]',
]

/** The examples at the end of the help: a command and what it does. */
const EXAMPLES: { command: string; key: 'example.self-check' | 'example.instructor' | 'example.class' }[] = [
  { command: 'npm test -- --student=user07 --self-check --lang=ja', key: 'example.self-check' },
  { command: 'npm test -- --student=user07 --context=user07 --ontap-host=192.168.7.200 --svm=svm07', key: 'example.instructor' },
  { command: 'npm test -- --roster class.yaml --parallel 8', key: 'example.class' },
]

/** The options of a group, in the parser's order. */
export function flagsOf(group: FlagGroup): FlagName[] {
  return (Object.entries(FLAG_OPTIONS) as [FlagName, FlagOption][]).filter(([, o]) => o.group === group).map(([name]) => name)
}

/** An option as the help and the README show it: `-y, --yes`, `--student <ns>`. */
export function flagLabel(name: FlagName): string {
  const option: FlagOption = FLAG_OPTIONS[name]
  return `${option.short ? `-${option.short}, ` : ''}--${name}${option.value ? ` ${option.value}` : ''}`
}

/** What an option does, and its default where it has one, in one language. */
export function flagText(name: FlagName, lang: Lang): { meaning: string; default?: string } {
  const defaults: Partial<Record<FlagName, string>> = inLang(DEFAULTS, lang)
  return { meaning: inLang(MEANINGS, lang)[name], default: defaults[name] }
}

/** The words of the help and the README's tables in one language. */
export function helpWords(lang: Lang): HelpWords {
  return inLang(HELP, lang)
}

/** The help's first line (what a usage error about the command line ends with). */
export function usageLine(lang: Lang): string {
  const w = helpWords(lang)
  return `${w.usage} ${USAGE_LINES[0].replace('{options}', w.options)}`
}

/** `--help` in `lang`, listing `objectiveIds` (the lab's, in lab order). */
export function usageText(lang: Lang, objectiveIds: readonly string[]): string {
  const w = helpWords(lang)
  const title = w.usage
  const indent = ' '.repeat(displayWidth(title))
  const lines = USAGE_LINES.map((line, i) => `${i === 0 ? title : indent} ${line.replace('{options}', w.options)}`)
  lines.push('', ...wrap(w.intro, WIDTH))
  for (const group of FLAG_GROUPS) {
    lines.push('', ...wrap(w[`group.${group}`], WIDTH))
    for (const name of flagsOf(group)) {
      const { meaning, default: value } = flagText(name, lang)
      lines.push(...column(`  ${flagLabel(name)}`, value === undefined ? meaning : w.withDefault({ meaning, value })))
    }
  }
  lines.push('', ...wrap(w.secrets, WIDTH), '', ...wrap(w.once, WIDTH), '', ...wrap(w.exitCodes, WIDTH))
  lines.push(...wrap(w.objectives({ ids: objectiveIds }), WIDTH))
  lines.push('', w.examples)
  for (const example of EXAMPLES) lines.push(`  ${example.command}`, ...wrap(w[example.key], WIDTH - 6).map((l) => `      ${l}`))
  return lines.join('\n')
}

/** A label and its description: the description from COLUMN on, on the label's line when the label leaves room. */
function column(label: string, description: string): string[] {
  const text = wrap(description, WIDTH - COLUMN).map((l) => ' '.repeat(COLUMN) + l)
  if (label.length + 2 > COLUMN) return [label, ...text]
  return [label.padEnd(COLUMN) + text[0].slice(COLUMN), ...text.slice(1)]
}

/** Wide characters (CJK, full-width forms) take two terminal columns. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u
/** Japanese punctuation a line may not start with, and that a line may not end with. */
const NO_LINE_START = /[、。，．）」』】〕：！？ー・]/u
const NO_LINE_END = /[（「『【〔]/u

function charWidth(c: string): number {
  return WIDE.test(c) ? 2 : 1
}

export function displayWidth(text: string): number {
  let width = 0
  for (const c of text) width += charWidth(c)
  return width
}

/**
 * Breaks a text onto lines of at most `width` terminal columns: at its spaces, and between Japanese characters
 * (never before a closing mark nor after an opening one). A word longer than a line stays whole.
 */
export function wrap(text: string, width: number): string[] {
  // Pieces that may not be split, each with whether a space came before it.
  const pieces: { text: string; space: boolean }[] = []
  let piece = ''
  let space = false
  let previous = ''
  for (const c of text) {
    if (c === ' ') {
      if (piece) pieces.push({ text: piece, space })
      piece = ''
      space = true
    } else {
      if (piece && (WIDE.test(previous) || WIDE.test(c)) && !NO_LINE_START.test(c) && !NO_LINE_END.test(previous)) {
        pieces.push({ text: piece, space })
        piece = ''
        space = false
      }
      piece += c
    }
    previous = c
  }
  if (piece) pieces.push({ text: piece, space })
  const lines: string[] = []
  let line = ''
  let used = 0
  for (const p of pieces) {
    const gap = line && p.space ? 1 : 0
    const w = displayWidth(p.text)
    if (line && used + gap + w > width) {
      lines.push(line)
      line = p.text
      used = w
    } else {
      line += (gap ? ' ' : '') + p.text
      used += gap + w
    }
  }
  return [...lines, line]
}
