// --help and the README's flag tables are made from the parser's own option list (FLAG_OPTIONS) and the help
// catalogue: the committed READMEs hold what the generator makes, the help in both languages names every option and
// the objectives it is given, and printing the help loads no objective.

import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONFIG_FILE_KEYS } from '../config/grader-config.js'
import { FLAG_TABLE_END, FLAG_TABLE_START, README_LANGS, flagTables, withFlagTables } from './flag-table.js'
import { FLAG_GROUPS, FLAG_OPTIONS, type FlagOption } from './parse-args.js'
import { displayWidth, usageLine, usageText, wrap } from './usage-text.js'

const ROOT = join(import.meta.dirname, '..', '..')
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')
const OPTIONS = Object.entries(FLAG_OPTIONS) as [string, FlagOption][]
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/

describe("the README's flag tables", () => {
  it.each(README_LANGS.map((r) => [r.file, r.lang] as const))('%s holds the tables `npm run docs:flags` makes', (file, lang) => {
    const readme = read(file)
    expect(readme.split('\n').filter((l) => l === FLAG_TABLE_START || l === FLAG_TABLE_END)).toEqual([FLAG_TABLE_START, FLAG_TABLE_END])
    expect(readme, `${file}'s flag tables are out of date: run \`npm run docs:flags\` and commit ${file}`).toBe(withFlagTables(readme, lang, file))
  })

  it.each(README_LANGS.map((r) => [r.file, r.lang] as const))('in %s name every option, its environment variable and config key', (_, lang) => {
    const tables = flagTables(lang)
    for (const [name, option] of OPTIONS) {
      const row = tables.split('\n').find((l) => l.startsWith(`| \`${option.short ? `-${option.short}, ` : ''}--${name}`))
      expect(row, name).toBeDefined()
      if (option.env) expect(row).toContain(`\`${option.env}\``)
      if (option.config) expect(row).toContain(`\`${option.config}\``)
    }
    if (lang === 'ja') expect(tables).toMatch(JAPANESE)
  })

  it('refuses a README without the markers, saying which lines to add', () => {
    expect(() => withFlagTables('# x\n', 'en', 'README.md')).toThrow(`README.md has no flag tables: put the lines ${FLAG_TABLE_START} and ${FLAG_TABLE_END}`)
    expect(withFlagTables(`a\n${FLAG_TABLE_START}\nold\n${FLAG_TABLE_END}\nb\n`, 'en')).toBe(`a\n${flagTables('en')}\nb\n`)
  })

  it('each README links the other at the top', () => {
    expect(read('README.md').split('\n').slice(0, 5).join('\n')).toContain('(README.ja.md)')
    expect(read('README.ja.md').split('\n').slice(0, 10).join('\n')).toContain('(README.md)')
  })
})

describe('the option list', () => {
  it('names only config keys a config file may hold', () => {
    for (const [name, option] of OPTIONS) if (option.config) expect(CONFIG_FILE_KEYS, name).toContain(option.config)
  })

  it('names only environment variables the grader reads', () => {
    const sources = sourceFiles('harness').map(read).join('\n')
    for (const [name, option] of OPTIONS) if (option.env) expect(sources.includes(`env.${option.env}`), `${name}: env.${option.env}`).toBe(true)
  })
})

describe('--help', () => {
  const IDS = ['first-objective', 'second-objective']

  it.each(['en', 'ja'] as const)('in %s names every option in its group, the exit codes and the objectives it is given', (lang) => {
    const text = usageText(lang, IDS)
    for (const [name, option] of OPTIONS) {
      expect(text).toMatch(new RegExp(`^ {2}${option.short ? `-${option.short}, ` : ''}--${name}${option.value ? ` ${option.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` : ''}( |$)`, 'm'))
    }
    expect(text.replace(/\s+/g, ' ')).toContain(IDS.join(', '))
    expect(text).toContain(lang === 'en' ? 'Exit codes: 0 all passed' : '終了コード: 0 すべて合格')
    expect(text.split('\n')[0]).toBe(usageLine(lang))
    expect(text.split('\n').filter((l) => /^\S/.test(l) && !/^(Usage|使い方)/.test(l)).length).toBeGreaterThanOrEqual(FLAG_GROUPS.length)
    for (const line of text.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(110)
  })

  it('in English starts with the usage line and is English only; in Japanese every description is Japanese', () => {
    expect(usageLine('en')).toBe('Usage: npm test -- --student=<namespace> [options]')
    expect(usageText('en', IDS)).not.toMatch(JAPANESE)
    for (const line of usageText('ja', IDS).split('\n')) if (/^ {2}--[a-z-]+( \S+)? {2,}\S/.test(line)) expect(line).toMatch(JAPANESE)
  })

  it('loads no objective: the modules it imports do not reach the rubric', () => {
    const loaded = importsOf(join(ROOT, 'harness/cli/usage-text.ts'))
    expect([...loaded].map((f) => relative(ROOT, f)).filter((f) => f.startsWith('harness/rubric/') || f.startsWith('specs/'))).toEqual([])
    expect(loaded.size).toBeGreaterThan(3)
  })
})

describe('wrap', () => {
  it('breaks English at spaces and Japanese between characters, never before a closing mark', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four'])
    expect(wrap('あいうえお、かきくけこ', 10)).toEqual(['あいうえ', 'お、かきく', 'けこ'])
    expect(wrap('ID をカンマ区切りで（既定: すべて）', 14).every((l) => !/^[、。）]/.test(l))).toBe(true)
    expect(wrap('a-very-long-word-that-stays-whole x', 10)).toEqual(['a-very-long-word-that-stays-whole', 'x'])
  })
})

/** The TypeScript sources under `dir`, tests and test helpers left out. */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .filter((f) => !f.includes('test-support'))
}

/** Every module `file` loads at run time (type-only imports left out), itself included. */
function importsOf(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen
  seen.add(file)
  const text = readFileSync(file, 'utf8')
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\s)[^'"]*?from\s+'(\.[^']+)'/gm)) {
    importsOf(resolve(dirname(file), m[1].replace(/\.js$/, '.ts')), seen)
  }
  return seen
}
