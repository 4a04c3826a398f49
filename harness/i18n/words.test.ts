// The word catalogues: Japanese is typed against English (a missing entry or a parameter of another type does not
// compile, proved with the TypeScript compiler on the real words-ja.ts and on broken copies of it), has every
// entry English has, and says its console lines in Japanese.

import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { WORDS_EN } from './words-en.js'
import { WORDS_JA } from './words-ja.js'
import { wordsFor } from './words.js'

const HERE = dirname(fileURLToPath(import.meta.url))
const JA_SOURCE = readFileSync(join(HERE, 'words-ja.ts'), 'utf8')

/** The compiler's errors for a file of this folder with this text (words-en.ts and words-ja.ts as they are). */
function compileErrors(text: string): string[] {
  const file = join(HERE, 'words-ja.variant.ts')
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
  host.getSourceFile = (name, language, ...rest) => (name === file ? ts.createSourceFile(name, text, language) : getSourceFile(name, language, ...rest))
  const fileExists = host.fileExists.bind(host)
  host.fileExists = (name) => name === file || fileExists(name)
  const program = ts.createProgram([file], options, host)
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => `${d.file ? d.file.fileName.slice(HERE.length + 1) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
}

/** Every entry as a path (`console.total`) and its kind. */
function shape(words: object, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    Object.entries(words).flatMap(([key, value]) => (typeof value === 'object' && value !== null ? Object.entries(shape(value, `${prefix}${key}.`)) : [[`${prefix}${key}`, typeof value]])),
  )
}

describe('the Japanese catalogue is typed against the English one', () => {
  it('compiles as it is', () => {
    expect(compileErrors(JA_SOURCE)).toEqual([])
  }, 60_000)

  it('does not compile with an entry missing, an entry English does not have, or a parameter English does not pass', () => {
    const missing = JA_SOURCE.replace(/^ {4}postIgnored: .*\n/m, '')
    expect(missing).not.toBe(JA_SOURCE)
    expect(compileErrors(missing).join('\n')).toMatch(/postIgnored/)

    const extra = JA_SOURCE.replace(/^ {4}postIgnored: /m, "    postIgnoredTwice: 'x',\n    postIgnored: ")
    expect(compileErrors(extra).join('\n')).toMatch(/postIgnoredTwice/)

    const wrongParameter = JA_SOURCE.replace('partialScorecard: (p) => `途中までの採点結果: ${p.file}`', 'partialScorecard: (p: { file: number }) => `途中までの採点結果: ${p.file + 1}`')
    expect(wrongParameter).not.toBe(JA_SOURCE)
    expect(compileErrors(wrongParameter).join('\n')).toMatch(/partialScorecard|number/)

    const unknownParameter = JA_SOURCE.replace('partialScorecard: (p) => `途中までの採点結果: ${p.file}`', 'partialScorecard: (p) => `途中までの採点結果: ${p.files}`')
    expect(compileErrors(unknownParameter).join('\n')).toMatch(/files/)
  }, 60_000)

  it('has every entry English has, of the same kind', () => {
    expect(shape(WORDS_JA)).toEqual(shape(WORDS_EN))
  })
})

describe('wordsFor', () => {
  it("gives the run's language", () => {
    expect(wordsFor('en')).toBe(WORDS_EN)
    expect(wordsFor('ja')).toBe(WORDS_JA)
    expect(wordsFor(undefined as never)).toBe(WORDS_EN)
  })

  it('says every console line and prompt in Japanese', () => {
    const c = WORDS_JA.console
    const total = { awarded: 70, labPoints: 100, notChecked: { ids: ['data-persists'], points: 30 } }
    const counts = { passed: 6, failed: 0, blocked: 0, error: 0, skipped: 2 }
    const lines = [
      c.grading({ student: 'alice', selfCheck: true }),
      c.alsoGrading({ ids: ['pvc-bound'] }),
      c.postIgnored,
      c.stopping,
      c.posted({ url: 'https://lms.example/hook', attempts: 1 }),
      c.error({ detail: 'x' }),
      c.partialScorecard({ file: 'r/scorecard.json' }),
      c.total({ student: 'alice', total, counts }),
      c.detected({ versions: ['Kubernetes v1.34.4'] }),
      c.scorecard({ dir: 'r', json: 'scorecard.json', others: ['junit.xml'] }),
      c.confirmDelete,
    ]
    for (const line of lines) expect(line).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
    for (const line of lines) expect(line).not.toMatch(/\b(Grading|points|detected|scorecard:|Stopping|Note)\b/)
  })
})
