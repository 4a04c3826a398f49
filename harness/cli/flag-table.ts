// The README's flag tables, made from the same option list and catalogue as --help (usage-text.ts): a table per
// group, each option with the environment variable and config file key that set it too, its default and what it
// does. writeFlagTables (npm run docs:flags) puts them between the README's markers; flag-table.test.ts fails when
// a README's tables differ from these.

import type { Lang } from '../i18n/catalogue.js'
import { FLAG_GROUPS, FLAG_OPTIONS, type FlagOption } from './parse-args.js'
import { flagLabel, flagsOf, flagText, helpWords } from './usage-text.js'

export const FLAG_TABLE_START = '<!-- flags:start -->'
export const FLAG_TABLE_END = '<!-- flags:end -->'

/** Each README and the language of its tables. */
export const README_LANGS: readonly { file: string; lang: Lang }[] = [
  { file: 'README.md', lang: 'en' },
  { file: 'README.ja.md', lang: 'ja' },
]

/** Plain text in a table cell: no HTML, no column break. */
const cell = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|')
/** Code in a table cell: a code span, its `|` escaped for the table. */
const code = (text: string | undefined) => (text === undefined ? '' : `\`${text.replace(/\|/g, '\\|')}\``)

/** A row of a table; an empty cell is one space. */
const row = (cells: string[]) => `|${cells.map((c) => (c ? ` ${c} ` : ' ')).join('|')}|`

/** The tables in `lang`, with the markers around them. */
export function flagTables(lang: Lang): string {
  const w = helpWords(lang)
  const lines = [FLAG_TABLE_START, '<!-- Made by `npm run docs:flags` from FLAG_OPTIONS (harness/cli/parse-args.ts) and harness/i18n/help-*.ts: edit those. -->']
  for (const group of FLAG_GROUPS) {
    lines.push('', `**${cell(w[`group.${group}`])}**`, '')
    lines.push(row([w['table.flag'], w['table.env'], w['table.config'], w['table.default'], w['table.meaning']]), '|---|---|---|---|---|')
    for (const name of flagsOf(group)) {
      const option: FlagOption = FLAG_OPTIONS[name]
      const { meaning, default: value } = flagText(name, lang)
      lines.push(row([code(flagLabel(name)), code(option.env), code(option.config), value === undefined ? '' : cell(value), cell(meaning)]))
    }
  }
  lines.push('', FLAG_TABLE_END)
  return lines.join('\n')
}

/** The README with its tables replaced by those of `lang`. Throws when the README lacks the markers. */
export function withFlagTables(readme: string, lang: Lang, file = 'the README'): string {
  const start = readme.indexOf(FLAG_TABLE_START)
  const end = readme.indexOf(FLAG_TABLE_END)
  if (start < 0 || end < start) throw new Error(`${file} has no flag tables: put the lines ${FLAG_TABLE_START} and ${FLAG_TABLE_END} where they go`)
  return readme.slice(0, start) + flagTables(lang) + readme.slice(end + FLAG_TABLE_END.length)
}
