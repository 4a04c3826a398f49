// The one catalogue mechanism: an entry is a word, a sentence of typed parameters or a message with its hint, all
// rendered by renderMessage; and every Japanese catalogue is typed against its English one, so a missing entry or
// one English does not have is a compile error (proved with the TypeScript compiler on broken copies of each).

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { inLang, renderMessage, renderText, type Catalogue, type Translation } from './catalogue.js'

const HERE = import.meta.dirname

const EN = {
  word: 'Passed',
  sentence: (p: { n: number }) => `${p.n} passed`,
  message: { message: (p: { id: string }) => `${p.id} failed`, hint: (p: { step: string }) => `See ${p.step}.` },
} satisfies Catalogue

const JA: Translation<typeof EN> = {
  word: '合格',
  sentence: (p) => `合格 ${p.n}`,
  message: { message: (p) => `${p.id} は不合格`, hint: (p) => `${p.step} を参照。` },
}

const MESSAGES = { en: EN, ja: JA }

describe('renderMessage', () => {
  it('renders a word, a sentence and a message with its hint in both languages', () => {
    expect(renderMessage(MESSAGES, 'word')).toEqual({ message: { en: 'Passed', ja: '合格' }, hint: undefined })
    expect(renderText(MESSAGES, 'sentence', { n: 3 })).toEqual({ en: '3 passed', ja: '合格 3' })
    expect(renderMessage(MESSAGES, 'message', { id: 'pvc-bound', step: 'x' })).toEqual({
      message: { en: 'pvc-bound failed', ja: 'pvc-bound は不合格' },
      hint: { en: 'See x.', ja: 'x を参照。' },
    })
  })

  it('throws for a key the catalogue does not have, also one inherited from Object', () => {
    expect(() => renderMessage(MESSAGES, 'nope')).toThrow('no message nope in this catalogue')
    expect(() => renderMessage(MESSAGES, 'toString')).toThrow('no message toString')
  })

  it('reads a catalogue in the language of a run, English for any other', () => {
    expect(inLang(MESSAGES, 'ja').word).toBe('合格')
    expect(inLang(MESSAGES, 'en').word).toBe('Passed')
    expect(inLang(MESSAGES, 'fr' as never).word).toBe('Passed')
  })
})

/** Each Japanese catalogue file, and the line that opens its (first) Translation. */
const JAPANESE_CATALOGUES = ['usage-errors-ja.ts', 'class-errors-ja.ts', 'ontap-errors-ja.ts', 'words-ja.ts', 'help-ja.ts']

/** The compiler's errors, per file, for files of this folder with these texts (the other files as they are). */
function compileErrors(files: Record<string, string>): Record<string, string[]> {
  const paths = Object.fromEntries(Object.entries(files).map(([name, text]) => [join(HERE, name), text]))
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: [],
  }
  const host = ts.createCompilerHost(options)
  const getSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (name, language, ...rest) => (name in paths ? ts.createSourceFile(name, paths[name], language) : getSourceFile(name, language, ...rest))
  const fileExists = host.fileExists.bind(host)
  host.fileExists = (name) => name in paths || fileExists(name)
  const program = ts.createProgram(Object.keys(paths), options, host)
  const errors: Record<string, string[]> = Object.fromEntries(Object.keys(files).map((name) => [name, []]))
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const name = d.file?.fileName.slice(HERE.length + 1)
    if (d.category === ts.DiagnosticCategory.Error && name && name in errors) errors[name].push(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  }
  return errors
}

describe('every Japanese catalogue is typed against its English one', () => {
  it('does not compile with an entry missing or an entry English does not have', () => {
    const variants: Record<string, string> = {}
    const removed: Record<string, string> = {}
    for (const file of JAPANESE_CATALOGUES) {
      const text = readFileSync(join(HERE, file), 'utf8')
      const open = /^export const \w+: Translation<\w+> = \{\n/m.exec(text)
      expect(open, file).not.toBeNull()
      const at = open!.index + open![0].length
      // The first entry of that catalogue, when it fits on one line.
      const entry = /^ {2}('[\w.-]+'|\w+): .*,\n/.exec(text.slice(at))
      expect(entry, file).not.toBeNull()
      removed[file] = entry![1].replace(/'/g, '')
      variants[file.replace('.ts', '.missing.variant.ts')] = text.slice(0, at) + text.slice(at + entry![0].length)
      variants[file.replace('.ts', '.extra.variant.ts')] = `${text.slice(0, at)}  'no-such-entry': 'x',\n${text.slice(at)}`
    }
    const errors = compileErrors(variants)
    for (const file of JAPANESE_CATALOGUES) {
      expect(errors[file.replace('.ts', '.missing.variant.ts')].join('\n'), file).toContain(removed[file])
      expect(errors[file.replace('.ts', '.extra.variant.ts')].join('\n'), file).toContain('no-such-entry')
    }
  }, 120_000)
})
