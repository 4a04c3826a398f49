// Usage errors in both languages: every sentence of the catalogues renders in English and in Japanese, and no
// product code makes a UsageError of its own (one that would have no Japanese).

import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLASS_ERRORS_EN } from './class-errors-en.js'
import { USAGE_ERRORS_EN } from './usage-errors-en.js'
import { usageError, type UsageErrorKey } from './usage-errors.js'

const ROOT = join(import.meta.dirname, '..', '..')
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/

/** Stands for any parameter, however deep a sentence reads it: it prints as "v", a list of it joins to "v". */
const anything: any = new Proxy(() => anything, {
  get: (_, key) => (key === Symbol.toPrimitive ? () => 'v' : key === 'join' ? () => 'v' : key === 'map' || key === 'filter' ? () => ['v'] : key === 'length' ? 1 : anything),
})

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .filter((f) => !f.includes('test-support') && !f.includes('node_modules'))
}

describe('usage errors', () => {
  const keys = [...Object.keys(USAGE_ERRORS_EN), ...Object.keys(CLASS_ERRORS_EN)] as UsageErrorKey[]

  it.each(keys)('%s has a Japanese sentence', (key) => {
    const error = (usageError as (key: UsageErrorKey, params: object) => Error & { ja?: string })(key, anything)
    expect(error.name).toBe('UsageError')
    expect(error.message).not.toMatch(JAPANESE)
    expect(error.ja).toMatch(JAPANESE)
    expect(`${error.message} ${error.ja}`).not.toMatch(/\[object|=>/)
  })

  it('carries the values it was given in both languages', () => {
    const error = usageError('student.invalid', { student: 'Alice_1' })
    expect(error.message).toBe('--student "Alice_1" is not a valid namespace name: use lower-case letters, digits and "-", at most 63 characters.')
    expect(error.ja).toContain('--student "Alice_1"')
    const named = usageError('file.missing', { what: { en: "The roster's passwordFile for bob", ja: '名簿の bob の passwordFile' }, shown: 'pw.txt' })
    expect(named.message).toBe("The roster's passwordFile for bob names pw.txt, which does not exist.")
    expect(named.ja).toBe('名簿の bob の passwordFile に指定された pw.txt はありません。')
  })

  it('are made only through usageError(), so each has its Japanese', () => {
    const makers = [...sourceFiles('harness'), ...sourceFiles('specs')].filter((f) => /new UsageError\(/.test(readFileSync(join(ROOT, f), 'utf8')))
    expect(makers).toEqual(['harness/i18n/usage-errors.ts'])
  })
})
